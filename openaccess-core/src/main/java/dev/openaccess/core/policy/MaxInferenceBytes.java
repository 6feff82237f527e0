package dev.openaccess.core.policy;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.estimate.Bytes;
import java.util.Optional;

/** Inference at the stored precision may need at most {@code bytes}. */
public record MaxInferenceBytes(long bytes) implements PolicyRule {

    @Override
    public String describe() {
        return "maxInferenceBytes=" + bytes;
    }

    @Override
    public Optional<String> violation(Descriptor descriptor) {
        long total = descriptor.requirements().inference().totalBytes();
        return total <= bytes ? Optional.empty() : Optional.of(InferenceNeed.words(descriptor)
                + ", more than the " + Bytes.human(bytes) + " (" + bytes + " bytes) allowed");
    }
}
