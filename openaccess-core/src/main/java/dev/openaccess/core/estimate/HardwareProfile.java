package dev.openaccess.core.estimate;

import dev.openaccess.core.descriptor.Tier;
import java.util.Objects;

/**
 * One kind of hardware on the ladder.
 *
 * @param id                       stable name used in descriptors and policies ({@code h100-80gb})
 * @param tier                     the rung it stands on
 * @param memoryBytes              memory the model can live in (GPU memory, or RAM for a CPU profile)
 * @param bandwidthBytesPerSecond  memory bandwidth, which bounds decode speed
 * @param denseBf16FlopsPerSecond  dense BF16 throughput of the whole profile, null for CPU profiles
 * @param gpus                     GPUs in the profile, 0 for a CPU profile
 * @param source                   where the figures come from
 * @param denseFp32FlopsPerSecond  dense fp32 throughput of the whole profile (for a CPU: cores × fp32 FLOPs per
 *                                 cycle of its vector units × base clock), null when not stated; what a CPU profile
 *                                 computes with, as PyTorch trains in fp32 on CPUs
 */
public record HardwareProfile(
        String id,
        Tier tier,
        String description,
        long memoryBytes,
        long bandwidthBytesPerSecond,
        Long denseBf16FlopsPerSecond,
        int gpus,
        String source,
        Long denseFp32FlopsPerSecond) {

    /** A profile without an fp32 figure (GPUs are judged by their BF16 one). */
    public HardwareProfile(String id, Tier tier, String description, long memoryBytes, long bandwidthBytesPerSecond,
                           Long denseBf16FlopsPerSecond, int gpus, String source) {
        this(id, tier, description, memoryBytes, bandwidthBytesPerSecond, denseBf16FlopsPerSecond, gpus, source, null);
    }

    public HardwareProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tier, "tier");
        if (!id.matches("[a-z0-9][a-z0-9.-]*")) {
            throw new IllegalArgumentException("profile id '" + id + "' must be lower-case letters, digits, '.' and '-'");
        }
        if (tier == Tier.CLUSTER) {
            throw new IllegalArgumentException("profile " + id + ": 'cluster' is what lies beyond every profile");
        }
        if (memoryBytes <= 0 || bandwidthBytesPerSecond <= 0) {
            throw new IllegalArgumentException("profile " + id + ": memory and bandwidth must be positive");
        }
        if (gpus < 0 || (gpus == 0 && tier != Tier.LAPTOP)) {
            throw new IllegalArgumentException("profile " + id + ": a " + tier.id()
                    + " profile needs at least one GPU");
        }
        if (denseBf16FlopsPerSecond != null && denseBf16FlopsPerSecond <= 0) {
            throw new IllegalArgumentException("profile " + id + ": dense BF16 throughput must be positive");
        }
        if (denseFp32FlopsPerSecond != null && denseFp32FlopsPerSecond <= 0) {
            throw new IllegalArgumentException("profile " + id + ": dense fp32 throughput must be positive");
        }
    }

    /**
     * The throughput training and decoding run at on this profile: a GPU's dense BF16 figure, else (a CPU) its fp32
     * one; empty when the profile states neither.
     */
    public java.util.OptionalDouble computeFlopsPerSecond() {
        Long flops = gpus > 0 && denseBf16FlopsPerSecond != null ? denseBf16FlopsPerSecond
                : gpus == 0 && denseFp32FlopsPerSecond != null ? denseFp32FlopsPerSecond
                : denseBf16FlopsPerSecond;
        return flops == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(flops);
    }
}
