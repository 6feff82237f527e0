package dev.openaccess.core.policy;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.FineTuningMethod;
import dev.openaccess.core.descriptor.FineTuningNeed;
import dev.openaccess.core.estimate.Bytes;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.HardwareProfile;
import dev.openaccess.core.estimate.RequirementsEstimator;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/** At least one fine-tuning method (full, LoRA, QLoRA) must fit {@code profile}. */
public record RequireFineTuningOn(HardwareProfile profile) implements PolicyRule {

    @Override
    public String describe() {
        return "requireFineTuningOn=" + profile.id();
    }

    @Override
    public Optional<String> violation(Descriptor descriptor) {
        if (descriptor.requirements().fineTuning() == null) {
            return Optional.of("the descriptor states no fine-tuning requirements (written by an older openaccess)");
        }
        Map<FineTuningMethod, FineTuningNeed> methods = RequirementsEstimator.methods(descriptor.requirements().fineTuning());
        if (methods.values().stream().anyMatch(need -> HardwareCatalog.fitsTraining(need.totalBytes(), profile))) {
            return Optional.empty();
        }
        Map.Entry<FineTuningMethod, FineTuningNeed> least = methods.entrySet().stream()
                .min(Comparator.comparingLong(entry -> entry.getValue().totalBytes())).orElseThrow();
        return Optional.of("no fine-tuning method fits " + profile.id() + " (" + Bytes.human(HardwareCatalog
                .usableBytes(profile)) + " usable" + (profile.gpus() == 0 ? ", no GPU" : "") + "): the least demanding, "
                + least.getKey().id() + ", needs " + Bytes.human(least.getValue().totalBytes()));
    }
}
