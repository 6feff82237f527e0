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
 */
public record HardwareProfile(
        String id,
        Tier tier,
        String description,
        long memoryBytes,
        long bandwidthBytesPerSecond,
        Long denseBf16FlopsPerSecond,
        int gpus,
        String source) {

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
    }
}
