package dev.openaccess.core;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.Inference;
import dev.openaccess.core.descriptor.Access;
import dev.openaccess.core.descriptor.Assumptions.FineTuningAssumptions;
import dev.openaccess.core.descriptor.ModelEntry;
import dev.openaccess.core.descriptor.Openness;
import dev.openaccess.core.descriptor.Readiness.Persona;
import dev.openaccess.core.descriptor.Readiness.Personas;
import dev.openaccess.core.descriptor.Requirements;
import dev.openaccess.core.descriptor.Training;
import dev.openaccess.core.descriptor.UnreadFile;
import dev.openaccess.core.descriptor.Variant;
import dev.openaccess.core.estimate.Bytes;
import dev.openaccess.core.estimate.RequirementsEstimator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The short human summary of a descriptor that a build prints; every figure comes from the descriptor. */
public final class DescriptorSummary {

    private DescriptorSummary() {
    }

    /**
     * Models given a line each at most: a build describing a glob of 10,000 files prints a summary, not 10,000
     * lines; the descriptor lists them all.
     */
    public static final int MAX_MODEL_LINES = 20;

    public static List<String> lines(Descriptor descriptor) {
        List<String> lines = new ArrayList<>();
        for (ModelEntry model : descriptor.models().subList(0, Math.min(descriptor.models().size(),
                MAX_MODEL_LINES))) {
            String family = model.architecture() == null || model.architecture().family() == null ? ""
                    : " " + model.architecture().family();
            lines.add("Model " + model.path() + " (" + model.format() + family + "): "
                    + parameters(model.parameters().total()) + " parameters"
                    + (model.parameters().exact() ? "" : " (from config)")
                    + (model.parameters().active() != model.parameters().total()
                            ? ", " + parameters(model.parameters().active()) + " active" : "")
                    + ", " + model.parameters().byDtype().keySet().stream().collect(Collectors.joining("/"))
                    + (model.weightsBytes() == null ? "" : ", weights " + Bytes.human(model.weightsBytes()))
                    + (model.executesCode() ? "; loading executes code" + imports(model) : ""));
        }
        if (descriptor.models().size() > MAX_MODEL_LINES) {
            long parameters = descriptor.models().stream().mapToLong(model -> model.parameters().total()).sum();
            lines.add("... and " + (descriptor.models().size() - MAX_MODEL_LINES) + " more models ("
                    + descriptor.models().size() + " in all, " + parameters(parameters)
                    + " parameters together): every one is in the descriptor");
        }
        unread(descriptor).ifPresent(lines::add);
        Inference inference = descriptor.requirements().inference();
        var assumptions = descriptor.requirements().assumptions();
        lines.add("Inference memory: " + Bytes.human(inference.totalBytes()) + " = weights "
                + Bytes.human(inference.weightsBytes()) + " + KV cache " + Bytes.human(inference.kvCacheBytes())
                + " + overhead " + Bytes.human(inference.overheadBytes())
                + " (context " + (assumptions.contextLength() == null ? "n/a" : assumptions.contextLength())
                + ", batch " + assumptions.batchSize() + ", KV " + assumptions.kvCacheDtype() + ")");
        lines.add("Precisions: " + inference.variants().stream().map(DescriptorSummary::variant)
                .collect(Collectors.joining("; ")));
        lines.add(fineTuning(descriptor.requirements()));
        lines.add(training(descriptor.requirements()));
        lines.add("Tier: " + descriptor.readiness().tier() + " (minimum profile: "
                + (inference.minimumProfile() == null ? "none in the catalog" : inference.minimumProfile()) + ")");
        Personas personas = descriptor.readiness().personas();
        lines.add("Personas: " + persona("individual", personas.individual()) + "; " + persona("lab", personas.lab())
                + "; " + persona("enterprise", personas.enterprise()));
        if (descriptor.openness() != null) {
            lines.add(openness(descriptor.openness()));
        }
        if (descriptor.access() != null) {
            lines.add("Access: " + (descriptor.access().channels().isEmpty() ? "no channel declared"
                    : descriptor.access().channels().stream().map(DescriptorSummary::channel)
                    .collect(Collectors.joining("; "))));
        }
        descriptor.readiness().blockers().forEach(blocker -> lines.add("Blocker: " + blocker));
        return lines;
    }

    /** The files no reader counts, which every figure below leaves out. */
    private static Optional<String> unread(Descriptor descriptor) {
        List<UnreadFile> unread = descriptor.unread();
        if (unread.isEmpty()) {
            return Optional.empty();
        }
        String byFormat = unread.stream().collect(Collectors.groupingBy(
                        UnreadFile::format, TreeMap::new,
                        Collectors.counting()))
                .entrySet().stream().map(entry -> entry.getValue() + " " + entry.getKey())
                .collect(Collectors.joining(", "));
        return Optional.of("Not counted: " + unread.size() + (unread.size() == 1 ? " file looks" : " files look")
                + " like a model but no reader counts " + (unread.size() == 1 ? "it" : "them") + " (" + byFormat
                + "): the totals and requirements below leave " + (unread.size() == 1 ? "it" : "them")
                + " out (unreadFiles in the descriptor)");
    }

    private static String imports(ModelEntry model) {
        List<String> imports = model.loading().imports();
        if (imports.isEmpty()) {
            return "";
        }
        int shown = Math.min(imports.size(), 5);
        return " (imports " + String.join(", ", imports.subList(0, shown))
                + (imports.size() > shown ? " and " + (imports.size() - shown) + " more" : "") + ")";
    }

    private static String fineTuning(Requirements requirements) {
        FineTuningAssumptions assumed = requirements.assumptions().fineTuning();
        return "Fine-tuning: " + RequirementsEstimator.methods(requirements.fineTuning()).entrySet().stream()
                .map(method -> method.getKey() + " " + Bytes.human(method.getValue().totalBytes()) + " -> "
                        + profileOrCluster(method.getValue().minimumProfile()))
                .collect(Collectors.joining("; "))
                + " (sequence " + assumed.sequenceLength() + ", batch " + assumed.batchSize()
                + (assumed.gradientCheckpointing() ? ", gradient checkpointing" : "") + ", LoRA rank "
                + assumed.loraRank() + " on " + String.join(", ", assumed.loraTargetModules()) + ")";
    }

    private static String training(Requirements requirements) {
        Training training = requirements.training();
        String replica = "one replica " + Bytes.human(training.totalBytes()) + " -> "
                + profileOrCluster(training.minimumProfile());
        if (training.tokens() == null) {
            return "Training: " + String.format(Locale.ROOT, "%,d", training.flopsPerToken())
                    + " FLOPs per token, training tokens not declared; " + replica;
        }
        String hours = training.gpuHours().entrySet().stream()
                .map(entry -> String.format(Locale.ROOT, "%s %,.0f", entry.getKey(), entry.getValue()))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT,
                "Training: %.3g FLOPs for %,d tokens; GPU-hours at %.0f%% utilisation: %s; %s",
                training.flops().doubleValue(), training.tokens(),
                100 * requirements.assumptions().training().utilization(), hours, replica);
    }

    private static String persona(String name, Persona persona) {
        return name + " " + (persona.canRunInference() ? "runs it (" + persona.profile() + ")" : "cannot run it")
                + ", " + (persona.canFineTune() ? "fine-tunes (" + persona.fineTuning() + " on "
                + persona.fineTuningProfile() + ")" : "cannot fine-tune")
                + ", " + (persona.canRetrain() ? "can retrain" : "cannot retrain");
    }

    private static String openness(Openness openness) {
        String released = openness.components().stream().filter(Openness.Component::released)
                .map(c -> c.name() + (c.license() == null ? " (no licence)" : " (" + c.license() + ", "
                        + c.licenseClass() + ")"))
                .collect(Collectors.joining(", "));
        return "Openness: MOF class " + (openness.mofClass() == null ? "none" : openness.mofClass())
                + "; OSAID " + (openness.osaid().compatible() ? "met" : "not met ("
                + openness.osaid().missing().size() + " missing)")
                + "; released: " + (released.isEmpty() ? "nothing declared" : released);
    }

    private static String channel(Access.Channel channel) {
        String where = channel.coordinates() != null ? channel.coordinates() : channel.url();
        return channel.type() + " " + where + (Boolean.TRUE.equals(channel.inferred()) ? " (inferred)" : "");
    }

    private static String profileOrCluster(String profile) {
        return profile == null ? "cluster" : profile;
    }

    private static String variant(Variant variant) {
        return variant.precision() + (variant.stored() ? " (stored)" : "") + " " + Bytes.human(variant.totalBytes())
                + " -> " + profileOrCluster(variant.minimumProfile());
    }

    /** {@code 6738415616} → {@code "6,738,415,616 (6.74 B)"}. */
    static String parameters(long count) {
        String exact = String.format(Locale.ROOT, "%,d", count);
        if (count < 1_000) {
            return exact;
        }
        String[] units = {"K", "M", "B", "T"};
        double value = count;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return exact + String.format(Locale.ROOT, " (%.3g %s)", value, units[unit]);
    }
}
