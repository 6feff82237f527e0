package dev.openaccess.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.FineTuningMethod;
import dev.openaccess.core.descriptor.Generator;
import dev.openaccess.core.descriptor.ModelEntry;
import dev.openaccess.core.descriptor.Parameters;
import dev.openaccess.core.descriptor.Readiness.Persona;
import dev.openaccess.core.descriptor.Requirements;
import dev.openaccess.core.descriptor.Subject;
import dev.openaccess.core.estimate.EstimateSettings;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.ModelShape;
import dev.openaccess.core.estimate.RequirementsEstimator;
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
        // 6,816 B = 6.66 KiB; total 335,577,888 B = 320.03 MiB; overhead 335,569,024 B = 320.02 MiB (transformers'
        // 320 MiB runtime); variants bf16 335,574,480, int8 335,572,908, int4 335,572,044 B: each 320.03 MiB.
        // Fine-tuning (see DescriberTest): full 872,470,656, LoRA 872,457,376, QLoRA 872,452,203 bytes: each
        // 832.1 MiB, mostly one GPU's 832 MiB framework; on the laptop's CPU 320 MiB of it, and it fits there.
        Persona persona = descriptor.readiness().personas().individual();
        assertEquals(new Persona(true, "laptop-16gb", true, FineTuningMethod.FULL, "laptop-16gb", true), persona);
        assertEquals(List.of(
                "Model model/model.safetensors (safetensors llama): 1,704 (1.70 K) parameters, F32, weights 6.7 KiB",
                "Inference memory: 320.0 MiB = weights 6.7 KiB + KV cache 2.0 KiB + overhead 320.0 MiB"
                        + " (context 64, batch 1, KV F16)",
                "Precisions: fp32 (stored) 320.0 MiB -> laptop-16gb; bf16 320.0 MiB -> laptop-16gb;"
                        + " int8 320.0 MiB -> laptop-16gb; int4 320.0 MiB -> laptop-16gb",
                "Fine-tuning: full 832.1 MiB -> laptop-16gb; lora 832.0 MiB -> laptop-16gb; qlora 832.0 MiB ->"
                        + " laptop-16gb (sequence 64, batch 1, gradient checkpointing, LoRA rank 8 on q, v)",
                "Training: 10,224 FLOPs per token, training tokens not declared; one replica 832.1 MiB ->"
                        + " rtx-4090-24gb",
                "Tier: laptop (minimum profile: laptop-16gb)",
                "Personas: individual runs it (laptop-16gb), fine-tunes (full on laptop-16gb), can retrain;"
                        + " lab runs it (laptop-16gb), fine-tunes (full on laptop-16gb), can retrain;"
                        + " enterprise runs it (laptop-16gb), fine-tunes (full on laptop-16gb), can retrain"),
                DescriptorSummary.lines(descriptor));
    }

    @Test
    void summarisesOpt175bWithItsBlockers(@TempDir Path base) throws IOException {
        TinyModels.writeOpt175bConfig(base.resolve("opt-175b"));
        Descriptor descriptor = new Describer().describe(TinyModels.request(base, "opt-175b", false)).descriptor();
        List<String> lines = DescriptorSummary.lines(descriptor);
        // see ReadinessAssessorTest: 349,208,936,448 B = 325.2 GiB of weights; total 359,346,770,304 B = 334.7 GiB;
        // KV 9.0 GiB; overhead 138,613,120 + 335,544,320 = 474,157,440 B = 452.2 MiB; int8 195,655,081,344 B =
        // 182.2 GiB; int4 108,352,847,232 B = 100.9 GiB; full fine-tuning 2.5 TiB, LoRA 332.5 GiB, QLoRA 92.8 GiB
        assertEquals("Model opt-175b/config.json (hf-config opt): 174,604,468,224 (175 B) parameters (from config),"
                + " F16, weights 325.2 GiB", lines.get(0));
        assertEquals("Inference memory: 334.7 GiB = weights 325.2 GiB + KV cache 9.0 GiB + overhead 452.2 MiB"
                + " (context 2048, batch 1, KV F16)", lines.get(1));
        assertEquals("Precisions: fp16 (stored) 334.7 GiB -> 8x-h100-80gb; int8 182.2 GiB -> 8x-h100-80gb;"
                + " int4 100.9 GiB -> h200-141gb", lines.get(2));
        assertEquals("Fine-tuning: full 2.5 TiB -> cluster; lora 332.5 GiB -> 8x-h100-80gb; qlora 92.8 GiB ->"
                + " h200-141gb (sequence 2048, batch 1, gradient checkpointing, LoRA rank 8 on q, v)", lines.get(3));
        assertEquals("Training: 1,047,626,809,344 FLOPs per token, training tokens not declared; one replica 2.5 TiB"
                + " -> cluster", lines.get(4));
        assertEquals("Tier: multi-gpu-node (minimum profile: 8x-h100-80gb)", lines.get(5));
        assertEquals("Personas: individual cannot run it, cannot fine-tune, cannot retrain; lab cannot run it,"
                + " fine-tunes (qlora on h200-141gb), cannot retrain; enterprise runs it (8x-h100-80gb), fine-tunes"
                + " (lora on 8x-h100-80gb), cannot retrain", lines.get(6));
        assertEquals(descriptor.readiness().blockers().stream().map(b -> "Blocker: " + b).toList(),
                lines.subList(7, lines.size()));
        assertEquals(7, descriptor.readiness().blockers().size());
    }

    @Test
    void declaredTrainingTokensGiveComputeAndGpuHours(@TempDir Path base) throws IOException {
        TinyModels.writeOpt175bConfig(base.resolve("opt-175b"));
        Describer.Request request = TinyModels.request(base, "opt-175b", false);
        Describer.Request withTokens = new Describer.Request(request.baseDir(), request.locations(), true, List.of(),
                request.subject(), null, request.settings().withTraining(300_000_000_000L, 0.4, 30), false,
                request.catalog(), null);
        List<String> lines = DescriptorSummary.lines(new Describer().describe(withTokens).descriptor());
        // 3.1428804e23 FLOPs; GPU-hours: RTX 4090 1,321,000, H100/H200/8× H100 220,700 (four figures)
        assertEquals("Training: 3.14e+23 FLOPs for 300,000,000,000 tokens; GPU-hours at 40% utilisation:"
                + " 8x-h100-80gb 220,700, h100-80gb 220,700, h200-141gb 220,700, rtx-4090-24gb 1,321,000; one"
                + " replica 2.5 TiB -> cluster", lines.get(4));
    }

    @Test
    void mixtureOfExpertsAndClusterAreSpelledOut() {
        // 400,000,000,000 parameters, 100,000,000,000 active, bf16: total 800,000,000,000 + 335,544,320 runtime =
        // 800,335,544,320 B = 745.4 GiB, beyond every profile; int4 of 400,000,000,000 = 12,500,000,000 blocks × 18 =
        // 225,000,000,000 B, total 225,335,544,320 B = 209.9 GiB → the node
        ModelShape shape = new ModelShape("huge.safetensors", "safetensors", 400_000_000_000L, 100_000_000_000L,
                800_000_000_000L, "BF16", null);
        HardwareCatalog catalog = HardwareCatalog.defaults();
        Requirements requirements = new RequirementsEstimator(catalog).estimate(List.of(shape),
                EstimateSettings.defaults());
        ModelEntry entry = new ModelEntry("huge.safetensors", "safetensors", 800_000_000_100L, null, null, null,
                new Parameters(400_000_000_000L, 100_000_000_000L, Map.of("BF16", 400_000_000_000L), true),
                800_000_000_000L, 1000L, null, null, null);
        Descriptor descriptor = new Descriptor("1.0", new Subject("g", "a", "1", "jar", null),
                new Generator("openaccess", "test"), List.of(entry), requirements, null, null,
                new ReadinessAssessor(catalog).assess(requirements));
        List<String> lines = DescriptorSummary.lines(descriptor);
        assertEquals("Model huge.safetensors (safetensors): 400,000,000,000 (400 B) parameters,"
                + " 100,000,000,000 (100 B) active, BF16, weights 745.1 GiB", lines.get(0));
        assertTrue(lines.get(1).contains("(context n/a, batch 1, KV F16)"), lines.get(1));
        assertTrue(lines.get(2).startsWith("Precisions: bf16 (stored) 745.4 GiB -> cluster; "), lines.get(2));
        assertTrue(lines.get(2).endsWith("; int4 209.9 GiB -> 8x-h100-80gb"), lines.get(2));
        // 6 × the active 100,000,000,000
        assertTrue(lines.get(4).startsWith("Training: 600,000,000,000 FLOPs per token"), lines.get(4));
        assertEquals("Tier: cluster (minimum profile: none in the catalog)", lines.get(5));
    }

    @Test
    void parameterCountsAreExactWithAShortForm() {
        assertEquals("999", DescriptorSummary.parameters(999));
        assertEquals("6,738,415,616 (6.74 B)", DescriptorSummary.parameters(6_738_415_616L));
        assertEquals("124,439,808 (124 M)", DescriptorSummary.parameters(124_439_808L));
        assertEquals("1,000 (1.00 K)", DescriptorSummary.parameters(1_000));
    }
}
