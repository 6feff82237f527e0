package dev.openaccess.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openaccess.core.descriptor.Access;
import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.FineTuningNeed;
import dev.openaccess.core.descriptor.ModelEntry;
import dev.openaccess.core.descriptor.Openness;
import dev.openaccess.core.descriptor.ProfileFit;
import dev.openaccess.core.descriptor.Readiness;
import dev.openaccess.core.descriptor.Requirements;
import dev.openaccess.core.estimate.Bytes;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.RequirementsEstimator;
import dev.openaccess.core.report.ReadinessChart;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.doxia.sink.Sink;

/** The "Access readiness" page, written to a Doxia sink. */
final class ReadinessPage {

    private final Sink sink;
    private final HardwareCatalog catalog;

    ReadinessPage(Sink sink, HardwareCatalog catalog) {
        this.sink = sink;
        this.catalog = catalog;
    }

    void render(Descriptor descriptor, byte[] dependencies) throws IOException {
        sink.head();
        sink.title();
        sink.text("Access readiness");
        sink.title_();
        sink.head_();
        sink.body();
        sink.section1();
        sink.sectionTitle1();
        sink.text("Access readiness");
        sink.sectionTitle1_();
        if (descriptor != null) {
            verdict(descriptor);
            chart(descriptor);
            models(descriptor);
            requirements(descriptor.requirements());
            profiles(descriptor.requirements());
            if (descriptor.openness() != null) {
                openness(descriptor.openness(), descriptor.access());
            }
        }
        if (dependencies != null) {
            dependencies(new ObjectMapper().readTree(dependencies));
        }
        sink.section1_();
        sink.body_();
    }

    private void verdict(Descriptor descriptor) {
        Readiness readiness = descriptor.readiness();
        paragraph("Tier: " + readiness.tier() + " (minimum profile: " + orCluster(descriptor.requirements()
                .inference().minimumProfile()) + ").");
        table(List.of("persona", "runs it", "fine-tunes it", "retrains it"), List.of(
                persona("individual", readiness.personas().individual()),
                persona("lab", readiness.personas().lab()),
                persona("enterprise", readiness.personas().enterprise())));
        if (!readiness.blockers().isEmpty()) {
            subsection("What stands in the way");
            sink.list();
            for (String blocker : readiness.blockers()) {
                sink.listItem();
                sink.text(blocker);
                sink.listItem_();
            }
            sink.list_();
            sink.section2_();
        }
    }

    private static List<String> persona(String name, Readiness.Persona persona) {
        return List.of(name, persona.canRunInference() ? "yes, on " + persona.profile() : "no",
                persona.canFineTune() ? persona.fineTuning() + " on " + persona.fineTuningProfile() : "no",
                persona.canRetrain() ? "yes" : "no");
    }

    private void chart(Descriptor descriptor) {
        subsection("Memory needed against the hardware ladder");
        paragraph("Each bar is the memory a task needs (log scale); each line a profile's usable memory ("
                + Math.round(HardwareCatalog.FIT_FRACTION * 100) + "% of it). The artifact's rung is highlighted.");
        sink.rawText(ReadinessChart.svg(descriptor, catalog));
        sink.section2_();
    }

    private void models(Descriptor descriptor) {
        subsection("Models");
        table(List.of("path", "format", "family", "parameters", "weights", "loading"), descriptor.models().stream()
                .map(ReadinessPage::model).toList());
        if (!descriptor.unread().isEmpty()) {
            paragraph("Not counted: these files look like models, but no reader counts them; every figure on this page"
                    + " leaves them out.");
            table(List.of("path", "format", "why"), descriptor.unread().stream()
                    .map(file -> List.of(file.path(), file.format(), file.reason())).toList());
        }
        sink.section2_();
    }

    private static List<String> model(ModelEntry model) {
        return List.of(model.path(), model.format(), model.architecture() == null || model.architecture().family()
                        == null ? "-" : model.architecture().family(),
                String.format(Locale.ROOT, "%,d", model.parameters().total()),
                model.weightsBytes() == null ? "-" : Bytes.human(model.weightsBytes()),
                model.loading() == null ? "-" : model.loading().kind());
    }

    private void requirements(Requirements requirements) {
        subsection("Requirements");
        List<List<String>> rows = new java.util.ArrayList<>();
        requirements.inference().variants().forEach(variant -> rows.add(List.of("inference, " + variant.precision()
                + (variant.stored() ? " (stored)" : ""), Bytes.human(variant.totalBytes()),
                orCluster(variant.minimumProfile()))));
        if (requirements.fineTuning() != null) {
            for (Map.Entry<String, FineTuningNeed> method : RequirementsEstimator.methods(requirements.fineTuning())
                    .entrySet()) {
                rows.add(List.of("fine-tuning, " + method.getKey(), Bytes.human(method.getValue().totalBytes()),
                        orCluster(method.getValue().minimumProfile())));
            }
        }
        if (requirements.training() != null) {
            rows.add(List.of("training, one replica", Bytes.human(requirements.training().totalBytes()),
                    orCluster(requirements.training().minimumProfile())));
        }
        table(List.of("task", "memory", "smallest profile"), rows);
        paragraph("Assumptions: context " + requirements.assumptions().contextLength() + ", batch "
                + requirements.assumptions().batchSize() + ", KV cache " + requirements.assumptions().kvCacheDtype()
                + "; overhead: " + requirements.assumptions().overhead() + ".");
        sink.section2_();
    }

    private void profiles(Requirements requirements) {
        subsection("Hardware profiles");
        table(List.of("profile", "inference", "fine-tuning", "training", "decode bound (tokens/s)"),
                requirements.profiles().stream().map(ReadinessPage::profile).toList());
        sink.section2_();
    }

    private static List<String> profile(ProfileFit fit) {
        return List.of(fit.id(), fit.fitsInference() ? "fits" : "does not fit",
                fit.fineTuningMethods().isEmpty() ? "-" : String.join(", ", fit.fineTuningMethods()),
                fit.fitsTraining() ? "fits" : "-",
                fit.decodeTokensPerSecond() == null ? "-" : String.format(Locale.ROOT, "%,.1f",
                        fit.decodeTokensPerSecond()));
    }

    private void openness(Openness openness, Access access) {
        subsection("Openness and access");
        paragraph("Model Openness Framework class: " + (openness.mofClass() == null ? "none" : openness.mofClass())
                + ". OSI Open Source AI Definition: " + (openness.osaid().compatible() ? "met" : "not met ("
                + String.join("; ", openness.osaid().missing()) + ")") + ".");
        table(List.of("component", "released", "licence", "class", "location"), openness.components().stream()
                .map(c -> List.of(c.name(), c.released() ? "yes" : "no", c.license() == null ? "-" : c.license(),
                        c.licenseClass() == null ? "-" : c.licenseClass(), c.location() == null ? "-" : c.location()))
                .toList());
        if (access != null) {
            table(List.of("channel", "where", "terms"), access.channels().stream()
                    .map(c -> List.of(c.type(), c.url() != null ? c.url() : c.coordinates() == null ? "-"
                            : c.coordinates(), c.terms() == null ? "-" : c.terms())).toList());
        }
        sink.section2_();
    }

    private void dependencies(JsonNode report) {
        subsection("Dependencies");
        List<List<String>> rows = new java.util.ArrayList<>();
        int withoutModel = 0;
        for (JsonNode dependency : report.path("dependencies")) {
            if ("no-model".equals(dependency.path("status").asText())) {
                withoutModel++;
                continue;
            }
            JsonNode summary = dependency.path("summary");
            rows.add(List.of(dependency.path("artifact").asText(), dependency.path("source").asText("-"),
                    summary.isMissingNode() ? "-" : Bytes.human(summary.path("inferenceBytes").asLong()),
                    summary.path("tier").asText("-"), summary.path("weightsLicense").asText("-"),
                    summary.path("mofClass").asText("-"), dependency.path("status").asText()));
        }
        if (!rows.isEmpty()) {
            table(List.of("artifact", "source", "inference", "tier", "licence", "MOF", "verdict"), rows);
        }
        if (withoutModel > 0) {
            paragraph(withoutModel + (withoutModel == 1 ? " dependency holds" : " dependencies hold") + " no model.");
        }
        sink.section2_();
    }

    private void subsection(String title) {
        sink.section2();
        sink.sectionTitle2();
        sink.text(title);
        sink.sectionTitle2_();
    }

    private void paragraph(String text) {
        sink.paragraph();
        sink.text(text);
        sink.paragraph_();
    }

    private void table(List<String> header, List<List<String>> rows) {
        sink.table();
        sink.tableRows();
        sink.tableRow();
        header.forEach(cell -> {
            sink.tableHeaderCell();
            sink.text(cell);
            sink.tableHeaderCell_();
        });
        sink.tableRow_();
        for (List<String> row : rows) {
            sink.tableRow();
            row.forEach(cell -> {
                sink.tableCell();
                sink.text(cell);
                sink.tableCell_();
            });
            sink.tableRow_();
        }
        sink.tableRows_();
        sink.table_();
    }

    private static String orCluster(String profile) {
        return profile == null ? "cluster" : profile;
    }
}
