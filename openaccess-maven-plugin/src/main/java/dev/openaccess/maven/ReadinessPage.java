package dev.openaccess.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openaccess.core.descriptor.Access;
import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.FineTuningMethod;
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
import java.util.stream.Collectors;

/** The "Access readiness" page: the verdict, the chart, the models, requirements, profiles, openness, dependencies. */
final class ReadinessPage {

    private final PageOutput out;
    private final HardwareCatalog catalog;

    ReadinessPage(PageOutput out, HardwareCatalog catalog) {
        this.out = out;
        this.catalog = catalog;
    }

    void render(Descriptor descriptor, byte[] dependencies) throws IOException {
        out.begin("Access readiness");
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
        out.end();
    }

    private void verdict(Descriptor descriptor) {
        Readiness readiness = descriptor.readiness();
        out.paragraph("Tier: " + readiness.tier() + " (minimum profile: " + orCluster(descriptor.requirements()
                .inference().minimumProfile()) + ").");
        out.table(List.of("persona", "runs it", "fine-tunes it", "retrains it"), List.of(
                persona("individual", readiness.personas().individual()),
                persona("lab", readiness.personas().lab()),
                persona("enterprise", readiness.personas().enterprise())));
        if (!readiness.blockers().isEmpty()) {
            out.section("What stands in the way");
            out.list(readiness.blockers());
            out.endSection();
        }
    }

    private static List<String> persona(String name, Readiness.Persona persona) {
        return List.of(name, persona.canRunInference() ? "yes, on " + persona.profile() : "no",
                persona.canFineTune() ? persona.fineTuning() + " on " + persona.fineTuningProfile() : "no",
                persona.canRetrain() ? "yes" : "no");
    }

    private void chart(Descriptor descriptor) {
        out.section("Memory needed against the hardware ladder");
        out.paragraph("Each bar is the memory a task needs (log scale); each line a profile's usable memory ("
                + Math.round(HardwareCatalog.FIT_FRACTION * 100) + "% of it). The artifact's rung is highlighted.");
        out.raw(ReadinessChart.svg(descriptor, catalog));
        out.endSection();
    }

    private void models(Descriptor descriptor) {
        out.section("Models");
        out.table(List.of("path", "format", "family", "parameters", "weights", "loading"), descriptor.models().stream()
                .map(ReadinessPage::model).toList());
        if (!descriptor.unread().isEmpty()) {
            out.paragraph("Not counted: these files look like models, but no reader counts them; every figure on this"
                    + " page leaves them out.");
            out.table(List.of("path", "format", "why"), descriptor.unread().stream()
                    .map(file -> List.of(file.path(), file.format(), file.reason())).toList());
        }
        out.endSection();
    }

    private static List<String> model(ModelEntry model) {
        return List.of(model.path(), model.format(), model.architecture() == null || model.architecture().family()
                        == null ? "-" : model.architecture().family(),
                String.format(Locale.ROOT, "%,d", model.parameters().total()),
                model.weightsBytes() == null ? "-" : Bytes.human(model.weightsBytes()),
                model.loading() == null ? "-" : model.loading().kind());
    }

    private void requirements(Requirements requirements) {
        out.section("Requirements");
        List<List<String>> rows = new java.util.ArrayList<>();
        requirements.inference().variants().forEach(variant -> rows.add(List.of("inference, " + variant.precision()
                + (variant.stored() ? " (stored)" : ""), Bytes.human(variant.totalBytes()),
                orCluster(variant.minimumProfile()))));
        if (requirements.fineTuning() != null) {
            for (Map.Entry<FineTuningMethod, FineTuningNeed> method : RequirementsEstimator.methods(
                    requirements.fineTuning())
                    .entrySet()) {
                rows.add(List.of("fine-tuning, " + method.getKey(), Bytes.human(method.getValue().totalBytes()),
                        orCluster(method.getValue().minimumProfile())));
            }
        }
        if (requirements.training() != null) {
            rows.add(List.of("training, one replica", Bytes.human(requirements.training().totalBytes()),
                    orCluster(requirements.training().minimumProfile())));
        }
        out.table(List.of("task", "memory", "smallest profile"), rows);
        out.paragraph("Assumptions: context " + requirements.assumptions().contextLength() + ", batch "
                + requirements.assumptions().batchSize() + ", KV cache " + requirements.assumptions().kvCacheDtype()
                + "; overhead: " + requirements.assumptions().overhead() + ".");
        out.endSection();
    }

    private void profiles(Requirements requirements) {
        out.section("Hardware profiles");
        out.table(List.of("profile", "inference", "fine-tuning", "training", "decode bound (tokens/s)"),
                requirements.profiles().stream().map(ReadinessPage::profile).toList());
        out.endSection();
    }

    private static List<String> profile(ProfileFit fit) {
        return List.of(fit.id(), fit.fitsInference() ? "fits" : "does not fit",
                fit.fineTuningMethods().isEmpty() ? "-" : fit.fineTuningMethods().stream().map(FineTuningMethod::id)
                        .collect(Collectors.joining(", ")),
                fit.fitsTraining() ? "fits" : "-",
                decode(fit));
    }

    /** The bound and which it is: {@code 29,411.8 (dispatch)}. */
    private static String decode(ProfileFit fit) {
        if (fit.decodeTokensPerSecond() == null) {
            return "-";
        }
        String figure = String.format(Locale.ROOT, "%,.1f", fit.decodeTokensPerSecond());
        return fit.decodeBound() == null ? figure : figure + " (" + fit.decodeBound() + ")";
    }

    private void openness(Openness openness, Access access) {
        out.section("Openness and access");
        out.paragraph("Model Openness Framework class: " + (openness.mofClass() == null ? "none" : openness.mofClass())
                + ". OSI Open Source AI Definition: " + (openness.osaid().compatible() ? "met" : "not met ("
                + String.join("; ", openness.osaid().missing()) + ")") + ".");
        out.table(List.of("component", "released", "licence", "class", "location"), openness.components().stream()
                .map(c -> List.of(c.name(), c.released() ? "yes" : "no", c.license() == null ? "-" : c.license(),
                        c.licenseClass() == null ? "-" : c.licenseClass().id(), c.location() == null ? "-" : c.location()))
                .toList());
        if (access != null) {
            out.table(List.of("channel", "where", "terms"), access.channels().stream()
                    .map(c -> List.of(c.type().id(), c.url() != null ? c.url() : c.coordinates() == null ? "-"
                            : c.coordinates(), c.terms() == null ? "-" : c.terms())).toList());
        }
        out.endSection();
    }

    private void dependencies(JsonNode report) {
        out.section("Dependencies");
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
            out.table(List.of("artifact", "source", "inference", "tier", "licence", "MOF", "verdict"), rows);
        }
        if (withoutModel > 0) {
            out.paragraph(withoutModel + (withoutModel == 1 ? " dependency holds" : " dependencies hold") + " no model.");
        }
        out.endSection();
    }

    private static String orCluster(String profile) {
        return profile == null ? "cluster" : profile;
    }
}
