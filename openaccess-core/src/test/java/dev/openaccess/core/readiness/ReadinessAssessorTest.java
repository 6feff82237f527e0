package dev.openaccess.core.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.descriptor.Inference;
import dev.openaccess.core.descriptor.Readiness;
import dev.openaccess.core.descriptor.Readiness.Persona;
import dev.openaccess.core.descriptor.Readiness.Personas;
import dev.openaccess.core.descriptor.Variant;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.InferenceEstimator;
import dev.openaccess.core.estimate.InferenceEstimator.ModelShape;
import dev.openaccess.core.estimate.KvCacheDtype;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verdict, end to end through the estimator: shape → {@link InferenceEstimator} → {@link ReadinessAssessor}.
 * Figures are worked by hand in the comments (overhead = 256 MiB + (weights + KV) / 100 × 10; a profile fits at
 * 90% of its memory: laptop 15,461,882,265, RTX 4090 23,192,823,398, H100 77,309,411,328, H200 136,257,837,465,
 * 8× H100 618,475,290,624 bytes; GiB figures are bytes / 1,073,741,824 to one decimal).
 */
class ReadinessAssessorTest {

    private static final long GIB = 1024L * 1024 * 1024;
    private static final Persona CANNOT = new Persona(false, null);

    private final HardwareCatalog catalog = HardwareCatalog.defaults();

    private Inference inference(ModelShape model, Integer context) {
        return new InferenceEstimator(catalog).estimate(List.of(model), context, 1, KvCacheDtype.F16).inference();
    }

    private Readiness assess(Inference inference) {
        return new ReadinessAssessor(catalog).assess(inference);
    }

    private static Persona can(String profile) {
        return new Persona(true, profile);
    }

    /**
     * OPT-175B (Zhang et al. 2022, Table 1): 96 layers, hidden 12,288 in 96 heads of 128 (no grouped-query
     * attention), context 2,048; 174,604,468,224 parameters, fp16 = 349,208,936,448 bytes.
     */
    @Test
    void opt175bNeedsAMultiGpuNodeAndSaysWhyInPlainWords() {
        Architecture opt = new Architecture("opt", 96, 12288, 96, 96, 128, 50272, 2048, null, null, null,
                Architecture.DECODER);
        ModelShape shape = new ModelShape("opt-175b/config.json", 174_604_468_224L, 174_604_468_224L,
                349_208_936_448L, "F16", opt);
        Inference inference = inference(shape, null);

        // KV: 2 × 96 × 96 × 128 × 2 = 4,718,592 per token; × 2,048 = 9,663,676,416 (9.0 GiB)
        assertEquals(4_718_592L, inference.kvCacheBytesPerToken());
        assertEquals(9_663_676_416L, inference.kvCacheBytes());
        // weights + KV = 358,872,612,864; overhead 268,435,456 + 35,887,261,280 = 36,155,696,736 (33.7 GiB)
        assertEquals(36_155_696_736L, inference.overheadBytes());
        // total 358,872,612,864 + 36,155,696,736 = 395,028,309,600 (367.9 GiB): > H200's 136,257,837,465,
        // ≤ 8× H100's 618,475,290,624
        assertEquals(395_028_309_600L, inference.totalBytes());
        assertEquals("8x-h100-80gb", inference.minimumProfile());
        // int8: 174,604,468,224 / 32 = 5,456,389,632 blocks × 34 = 185,517,247,488; + KV = 195,180,923,904;
        //   overhead 268,435,456 + 19,518,092,390; total 214,967,451,750 (200.2 GiB) → still the node
        // int4: 5,456,389,632 × 18 = 98,215,013,376 (91.5 GiB); + KV = 107,878,689,792; overhead 268,435,456 +
        //   10,787,868,970 = 11,056,304,426; total 118,934,994,218 (110.8 GiB): > H100's 77,309,411,328,
        //   ≤ H200's 136,257,837,465 → one H200
        assertEquals(List.of(
                new Variant("fp16", true, 349_208_936_448L, 395_028_309_600L, "8x-h100-80gb"),
                new Variant("int8", false, 185_517_247_488L, 214_967_451_750L, "8x-h100-80gb"),
                new Variant("int4", false, 98_215_013_376L, 118_934_994_218L, "h200-141gb")), inference.variants());

        Readiness readiness = assess(inference);
        assertEquals("multi-gpu-node", readiness.tier());
        assertEquals(new Personas(CANNOT, CANNOT, can("8x-h100-80gb")), readiness.personas());
        // 349,208,936,448 / 2^30 = 325.2 GiB of weights against the H200's 141 GiB (151,397,597,184 bytes);
        // RTX 4090: 24 GiB × 0.9 = 21.6 GiB usable
        assertEquals(List.of(
                "fp16 inference needs 367.9 GiB (325.2 GiB weights, 9.0 GiB KV cache, 33.7 GiB overhead); the largest"
                        + " consumer hardware in the catalog, rtx-4090-24gb, offers 21.6 GiB usable",
                "fp16 weights alone need 325.2 GiB; the largest single GPU in the catalog (h200-141gb) has 141.0 GiB",
                "inference needs a multi-GPU node (8x-h100-80gb): beyond an individual or a lab with one GPU",
                "quantized to int4, the weights (91.5 GiB; 110.8 GiB in all) would fit one h200-141gb"),
                readiness.blockers());
    }

    @Test
    void llama2At4096TokensRunsOnOneConsumerGpuWithoutBlockers() {
        // 32 layers, 32 KV heads of 128, context 4,096; 6,738,415,616 parameters in fp16 = 13,476,831,232 bytes
        Architecture llama = new Architecture("llama", 32, 4096, 32, 32, 128, 32000, 4096, null, null, null,
                Architecture.DECODER);
        Inference inference = inference(new ModelShape("llama-2-7b", 6_738_415_616L, 6_738_415_616L,
                13_476_831_232L, "F16", llama), null);
        // 13,476,831,232 + 2,147,483,648 KV + 1,830,866,936 overhead = 17,455,181,816: over the laptop's
        // 15,461,882,265, under the 4090's 23,192,823,398
        assertEquals(17_455_181_816L, inference.totalBytes());
        assertEquals("rtx-4090-24gb", inference.minimumProfile());
        Readiness readiness = assess(inference);
        assertEquals("single-consumer-gpu", readiness.tier());
        assertEquals(new Personas(can("rtx-4090-24gb"), can("rtx-4090-24gb"), can("rtx-4090-24gb")),
                readiness.personas());
        assertEquals(List.of(), readiness.blockers());
    }

    @Test
    void aTinyModelRunsOnALaptop() {
        // GPT-2 small: 124,439,808 parameters in F32 = 497,759,232 bytes; 12 layers × 12 heads of 64, context 1,024
        // KV 2 × 12 × 12 × 64 × 2 × 1,024 = 37,748,736; total 535,507,968 + 268,435,456 + 53,550,790 = 857,494,214
        Architecture gpt2 = new Architecture("gpt2", 12, 768, 12, 12, 64, 50257, 1024, null, null, null,
                Architecture.DECODER);
        Inference inference = inference(new ModelShape("gpt2", 124_439_808L, 124_439_808L, 497_759_232L, "F32",
                gpt2), null);
        assertEquals(857_494_214L, inference.totalBytes());
        Readiness readiness = assess(inference);
        assertEquals("laptop", readiness.tier());
        assertEquals(new Personas(can("laptop-16gb"), can("laptop-16gb"), can("laptop-16gb")), readiness.personas());
        assertEquals(List.of(), readiness.blockers());
    }

    @Test
    void aModelThatNeedsOneDatacenterGpuIsForLabs() {
        // 30,000,000,000 parameters, fp16 = 60,000,000,000 bytes, no attention shape known (no KV cache):
        // overhead 268,435,456 + 6,000,000,000 = 6,268,435,456 (5.8 GiB); total 66,268,435,456 (61.7 GiB):
        // over the 4090's 23,192,823,398, under the H100's 77,309,411,328
        Inference inference = inference(new ModelShape("w.safetensors", 30_000_000_000L, 30_000_000_000L,
                60_000_000_000L, "F16", null), null);
        assertEquals(66_268_435_456L, inference.totalBytes());
        Readiness readiness = assess(inference);
        assertEquals("single-datacenter-gpu", readiness.tier());
        assertEquals(new Personas(CANNOT, can("h100-80gb"), can("h100-80gb")), readiness.personas());
        // int8: 937,500,000 blocks × 34 = 31,875,000,000; total 35,330,935,456 → H100, no better rung: not mentioned
        // int4: 937,500,000 × 18 = 16,875,000,000 (15.7 GiB); total 18,830,935,456 (17.5 GiB) → the RTX 4090
        assertEquals(List.of(
                "fp16 inference needs 61.7 GiB (55.9 GiB weights, 0 B KV cache, 5.8 GiB overhead); the largest"
                        + " consumer hardware in the catalog, rtx-4090-24gb, offers 21.6 GiB usable",
                "quantized to int4, the weights (15.7 GiB; 17.5 GiB in all) would fit one rtx-4090-24gb"),
                readiness.blockers());
    }

    @Test
    void beyond640GibIsAClusterWithABlocker() {
        // 400,000,000,000 parameters in bf16 = 800,000,000,000 bytes (745.1 GiB); overhead 268,435,456 +
        // 80,000,000,000; total 880,268,435,456 (819.8 GiB) > 8× H100's 618,475,290,624 (576.0 GiB)
        Inference inference = inference(new ModelShape("huge", 400_000_000_000L, 400_000_000_000L,
                800_000_000_000L, "BF16", null), null);
        assertEquals(880_268_435_456L, inference.totalBytes());
        assertEquals(null, inference.minimumProfile());
        Readiness readiness = assess(inference);
        assertEquals("cluster", readiness.tier());
        assertEquals(new Personas(CANNOT, CANNOT, CANNOT), readiness.personas());
        assertTrue(readiness.blockers().contains("inference needs more than any profile in the catalog offers (the"
                + " largest, 8x-h100-80gb, has 576.0 GiB usable): a cluster"), readiness.blockers()::toString);
        assertTrue(readiness.blockers().contains(
                "bf16 weights alone need 745.1 GiB; the largest single GPU in the catalog (h200-141gb) has 141.0 GiB"),
                readiness.blockers()::toString);
        // int8: 12,500,000,000 blocks × 34 = 425,000,000,000 (395.8 GiB); total 467,768,435,456 (435.6 GiB) ≤ the node
        assertTrue(readiness.blockers().contains(
                "quantized to int8, the weights (395.8 GiB; 435.6 GiB in all) would fit one 8x-h100-80gb"),
                readiness.blockers()::toString);
    }

    @Test
    void weightsThatFitOneGpuAreNotCalledABlocker() {
        // 120 GiB of fp16 weights (64,424,509,440 parameters) fit one H200 (141 GiB; 126.9 GiB usable); what does
        // not fit is the KV cache of a long context: 2 × 80 layers × 8 KV heads × 128 × 2 bytes = 327,680 per
        // token × 65,536 tokens = 21,474,836,480 (20.0 GiB). Total 128,849,018,880 + 21,474,836,480 +
        // 15,300,820,986 overhead = 165,624,676,346 (154.2 GiB) → the 8× H100 node.
        Architecture longContext = new Architecture("llama", 80, 8192, 64, 8, 128, 32000, 65536, null, null, null,
                Architecture.DECODER);
        Inference inference = inference(new ModelShape("long", 64_424_509_440L, 64_424_509_440L, 120 * GIB, "F16",
                longContext), null);
        assertEquals(165_624_676_346L, inference.totalBytes());
        Readiness readiness = assess(inference);
        assertEquals("multi-gpu-node", readiness.tier());
        assertTrue(readiness.blockers().stream().noneMatch(blocker -> blocker.contains("weights alone")),
                "the weights alone would fit the H200; saying they need more than it has is wrong: "
                        + readiness.blockers());
        assertTrue(readiness.blockers().get(0).startsWith("fp16 inference needs 154.2 GiB (120.0 GiB weights, 20.0 GiB"
                + " KV cache, 14.2 GiB overhead)"), readiness.blockers()::toString);
        // int8: 2,013,265,920 blocks × 34 = 68,451,041,280 (63.8 GiB); total 99,186,900,986 (92.4 GiB) → one H200
        assertTrue(readiness.blockers().contains(
                "quantized to int8, the weights (63.8 GiB; 92.4 GiB in all) would fit one h200-141gb"),
                readiness.blockers()::toString);
    }

    @Test
    void tierIsTheRungOfTheMinimumProfileInTheCatalogGiven() {
        // a catalog without laptops or consumer cards: Llama-2-7B in fp16 at 4,096 tokens (17,455,181,816 bytes)
        // lands on the H100 (usable 77,309,411,328), so on the datacenter rung, and no individual can run it
        HardwareCatalog datacenterOnly = new HardwareCatalog("test", catalog.profiles().stream()
                .filter(p -> p.id().equals("h100-80gb") || p.id().equals("8x-h100-80gb")).toList());
        Architecture llama = new Architecture("llama", 32, 4096, 32, 32, 128, 32000, 4096, null, null, null,
                Architecture.DECODER);
        Inference inference = new InferenceEstimator(datacenterOnly).estimate(List.of(new ModelShape("llama-2-7b",
                6_738_415_616L, 6_738_415_616L, 13_476_831_232L, "F16", llama)), null, 1, KvCacheDtype.F16).inference();
        assertEquals("h100-80gb", inference.minimumProfile());
        Readiness readiness = new ReadinessAssessor(datacenterOnly).assess(inference);
        assertEquals("single-datacenter-gpu", readiness.tier());
        assertEquals(new Personas(CANNOT, can("h100-80gb"), can("h100-80gb")), readiness.personas());
    }
}
