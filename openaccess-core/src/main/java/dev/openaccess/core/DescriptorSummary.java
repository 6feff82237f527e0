package dev.openaccess.core;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.Inference;
import dev.openaccess.core.descriptor.ModelEntry;
import dev.openaccess.core.descriptor.Variant;
import dev.openaccess.core.estimate.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The short human summary of a descriptor that a build prints; every figure comes from the descriptor. */
public final class DescriptorSummary {

    private DescriptorSummary() {
    }

    public static List<String> lines(Descriptor descriptor) {
        List<String> lines = new ArrayList<>();
        for (ModelEntry model : descriptor.models()) {
            String family = model.architecture() == null || model.architecture().family() == null ? ""
                    : " " + model.architecture().family();
            lines.add("Model " + model.path() + " (" + model.format() + family + "): "
                    + parameters(model.parameters().total()) + " parameters"
                    + (model.parameters().exact() ? "" : " (from config)")
                    + (model.parameters().active() != model.parameters().total()
                            ? ", " + parameters(model.parameters().active()) + " active" : "")
                    + ", " + model.parameters().byDtype().keySet().stream().collect(Collectors.joining("/"))
                    + (model.weightsBytes() == null ? "" : ", weights " + Bytes.human(model.weightsBytes())));
        }
        Inference inference = descriptor.requirements().inference();
        var assumptions = descriptor.requirements().assumptions();
        lines.add("Inference memory: " + Bytes.human(inference.totalBytes()) + " = weights "
                + Bytes.human(inference.weightsBytes()) + " + KV cache " + Bytes.human(inference.kvCacheBytes())
                + " + overhead " + Bytes.human(inference.overheadBytes())
                + " (context " + (assumptions.contextLength() == null ? "n/a" : assumptions.contextLength())
                + ", batch " + assumptions.batchSize() + ", KV " + assumptions.kvCacheDtype() + ")");
        lines.add("Precisions: " + inference.variants().stream().map(DescriptorSummary::variant)
                .collect(Collectors.joining("; ")));
        lines.add("Tier: " + descriptor.readiness().tier() + " (minimum profile: "
                + (inference.minimumProfile() == null ? "none in the catalog" : inference.minimumProfile()) + ")");
        descriptor.readiness().blockers().forEach(blocker -> lines.add("Blocker: " + blocker));
        return lines;
    }

    private static String variant(Variant variant) {
        return variant.precision() + (variant.stored() ? " (stored)" : "") + " " + Bytes.human(variant.totalBytes())
                + " -> " + (variant.minimumProfile() == null ? "cluster" : variant.minimumProfile());
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
