package dev.openaccess.core.readiness;

import dev.openaccess.core.descriptor.Inference;
import dev.openaccess.core.descriptor.Readiness;
import dev.openaccess.core.descriptor.Readiness.Persona;
import dev.openaccess.core.descriptor.Readiness.Personas;
import dev.openaccess.core.descriptor.Variant;
import dev.openaccess.core.estimate.Bytes;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.HardwareProfile;
import dev.openaccess.core.estimate.Tier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The verdict on the hardware half of access: the smallest rung that runs inference, which persona can, and
 * what stands in the way, in plain words.
 *
 * <p>Personas own hardware up to a rung: an individual a laptop or one consumer GPU, a lab one datacenter GPU,
 * an enterprise a multi-GPU node.
 */
public final class ReadinessAssessor {

    private final HardwareCatalog catalog;

    public ReadinessAssessor(HardwareCatalog catalog) {
        this.catalog = catalog;
    }

    public Readiness assess(Inference inference) {
        Optional<HardwareProfile> minimum = Optional.ofNullable(inference.minimumProfile()).flatMap(catalog::profile);
        Tier tier = minimum.map(HardwareProfile::tier).orElse(Tier.CLUSTER);
        Personas personas = new Personas(
                persona(inference, EnumSet.of(Tier.LAPTOP, Tier.SINGLE_CONSUMER_GPU)),
                persona(inference, EnumSet.of(Tier.LAPTOP, Tier.SINGLE_CONSUMER_GPU, Tier.SINGLE_DATACENTER_GPU)),
                persona(inference, EnumSet.of(Tier.LAPTOP, Tier.SINGLE_CONSUMER_GPU, Tier.SINGLE_DATACENTER_GPU,
                        Tier.MULTI_GPU_NODE)));
        return new Readiness(tier.id(), personas, blockers(inference, tier));
    }

    private Persona persona(Inference inference, Set<Tier> owned) {
        return catalog.profiles().stream()
                .filter(profile -> owned.contains(profile.tier()))
                .filter(profile -> HardwareCatalog.fits(inference.totalBytes(), profile))
                .findFirst()
                .map(profile -> new Persona(true, profile.id()))
                .orElse(new Persona(false, null));
    }

    private List<String> blockers(Inference inference, Tier tier) {
        List<String> blockers = new ArrayList<>();
        if (tier.compareTo(Tier.SINGLE_CONSUMER_GPU) <= 0) {
            return blockers;
        }
        Variant stored = inference.variants().stream().filter(Variant::stored).findFirst().orElseThrow();
        String needs = stored.precision() + " inference needs " + Bytes.human(inference.totalBytes()) + " ("
                + Bytes.human(inference.weightsBytes()) + " weights, " + Bytes.human(inference.kvCacheBytes())
                + " KV cache, " + Bytes.human(inference.overheadBytes()) + " overhead)";
        largestOf(EnumSet.of(Tier.LAPTOP, Tier.SINGLE_CONSUMER_GPU)).ifPresent(consumer -> blockers.add(
                needs + "; the largest consumer hardware in the catalog, " + consumer.id() + ", offers "
                        + Bytes.human(HardwareCatalog.usableBytes(consumer)) + " usable"));
        if (tier.compareTo(Tier.SINGLE_DATACENTER_GPU) > 0) {
            // Only when it is so: weights that fit the GPU (the KV cache or overhead tipping the total) are no blocker.
            catalog.largestSingleGpu().filter(gpu -> inference.weightsBytes() > gpu.memoryBytes())
                    .ifPresent(gpu -> blockers.add(stored.precision() + " weights alone need "
                            + Bytes.human(inference.weightsBytes()) + "; the largest single GPU in the catalog ("
                            + gpu.id() + ") has " + Bytes.human(gpu.memoryBytes())));
        }
        if (tier == Tier.MULTI_GPU_NODE) {
            blockers.add("inference needs a multi-GPU node (" + inference.minimumProfile()
                    + "): beyond an individual or a lab with one GPU");
        }
        if (tier == Tier.CLUSTER) {
            blockers.add("inference needs more than any profile in the catalog offers"
                    + catalog.largest().map(p -> " (the largest, " + p.id() + ", has "
                    + Bytes.human(HardwareCatalog.usableBytes(p)) + " usable)").orElse("") + ": a cluster");
        }
        inference.variants().stream()
                .filter(variant -> !variant.stored() && variant.minimumProfile() != null)
                .filter(variant -> catalog.profile(variant.minimumProfile()).orElseThrow().tier().compareTo(tier) < 0)
                .findFirst()
                .ifPresent(variant -> blockers.add("quantized to " + variant.precision() + ", the weights ("
                        + Bytes.human(variant.weightsBytes()) + "; " + Bytes.human(variant.totalBytes())
                        + " in all) would fit one " + variant.minimumProfile()));
        return blockers;
    }

    private Optional<HardwareProfile> largestOf(Set<Tier> tiers) {
        return catalog.profiles().stream().filter(p -> tiers.contains(p.tier()))
                .reduce((a, b) -> b.memoryBytes() >= a.memoryBytes() ? b : a);
    }
}
