package dev.openaccess.core.policy;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.FineTuningMethod;
import dev.openaccess.core.descriptor.FineTuningNeed;
import dev.openaccess.core.estimate.Bytes;
import dev.openaccess.core.estimate.FineTuningEstimator;
import dev.openaccess.core.estimate.FineTuningEstimator.ReferenceRun;
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
        Map<FineTuningMethod, FineTuningNeed> methods =
                RequirementsEstimator.methods(descriptor.requirements().fineTuning());
        Optional<ReferenceRun> run = ReferenceRun.of(descriptor.requirements().assumptions());
        if (methods.values().stream().anyMatch(need -> FineTuningEstimator.fits(need, profile, run))) {
            return Optional.empty();
        }
        Map.Entry<FineTuningMethod, FineTuningNeed> least = methods.entrySet().stream()
                .min(Comparator.comparingLong(entry -> entry.getValue().totalBytes())).orElseThrow();
        long bytes = FineTuningEstimator.bytesOn(least.getValue(), profile);
        String time = "";
        if (HardwareCatalog.fits(bytes, profile) && run.isPresent() && least.getValue().flopsPerToken() != null) {
            Optional<Double> hours = run.get().hours(least.getValue().flopsPerToken(), profile);
            time = hours.map(h -> String.format(java.util.Locale.ROOT, " and its reference run of %,d tokens takes"
                    + " %,.1f hours there (at most %,.1f assumed)", run.get().tokens(), h, run.get().maxHours()))
                    .orElse(" but the profile states no throughput to judge its reference run by");
        }
        return Optional.of("no fine-tuning method fits " + profile.id() + " (" + Bytes.human(HardwareCatalog
                .usableBytes(profile)) + " usable" + (profile.gpus() == 0 ? ", a CPU" : "") + "): the least"
                + " demanding, " + least.getKey().id() + ", needs " + Bytes.human(bytes) + time);
    }
}
