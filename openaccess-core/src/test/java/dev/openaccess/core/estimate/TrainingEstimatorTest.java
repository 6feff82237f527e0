package dev.openaccess.core.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.openaccess.core.descriptor.FineTuningNeed;
import dev.openaccess.core.descriptor.Training;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Training compute, 6 × active parameters × tokens, and GPU-hours at the assumed utilisation, by hand. */
class TrainingEstimatorTest {

    private final TrainingEstimator estimator = new TrainingEstimator(HardwareCatalog.defaults());

    private static FineTuningNeed replica(long bytes, String profile) {
        return new FineTuningNeed(bytes, profile, 0, 0, 0, 0, 0, 0);
    }

    private static EstimateSettings tokens(Long tokens) {
        return EstimateSettings.defaults().withTraining(tokens, 0.4, 30);
    }

    @Test
    void opt175bOn300BillionTokensIs3Point1e23Flops() {
        ModelShape opt = new ModelShape("opt", "hf-config", 174_604_468_224L, 174_604_468_224L, 349_208_936_448L,
                "F16", null);
        Training training = estimator.estimate(List.of(opt), tokens(300_000_000_000L), replica(1L << 42, null));
        // 6 × 174,604,468,224 = 1,047,626,809,344 per token; × 300,000,000,000 = 314,288,042,803,200,000,000,000
        assertEquals(1_047_626_809_344L, training.flopsPerToken());
        assertEquals(new BigInteger("314288042803200000000000"), training.flops());
        // one H100 at 40% of 989e12: 3.1428804e23 / 3.956e14 = 7.9446e8 s = 220,683 h → 220,700 (four figures)
        assertEquals(220_700.0, training.gpuHours().get("h100-80gb"));
        // the RTX 4090 at 40% of 165.2e12: 1,321,162 h → 1,321,000
        assertEquals(1_321_000.0, training.gpuHours().get("rtx-4090-24gb"));
        assertEquals(4, training.gpuHours().size(), "every GPU profile, whether or not a replica fits it");
        assertNull(training.wallClockDays(), "a 4 TiB replica fits no profile");
    }

    @Test
    void mixturesOfExpertsCostTheirActiveParametersPerToken() {
        ModelShape mixtral = new ModelShape("mixtral", "safetensors", 46_702_792_704L, 12_879_925_248L,
                93_405_585_408L, "BF16", null);
        Training training = estimator.estimate(List.of(mixtral), tokens(null), replica(1, "h100-80gb"));
        assertEquals(77_279_551_488L, training.flopsPerToken()); // 6 × 12,879,925,248
        assertNull(training.tokens());
        assertNull(training.flops());
        assertNull(training.gpuHours(), "no tokens declared, no compute");
    }

    @Test
    void wallClockDaysOnTheProfilesThatHoldAReplica() {
        // GPT-2 small on 10,000,000,000 tokens: 6 × 124,439,808 × 1e10 = 7.46638848e18 FLOPs; a 4 GiB replica fits
        // the 4090 and up. 4090: 7.46638848e18 / (165.2e12 × 0.4) = 112,990 s = 1.308 days; H100: 0.2184 days;
        // the 8-GPU node: 0.02731 days (5.243 GPU-hours like one H100: the same GPUs, eight at a time)
        ModelShape gpt2 = new ModelShape("gpt2", "safetensors", 124_439_808L, 124_439_808L, 497_759_232L, "F32", null);
        Training training = estimator.estimate(List.of(gpt2), tokens(10_000_000_000L), replica(4L << 30,
                "rtx-4090-24gb"));
        assertEquals(Map.of("rtx-4090-24gb", 1.308, "h100-80gb", 0.2184, "h200-141gb", 0.2184, "8x-h100-80gb",
                0.02731), training.wallClockDays());
        assertEquals(31.39, training.gpuHours().get("rtx-4090-24gb"));
        assertEquals(5.243, training.gpuHours().get("h100-80gb"));
        assertEquals(5.243, training.gpuHours().get("8x-h100-80gb"));
    }

    @Test
    void utilisationAndTokensAreValidated() {
        EstimateSettings defaults = EstimateSettings.defaults();
        assertThrows(IllegalArgumentException.class, () -> defaults.withTraining(0L, 0.4, 30));
        assertThrows(IllegalArgumentException.class, () -> defaults.withTraining(1L, 0, 30));
        assertThrows(IllegalArgumentException.class, () -> defaults.withTraining(1L, 1.5, 30));
        assertThrows(IllegalArgumentException.class, () -> defaults.withTraining(1L, 0.4, 0));
    }
}
