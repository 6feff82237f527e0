package dev.openaccess.core.policy;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.estimate.Bytes;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.HardwareProfile;
import java.util.Optional;

/**
 * Inference at the stored precision must fit {@code profile}, judged with the consumer's catalog (its memory and the
 * 90% rule), whatever catalog the producer used.
 */
public record RequireProfile(HardwareProfile profile) implements PolicyRule {

    @Override
    public String describe() {
        return "requireProfile=" + profile.id();
    }

    @Override
    public Optional<String> violation(Descriptor descriptor) {
        long total = descriptor.requirements().inference().totalBytes();
        if (HardwareCatalog.fits(total, profile)) {
            return Optional.empty();
        }
        return Optional.of(InferenceNeed.words(descriptor) + "; " + profile.id() + " offers "
                + Bytes.human(HardwareCatalog.usableBytes(profile)) + " usable");
    }
}
