package dev.openaccess.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.Generator;
import dev.openaccess.core.descriptor.ModelEntry;
import dev.openaccess.core.descriptor.Parameters;
import dev.openaccess.core.descriptor.Requirements;
import dev.openaccess.core.descriptor.Subject;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.InferenceEstimator;
import dev.openaccess.core.estimate.InferenceEstimator.ModelShape;
import dev.openaccess.core.estimate.KvCacheDtype;
import dev.openaccess.core.readiness.ReadinessAssessor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build log summary carries the descriptor's own figures. GiB/MiB are bytes / 2^30 or 2^20 to one decimal. */
class DescriptorSummaryTest {

    @Test
    void summarisesTheTinyLlama(@TempDir Path base) throws IOException {
        TinyModels.writeTinyLlama(base.resolve("model"));
        Descriptor descriptor = new Describer().describe(TinyModels.request(base, "model", false)).descriptor();
        // 6,816 B = 6.66 KiB; total 268,445,200 B = 256.01 MiB; overhead 268,436,336 B = 256.00 MiB
        assertEquals(List.of(
                "Model model/model.safetensors (safetensors llama): 1,704 (1.70 K) parameters, F32, weights 6.7 KiB",
                "Inference memory: 256.0 MiB = weights 6.7 KiB + KV cache 2.0 KiB + overhead 256.0 MiB"
                        + " (context 64, batch 1, KV F16)",
                "Precisions: fp32 (stored) 256.0 MiB -> laptop-16gb; bf16 256.0 MiB -> laptop-16gb;"
                        + " int8 256.0 MiB -> laptop-16gb; int4 256.0 MiB -> laptop-16gb",
                "Tier: laptop (minimum profile: laptop-16gb)"), DescriptorSummary.lines(descriptor));
    }

    @Test
    void summarisesOpt175bWithItsBlockers(@TempDir Path base) throws IOException {
        TinyModels.writeOpt175bConfig(base.resolve("opt-175b"));
        Descriptor descriptor = new Describer().describe(TinyModels.request(base, "opt-175b", false)).descriptor();
        List<String> lines = DescriptorSummary.lines(descriptor);
        // 349,208,936,448 B = 325.2 GiB; total 395,028,309,600 B = 367.9 GiB; KV 9.0 GiB; overhead 33.7 GiB;
        // int8 total 214,967,451,750 B = 200.2 GiB; int4 total 118,934,994,218 B = 110.8 GiB
        assertEquals("Model opt-175b/config.json (hf-config opt): 174,604,468,224 (175 B) parameters (from config),"
                + " F16, weights 325.2 GiB", lines.get(0));
        assertEquals("Inference memory: 367.9 GiB = weights 325.2 GiB + KV cache 9.0 GiB + overhead 33.7 GiB"
                + " (context 2048, batch 1, KV F16)", lines.get(1));
        assertEquals("Precisions: fp16 (stored) 367.9 GiB -> 8x-h100-80gb; int8 200.2 GiB -> 8x-h100-80gb;"
                + " int4 110.8 GiB -> h200-141gb", lines.get(2));
        assertEquals("Tier: multi-gpu-node (minimum profile: 8x-h100-80gb)", lines.get(3));
        assertEquals(descriptor.readiness().blockers().stream().map(b -> "Blocker: " + b).toList(),
                lines.subList(4, lines.size()));
        assertEquals(4, descriptor.readiness().blockers().size());
    }

    @Test
    void mixtureOfExpertsAndClusterAreSpelledOut() {
        // 400,000,000,000 parameters, 100,000,000,000 active, bf16: total 880,268,435,456 B = 819.8 GiB, beyond
        // every profile; int4 of 400,000,000,000 = 12,500,000,000 blocks × 18 = 225,000,000,000 B, total
        // 247,768,435,456 B = 230.8 GiB → the node
        ModelShape shape = new ModelShape("huge.safetensors", 400_000_000_000L, 100_000_000_000L, 800_000_000_000L,
                "BF16", null);
        HardwareCatalog catalog = HardwareCatalog.defaults();
        Requirements requirements = new InferenceEstimator(catalog).estimate(List.of(shape), null, 1, KvCacheDtype.F16);
        ModelEntry entry = new ModelEntry("huge.safetensors", "safetensors", 800_000_000_100L, null, null, null,
                new Parameters(400_000_000_000L, 100_000_000_000L, Map.of("BF16", 400_000_000_000L), true),
                800_000_000_000L, 1000L, null, null, null);
        Descriptor descriptor = new Descriptor("1.0", new Subject("g", "a", "1", "jar", null),
                new Generator("openaccess", "test"), List.of(entry), requirements,
                new ReadinessAssessor(catalog).assess(requirements.inference()));
        List<String> lines = DescriptorSummary.lines(descriptor);
        assertEquals("Model huge.safetensors (safetensors): 400,000,000,000 (400 B) parameters,"
                + " 100,000,000,000 (100 B) active, BF16, weights 745.1 GiB", lines.get(0));
        assertTrue(lines.get(1).contains("(context n/a, batch 1, KV F16)"), lines.get(1));
        assertTrue(lines.get(2).startsWith("Precisions: bf16 (stored) 819.8 GiB -> cluster; "), lines.get(2));
        assertTrue(lines.get(2).endsWith("; int4 230.8 GiB -> 8x-h100-80gb"), lines.get(2));
        assertEquals("Tier: cluster (minimum profile: none in the catalog)", lines.get(3));
    }

    @Test
    void parameterCountsAreExactWithAShortForm() {
        assertEquals("999", DescriptorSummary.parameters(999));
        assertEquals("6,738,415,616 (6.74 B)", DescriptorSummary.parameters(6_738_415_616L));
        assertEquals("124,439,808 (124 M)", DescriptorSummary.parameters(124_439_808L));
        assertEquals("1,000 (1.00 K)", DescriptorSummary.parameters(1_000));
    }
}
