package dev.openaccess.maven;

import dev.openaccess.core.descriptor.Tier;
import dev.openaccess.core.estimate.HardwareProfile;
import dev.openaccess.core.estimate.Quantities;

/**
 * A {@code <hardwareProfile>} of the pom, added to the hardware catalog or replacing the profile with its id:
 * <pre>{@code
 * <hardwareProfile>
 *   <id>a100-40gb</id>
 *   <tier>single-datacenter-gpu</tier>
 *   <memory>40GiB</memory>
 *   <bandwidth>1555GB/s</bandwidth>
 *   <bf16Flops>312TFLOPS</bf16Flops>
 * </hardwareProfile>
 * }</pre>
 * A CPU profile states {@code <fp32Flops>} (cores × fp32 FLOPs per cycle × base clock) for fine-tuning's reference run
 * and decode's compute bound to be judged on it.
 * Memory, bandwidth and throughput take SI (GB = 10^9) or IEC (GiB = 2^30) units; {@code gpus} defaults to 0 on
 * the laptop rung and 1 elsewhere.
 */
public class HardwareProfileConfig {

    private String id;
    private String tier;
    private String description;
    private String memory;
    private String bandwidth;
    private String bf16Flops;
    private String fp32Flops;
    private Integer gpus;
    private String source;

    /** The profile this configuration describes; fails naming the profile and the field that is wrong. */
    HardwareProfile toProfile() {
        String name = id == null || id.isBlank() ? "<hardwareProfile> without an <id>" : "hardware profile " + id;
        try {
            Tier rung = Tier.byId(require(tier, "tier")).orElseThrow(() -> new IllegalArgumentException(
                    "unknown tier '" + tier + "' (accepted: laptop, single-consumer-gpu, single-datacenter-gpu,"
                            + " multi-gpu-node)"));
            return new HardwareProfile(require(id, "id"), rung, description == null ? id : description,
                    Quantities.bytes(require(memory, "memory")), Quantities.bytesPerSecond(require(bandwidth,
                    "bandwidth")), bf16Flops == null ? null : Quantities.flopsPerSecond(bf16Flops),
                    gpus != null ? gpus : rung == Tier.LAPTOP ? 0 : 1, source == null ? "the project's pom" : source,
                    fp32Flops == null ? null : Quantities.flopsPerSecond(fp32Flops));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("<" + field + "> is required");
        }
        return value.trim();
    }
}
