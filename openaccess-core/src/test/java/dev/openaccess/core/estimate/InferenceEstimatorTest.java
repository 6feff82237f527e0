package dev.openaccess.core.estimate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.descriptor.DecodeBound;
import dev.openaccess.core.descriptor.Inference;
import dev.openaccess.core.descriptor.ProfileFit;
import dev.openaccess.core.descriptor.Requirements;
import dev.openaccess.core.descriptor.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Inference memory, variants and decode bounds, against hand arithmetic. Architectures are the published
 * Hugging Face configs of the models named; the rule under test (InferenceEstimator's documentation):
 * total = weights + KV cache + overhead, KV per token = 2 × layers × kvHeads × headDim × bytes, overhead =
 * activations + runtime. Activations (ActivationMemory): tokens at once × (3h + 2 × query width + 2 × KV width +
 * MLP width [3I when gated]) × element bytes [2 for 16-bit, 4 for fp32], decoders a prefill chunk of at most 512
 * tokens per sequence plus batch × vocab × 4 of logits, encoders the whole sequence plus 3.5 × batch × heads ×
 * s² × 4 of attention scores. Runtime: transformers (the default for safetensors) PyTorch's resident part, 320 MiB
 * (335,544,320); ONNX Runtime 16 MiB (16,777,216) plus 60% of the weights (on whole hundreds of bytes).
 */
class InferenceEstimatorTest {

    static final long MIB = 1024L * 1024;
    /** transformers' native part, PyTorch's resident part: 320 MiB = 335,544,320 bytes. */
    static final long RUNTIME = 320 * MIB;
    /** ONNX Runtime's native part (and the generic rule's): 16 MiB = 16,777,216 bytes. */
    static final long ONNX_RUNTIME = 16 * MIB;

    /**
     * meta-llama/Llama-2-7b-hf: 32 layers, hidden 4096, 32 heads (no GQA), head dim 128, context 4096, gated MLP of
     * 11,008.
     */
    static final Architecture LLAMA_2_7B = new Architecture("llama", 32, 4096, 32, 32, 128, 32000, 4096, null, null,
            null, Architecture.DECODER, 11008, true);
    /** Llama-2-7B parameters as counted from its safetensors headers (the "6.74B" of the model card). */
    static final long LLAMA_2_7B_PARAMETERS = 6_738_415_616L;
    /** meta-llama/Meta-Llama-3-8B: 32 layers, 32 query heads but 8 KV heads, head dim 128, context 8192. */
    static final Architecture LLAMA_3_8B = new Architecture("llama", 32, 4096, 32, 8, 128, 128256, 8192, null, null,
            null, Architecture.DECODER, 14336, true);
    static final long LLAMA_3_8B_PARAMETERS = 8_030_261_248L;
    /** mistralai/Mistral-7B-v0.1: 32 layers, 8 KV heads, head dim 128, max positions 32768, sliding window 4096. */
    static final Architecture MISTRAL_7B = new Architecture("mistral", 32, 4096, 32, 8, 128, 32000, 32768, null, null,
            4096, Architecture.DECODER, 14336, true);
    /** bert-base-uncased: 12 layers, hidden 768, 12 heads of 64, 512 positions, an encoder with a 3,072 MLP. */
    static final Architecture BERT_BASE = new Architecture("bert", 12, 768, 12, 12, 64, 30522, 512, null, null, null,
            Architecture.ENCODER, 3072, false);
    /**
     * Llama-2-7B's activations at 4,096 tokens, batch 1, F16: a prefill chunk of 512 tokens × (3 × 4,096 +
     * 2 × 4,096 + 2 × 4,096 + 3 × 11,008 = 61,696) × 2 bytes = 63,176,704, + logits 4 × 32,000 = 128,000:
     * 63,304,704.
     */
    static final long LLAMA_2_ACTIVATIONS = 63_304_704L;

    private final InferenceEstimator estimator = new InferenceEstimator(HardwareCatalog.defaults());

    static ModelShape llama2(String dtype, long bytesPerParameter) {
        return new ModelShape("llama-2-7b", "safetensors", LLAMA_2_7B_PARAMETERS, LLAMA_2_7B_PARAMETERS,
                LLAMA_2_7B_PARAMETERS * bytesPerParameter, dtype, LLAMA_2_7B);
    }

    static ModelShape shape(String path, long total, long active, long weights, String dtype, Architecture arch) {
        return new ModelShape(path, "safetensors", total, active, weights, dtype, arch);
    }

    static EstimateSettings settings(Integer context, int batch, KvCacheDtype kv) {
        return EstimateSettings.defaults().withInference(context, batch, kv);
    }

    /** The estimate with its notes in {@code assumptions}, as the descriptor carries them. */
    private record Estimated(InferenceEstimator.Estimate estimate, List<String> notes) {
        Inference inference() {
            return estimate.inference();
        }
    }

    private Estimated estimate(List<ModelShape> models, Integer context, int batch, KvCacheDtype kv) {
        List<String> notes = new ArrayList<>();
        return new Estimated(estimator.estimate(models, settings(context, batch, kv), notes), notes);
    }

    private Estimated estimate(ModelShape model, Integer context, int batch) {
        return estimate(List.of(model), context, batch, KvCacheDtype.F16);
    }

    private static Requirements requirements(List<ModelShape> models, Integer context, int batch) {
        return new RequirementsEstimator(HardwareCatalog.defaults()).estimate(models, settings(context, batch,
                KvCacheDtype.F16));
    }

    private static Map<String, ProfileFit> byId(Requirements requirements) {
        return requirements.profiles().stream().collect(Collectors.toMap(ProfileFit::id, Function.identity()));
    }

    // ---- KV cache ----

    @Test
    void kvCachePerTokenOfLlama2InF16IsHalfAMebibyte() {
        // 2 (K and V) × 32 layers × 32 KV heads × 128 head dim × 2 bytes = 524,288 bytes = 512 KiB per token
        assertEquals(524_288L, InferenceEstimator.kvBytesPerToken(LLAMA_2_7B, KvCacheDtype.F16));
        Inference inference = estimate(llama2("F16", 2), null, 1).inference();
        assertEquals(524_288L, inference.kvCacheBytesPerToken());
        // × 4,096 tokens (the model's own context) × batch 1 = 2,147,483,648 bytes = exactly 2 GiB
        assertEquals(2_147_483_648L, inference.kvCacheBytes());
    }

    @Test
    void kvCacheScalesWithTheBytesOfItsDtype() {
        // 2 × 32 × 32 × 128 = 262,144 elements per token, times 4 / 2 / 2 / 1 bytes
        assertEquals(1_048_576L, InferenceEstimator.kvBytesPerToken(LLAMA_2_7B, KvCacheDtype.F32));
        assertEquals(524_288L, InferenceEstimator.kvBytesPerToken(LLAMA_2_7B, KvCacheDtype.BF16));
        assertEquals(262_144L, InferenceEstimator.kvBytesPerToken(LLAMA_2_7B, KvCacheDtype.F8));
        Inference f8 = estimate(List.of(llama2("F16", 2)), null, 1, KvCacheDtype.F8).inference();
        assertEquals(262_144L * 4096, f8.kvCacheBytes()); // 1 GiB
        assertEquals("F8", new RequirementsEstimator(HardwareCatalog.defaults())
                .estimate(List.of(llama2("F16", 2)), settings(null, 1, KvCacheDtype.F8)).assumptions().kvCacheDtype());
    }

    @Test
    void groupedQueryAttentionCachesOnlyTheKvHeads() {
        // Llama-3-8B: 2 × 32 layers × 8 KV heads × 128 × 2 bytes = 131,072 bytes per token (a quarter of Llama-2-7B)
        assertEquals(131_072L, InferenceEstimator.kvBytesPerToken(LLAMA_3_8B, KvCacheDtype.F16));
        Inference inference = estimate(shape("llama-3-8b", LLAMA_3_8B_PARAMETERS, LLAMA_3_8B_PARAMETERS,
                2 * LLAMA_3_8B_PARAMETERS, "BF16", LLAMA_3_8B), null, 1).inference();
        assertEquals(131_072L, inference.kvCacheBytesPerToken());
        // × 8,192 tokens = 1,073,741,824 bytes = 1 GiB
        assertEquals(1_073_741_824L, inference.kvCacheBytes());
    }

    @Test
    void totalKvCacheIsPerTokenTimesContextTimesBatch() {
        // 524,288 × 1,024 tokens × 4 sequences = 2,147,483,648
        Inference four = estimate(llama2("F16", 2), 1024, 4).inference();
        assertEquals(2_147_483_648L, four.kvCacheBytes());
        assertEquals(524_288L, four.kvCacheBytesPerToken(), "per token does not depend on the batch");
        // 524,288 × 100 × 3 = 157,286,400
        assertEquals(157_286_400L, estimate(llama2("F16", 2), 100, 3).inference().kvCacheBytes());
    }

    @Test
    void slidingWindowCapsTheCachedTokens() {
        ModelShape mistral = shape("mistral-7b", 7_241_732_096L, 7_241_732_096L, 2 * 7_241_732_096L, "BF16",
                MISTRAL_7B);
        Estimated estimated = estimate(mistral, null, 1);
        // 2 × 32 × 8 × 128 × 2 = 131,072 per token, held for min(32,768 context, 4,096 window) = 4,096 tokens:
        // 536,870,912 bytes (512 MiB), not 32,768 × 131,072 = 4 GiB
        assertEquals(131_072L, estimated.inference().kvCacheBytesPerToken());
        assertEquals(536_870_912L, estimated.inference().kvCacheBytes());
        assertEquals(32768, estimated.estimate().contextLength(), "the context itself stays the model's");
        assertEquals(List.of("mistral-7b: sliding-window attention: KV cache holds 4096 of 32768 tokens"),
                estimated.notes());

        // a context inside the window is held whole, and nothing needs saying: 2,048 × 131,072 = 268,435,456
        Estimated shorter = estimate(mistral, 2048, 1);
        assertEquals(268_435_456L, shorter.inference().kvCacheBytes());
        assertEquals(List.of(), shorter.notes());
    }

    /**
     * google/gemma-2-2b: 26 layers, 4 KV heads of 256, context 8,192; layers 0, 2, …, 24 (13 of them) attend within a
     * 4,096-token window, the other 13 to everything.
     */
    static final Architecture GEMMA_2_2B = new Architecture("gemma2", 26, 2304, 8, 4, 256, 256000, 8192, null, null,
            4096, Architecture.DECODER, 9216, true, null, 13, null);

    @Test
    void alternatingSlidingWindowLayersCapOnlyTheirOwnTokens() {
        ModelShape gemma = shape("gemma-2-2b", 2_614_341_888L, 2_614_341_888L, 2 * 2_614_341_888L, "BF16",
                GEMMA_2_2B);
        Estimated estimated = estimate(gemma, null, 1);
        // per token in every layer 2 × 26 × 4 × 256 × 2 = 106,496; one layer's entry 2 × 4 × 256 × 2 = 4,096 bytes.
        // 13 windowed layers hold 4,096 tokens, 13 global layers 8,192: (13 × 4,096 + 13 × 8,192) × 4,096
        // = 159,744 × 4,096 = 654,311,424 bytes (not 26 × 4,096 × 4,096 = 436,207,616, as if all were windowed)
        assertEquals(106_496L, estimated.inference().kvCacheBytesPerToken());
        assertEquals(654_311_424L, estimated.inference().kvCacheBytes());
        assertEquals(List.of("gemma-2-2b: sliding-window attention: 13 of 26 layers hold 4096 of 8192 tokens"),
                estimated.notes());
    }

    /**
     * deepseek-ai/DeepSeek-V3: 61 layers of multi-head latent attention caching kv_lora_rank 512 + qk_rope_head_dim
     * 64 = 576 values per token and layer, context 163,840; 128 heads of 192 for queries and keys.
     */
    static final Architecture DEEPSEEK_V3 = new Architecture("deepseek_v3", 61, 7168, 128, 128, 192, 129280, 163840,
            256, 8, null, Architecture.DECODER, 2048, true, 576, null, null);

    @Test
    void multiHeadLatentAttentionCachesTheLatentNotPerHeadKeysAndValues() {
        ModelShape deepseek = shape("deepseek-v3", 671_026_419_200L, 37_552_297_472L, 2 * 671_026_419_200L, "BF16",
                DEEPSEEK_V3);
        Inference inference = estimate(deepseek, 32768, 1).inference();
        // 61 layers × 576 values × 2 bytes = 70,272 bytes a token (per-head keys and values would be
        // 2 × 61 × 128 × 192 × 2 = 5,996,544); × 32,768 tokens = 2,302,672,896
        assertEquals(70_272L, inference.kvCacheBytesPerToken());
        assertEquals(2_302_672_896L, inference.kvCacheBytes());
    }

    @Test
    void encodersKeepNoKvCacheButHoldTheirAttentionScores() {
        // bert-base-uncased: 109,482,240 parameters in F32 = 437,928,960 bytes
        ModelShape bert = shape("bert", 109_482_240L, 109_482_240L, 437_928_960L, "F32", BERT_BASE);
        Requirements requirements = requirements(List.of(bert), null, 1);
        Inference inference = requirements.inference();
        assertNull(inference.kvCacheBytesPerToken());
        assertEquals(0L, inference.kvCacheBytes());
        // activations over the whole 512-token sequence, fp32: 512 × (3 × 768 + 2 × 768 + 2 × 768 + 3,072 = 8,448)
        // × 4 = 17,301,504; attention scores 3.5 × 12 heads × 512² × 4 = 44,040,192; together 61,341,696
        assertEquals(61_341_696L, inference.activationsBytes());
        assertEquals(RUNTIME, inference.runtimeBytes());
        assertEquals(61_341_696L + RUNTIME, inference.overheadBytes());
        // overhead 61,341,696 + 335,544,320 runtime = 396,886,016
        assertEquals(834_814_976L, inference.totalBytes()); // 437,928,960 + 0 + 396,886,016
        assertNull(requirements.assumptions().contextLength(), "no decoder, no context configured: none assumed");
        requirements.profiles().forEach(fit -> assertNull(fit.decodeTokensPerSecond(), fit.id()));
        assertTrue(byId(requirements).get("laptop-16gb").fitsInference());

        // batch 8 at 128 tokens: 1,024 tokens × 8,448 × 4 = 34,603,008; scores 3.5 × 8 × 12 × 128² × 4 = 22,020,096
        assertEquals(56_623_104L, estimate(bert, 128, 8).inference().activationsBytes());
        // stored in int8 (ONNX Runtime's dynamic quantization), an element costs 5 bytes: 1,024 × 8,448 × 5 =
        // 43,253,760 + the same scores = 65,273,856
        assertEquals(65_273_856L, estimate(shape("bert-q", 109_482_240L, 109_482_240L, 109_482_240L, "I8",
                BERT_BASE), 128, 8).inference().activationsBytes());
    }

    @Test
    void onnxModelsCostTheirWeightsAgainForTheRuntimesCopies() {
        // the same BERT as an ONNX file: ONNX Runtime keeps pre-packed copies, 60% of 437,928,960 =
        // 4,379,289 hundreds × 60 = 262,757,340 on top of ONNX Runtime's 16 MiB
        ModelShape onnx = new ModelShape("bert.onnx", "onnx", 109_482_240L, 109_482_240L, 437_928_960L, "F32",
                BERT_BASE);
        Inference inference = estimate(onnx, null, 1).inference();
        assertEquals(ONNX_RUNTIME + 262_757_340L, inference.runtimeBytes());
        assertEquals(437_928_960L + 61_341_696L + ONNX_RUNTIME + 262_757_340L, inference.totalBytes());
        // its int8 what-if: ceil(109,482,240 / 32) = 3,421,320 blocks × 34 = 116,324,880 bytes, whose copy is
        // 1,163,248 hundreds × 60 = 69,794,880
        Variant int8 = inference.variants().stream().filter(v -> v.precision().equals("int8")).findFirst().orElseThrow();
        assertEquals(116_324_880L, int8.weightsBytes());
        assertEquals(116_324_880L + 61_341_696L + ONNX_RUNTIME + 69_794_880L, int8.totalBytes());
    }

    @Test
    void decodersPrefillInChunksOf512TokensAndAddTheLastLogits() {
        assertEquals(LLAMA_2_ACTIVATIONS, estimate(llama2("F16", 2), null, 1).inference().activationsBytes());
        // a 100-token context is processed at once: 100 × 61,696 × 2 = 12,339,200 + 128,000 = 12,467,200
        assertEquals(12_467_200L, estimate(llama2("F16", 2), 100, 1).inference().activationsBytes());
        // batch 4 at 1,024 tokens: 4 × 512 tokens × 61,696 × 2 = 252,706,816 + 4 × 128,000 = 253,218,816
        assertEquals(253_218_816L, estimate(llama2("F16", 2), 1024, 4).inference().activationsBytes());
        // fp32 weights compute in fp32: 512 × 61,696 × 4 = 126,353,408 + 128,000 = 126,481,408
        assertEquals(126_481_408L, estimate(llama2("F32", 4), null, 1).inference().activationsBytes());
    }

    @Test
    void unknownAttentionShapeLeavesTheKvCacheOutAndSaysSo() {
        ModelShape noConfig = shape("weights.safetensors", LLAMA_2_7B_PARAMETERS, LLAMA_2_7B_PARAMETERS,
                2 * LLAMA_2_7B_PARAMETERS, "F16", null);
        Estimated estimated = estimate(noConfig, null, 1);
        assertNull(estimated.inference().kvCacheBytesPerToken());
        assertEquals(0L, estimated.inference().kvCacheBytes());
        assertEquals(0L, estimated.inference().activationsBytes());
        assertEquals(List.of("weights.safetensors: architecture unknown (no config.json beside the weights): KV cache,"
                + " activations and LoRA adapters not estimated"), estimated.notes(), "said once");
        // weights and runtime only: 13,476,831,232 + 335,544,320 = 13,812,375,552
        assertEquals(13_812_375_552L, estimated.inference().totalBytes());

        // a shape with a gap (no layer count) is unknown too
        Architecture partial = new Architecture("custom", null, 4096, 32, 32, 128, null, 4096, null, null, null,
                Architecture.DECODER);
        Estimated gap = estimate(shape("m", 10, 10, 20, "F16", partial), null, 1);
        assertNull(gap.inference().kvCacheBytesPerToken());
        assertTrue(gap.notes().stream().anyMatch(note -> note.contains("attention shape incomplete")),
                gap.notes()::toString);
    }

    @Test
    void noContextLengthAnywhereLeavesTheKvCacheOutAndSaysSo() {
        Architecture noContext = new Architecture("llama", 32, 4096, 32, 32, 128, 32000, null, null, null, null,
                Architecture.DECODER);
        Estimated estimated = estimate(shape("m", 10, 10, 20, "F16", noContext), null, 1);
        assertEquals(0L, estimated.inference().kvCacheBytes());
        assertNull(estimated.inference().kvCacheBytesPerToken());
        assertTrue(estimated.notes().stream().anyMatch(note -> note.contains("no context length")),
                estimated.notes()::toString);
        // configured, it is enough: 524,288 × 10 = 5,242,880
        assertEquals(5_242_880L, estimate(shape("m", 10, 10, 20, "F16", noContext), 10, 1)
                .inference().kvCacheBytes());
    }

    @Test
    void configuredContextLengthOverridesTheModels() {
        Estimated estimated = estimate(llama2("F16", 2), 2048, 1);
        assertEquals(2048, estimated.estimate().contextLength());
        // 524,288 × 2,048 = 1,073,741,824
        assertEquals(1_073_741_824L, estimated.inference().kvCacheBytes());
        // longer than the model's own 4,096 is taken as asked: 524,288 × 16,384 = 8,589,934,592 (8 GiB)
        assertEquals(8_589_934_592L, estimate(llama2("F16", 2), 16384, 1).inference().kvCacheBytes());
        // without one, the model's own
        assertEquals(4096, estimate(llama2("F16", 2), null, 1).estimate().contextLength());
    }

    @Test
    void batchAndContextMustBePositive() {
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> settings(null, 0, KvCacheDtype.F16));
        assertTrue(batch.getMessage().contains("batch size"), batch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> settings(null, -3, KvCacheDtype.F16));
        IllegalArgumentException context = assertThrows(IllegalArgumentException.class,
                () -> settings(0, 1, KvCacheDtype.F16));
        assertTrue(context.getMessage().contains("context length"), context.getMessage());
        assertThrows(IllegalArgumentException.class, () -> settings(-1, 1, KvCacheDtype.F16));
        // the smallest legal values are accepted: 524,288 × 1 × 1
        assertEquals(524_288L, estimate(llama2("F16", 2), 1, 1).inference().kvCacheBytes());
    }

    // ---- overhead and total ----

    @Test
    void llama2InF16At4096TokensAddsUpByTheDocumentedRule() {
        Requirements requirements = requirements(List.of(llama2("F16", 2)), null, 1);
        Inference inference = requirements.inference();
        // weights: 6,738,415,616 parameters × 2 bytes = 13,476,831,232
        assertEquals(13_476_831_232L, inference.weightsBytes());
        assertEquals(2_147_483_648L, inference.kvCacheBytes());
        assertEquals(LLAMA_2_ACTIVATIONS, inference.activationsBytes());
        assertEquals(RUNTIME, inference.runtimeBytes(), "safetensors are mapped, not copied: the runtime alone");
        // overhead: 63,304,704 + 335,544,320 = 398,849,024
        assertEquals(398_849_024L, inference.overheadBytes());
        // total: 13,476,831,232 + 2,147,483,648 + 398,849,024 = 16,023,163,904 (14.9 GiB)
        assertEquals(16_023_163_904L, inference.totalBytes());
        assertEquals(inference.weightsBytes() + inference.kvCacheBytes() + inference.overheadBytes(),
                inference.totalBytes());
        // laptop usable: 16 GiB × 0.9 = 15,461,882,265 < total; RTX 4090: 24 GiB × 0.9 = 23,192,823,398 ≥ total
        assertEquals("rtx-4090-24gb", inference.minimumProfile());
        assertTrue(requirements.assumptions().overhead().contains("320 MiB runtime"));
        // safetensors run in transformers by default: its rule says that it borrows ONNX Runtime's activation terms
        assertTrue(requirements.assumptions().overhead().startsWith("transformers (PyTorch)"));
        assertTrue(requirements.assumptions().overhead().contains("not calibrated against PyTorch"));
        assertEquals("transformers", requirements.assumptions().runtime());
        assertEquals(0.9, requirements.assumptions().fitFraction());
        assertEquals("F16", requirements.assumptions().kvCacheDtype());
        assertEquals(HardwareCatalog.defaults().version(), requirements.assumptions().hardwareCatalog());
    }

    @Test
    void nothingToHoldStillCostsTheRuntime() {
        Inference nothing = estimate(List.of(), null, 1, KvCacheDtype.F16).inference();
        assertEquals(0L, nothing.weightsBytes());
        // no model, so no format to name a runtime: the generic rule's native part alone, 16,777,216
        assertEquals(ONNX_RUNTIME, nothing.overheadBytes());
        assertEquals(ONNX_RUNTIME, nothing.totalBytes());
        assertEquals("generic", requirements(List.of(), null, 1).assumptions().runtime());
        // 999 bytes of an ONNX model: 999 / 100 = 9 whole hundreds → 540 bytes of the 60%
        Inference small = estimate(new ModelShape("m.onnx", "onnx", 999, 999, 999, "U8", null), null, 1).inference();
        assertEquals(ONNX_RUNTIME + 540, small.overheadBytes());
        assertEquals(999 + ONNX_RUNTIME + 540, small.totalBytes());
    }

    @Test
    void severalModelsAddUpAndAreEachEstimatedAlone() {
        ModelShape llama2 = llama2("F16", 2);
        ModelShape llama3 = shape("llama-3-8b", LLAMA_3_8B_PARAMETERS, LLAMA_3_8B_PARAMETERS,
                2 * LLAMA_3_8B_PARAMETERS, "BF16", LLAMA_3_8B);
        Requirements both = requirements(List.of(llama2, llama3), null, 1);
        Inference inference = both.inference();
        // weights 13,476,831,232 + 16,060,522,496 = 29,537,353,728
        assertEquals(29_537_353_728L, inference.weightsBytes());
        // per token 524,288 + 131,072 = 655,360; each at its own context: 2 GiB + 1 GiB = 3,221,225,472
        assertEquals(655_360L, inference.kvCacheBytesPerToken());
        assertEquals(3_221_225_472L, inference.kvCacheBytes());
        // Llama-3 activations: 512 × (12,288 + 8,192 + 2 × 1,024 + 3 × 14,336 = 65,536) × 2 = 67,108,864 +
        // logits 4 × 128,256 = 513,024 → 67,621,888; with Llama-2's 63,304,704: 130,926,592
        assertEquals(130_926_592L, inference.activationsBytes());
        // one runtime for both: 29,537,353,728 + 3,221,225,472 + 130,926,592 + 335,544,320 = 33,225,050,112
        assertEquals(33_225_050_112L, inference.totalBytes());
        assertEquals("h100-80gb", inference.minimumProfile()); // > 23,192,823,398, ≤ 77,309,411,328
        assertEquals(8192, both.assumptions().contextLength(), "the longest context of the models");
        assertEquals("mixed", inference.variants().get(0).precision(), "F16 and BF16 models together");

        // each alone, with its own runtime: Llama-2 as above; Llama-3 16,060,522,496 + 1,073,741,824 + 67,621,888 +
        // 335,544,320 = 17,537,430,528
        assertEquals(List.of("llama-2-7b", "llama-3-8b"), both.models().stream().map(m -> m.path()).toList());
        assertEquals(16_023_163_904L, both.models().get(0).inference().totalBytes());
        assertEquals(17_537_430_528L, both.models().get(1).inference().totalBytes());
        assertEquals("rtx-4090-24gb", both.models().get(1).inference().minimumProfile());
    }

    // ---- variants ----

    @Test
    void variantsOfAnF16ModelAreStoredInt8AndInt4WithoutBf16() {
        List<Variant> variants = estimate(llama2("F16", 2), null, 1).inference().variants();
        // KV cache (2,147,483,648), activations (63,304,704) and runtime (335,544,320) stay: 2,546,332,672 on top of
        // fp16 13,476,831,232 → 16,023,163,904;
        // int8 (Q8_0): ceil(6,738,415,616 / 32) = 210,575,488 blocks × 34 bytes = 7,159,566,592 → 9,705,899,264
        // int4 (Q4_0): 210,575,488 × 18 = 3,790,358,784 → 6,336,691,456
        assertEquals(List.of(
                new Variant("fp16", true, 13_476_831_232L, 16_023_163_904L, "rtx-4090-24gb"),
                new Variant("int8", false, 7_159_566_592L, 9_705_899_264L, "laptop-16gb"),
                new Variant("int4", false, 3_790_358_784L, 6_336_691_456L, "laptop-16gb")), variants);
    }

    @Test
    void bf16IsOfferedOnlyForFp32Weights() {
        List<Variant> variants = estimate(llama2("F32", 4), null, 1).inference().variants();
        // fp32 activations 126,481,408 (fp32 compute) + KV 2,147,483,648 + runtime 335,544,320 = 2,609,509,376 on top:
        // fp32 26,953,662,464 → 29,563,171,840 (> 23,192,823,398 for the 4090, ≤ 77,309,411,328 for the H100);
        // bf16 13,476,831,232 → 16,086,340,608; int8 7,159,566,592 → 9,769,075,968; int4 3,790,358,784 → 6,399,868,160
        assertEquals(List.of(
                new Variant("fp32", true, 26_953_662_464L, 29_563_171_840L, "h100-80gb"),
                new Variant("bf16", false, 13_476_831_232L, 16_086_340_608L, "rtx-4090-24gb"),
                new Variant("int8", false, 7_159_566_592L, 9_769_075_968L, "laptop-16gb"),
                new Variant("int4", false, 3_790_358_784L, 6_399_868_160L, "laptop-16gb")), variants);

        List<String> fromBf16 = estimate(llama2("BF16", 2), null, 1).inference().variants().stream()
                .map(Variant::precision).toList();
        assertEquals(List.of("bf16", "int8", "int4"), fromBf16);
    }

    @Test
    void quantizedVariantsCostWholeBlocksWithTheirScales() {
        assertEquals(34, WeightPrecision.INT8.bytesFor(1));   // one block of 32
        assertEquals(34, WeightPrecision.INT8.bytesFor(32));
        assertEquals(68, WeightPrecision.INT8.bytesFor(33));  // two blocks
        assertEquals(18, WeightPrecision.INT4.bytesFor(32));
        assertEquals(36, WeightPrecision.INT4.bytesFor(64));
        assertEquals(0, WeightPrecision.INT4.bytesFor(0));
        assertEquals(4_000, WeightPrecision.FP32.bytesFor(1_000));
        assertEquals(2_000, WeightPrecision.FP16.bytesFor(1_000));
        assertEquals(2_000, WeightPrecision.BF16.bytesFor(1_000));
        // OPT-175B: 174,604,468,224 / 32 = 5,456,389,632 blocks exactly; × 34 = 185,517,247,488; × 18 = 98,215,013,376
        assertEquals(185_517_247_488L, WeightPrecision.INT8.bytesFor(174_604_468_224L));
        assertEquals(98_215_013_376L, WeightPrecision.INT4.bytesFor(174_604_468_224L));
        assertEquals("int4", WeightPrecision.INT4.id());
        assertEquals("fp32", WeightPrecision.FP32.id());
    }

    @Test
    void int8StoredWeightsOfferOnlyInt4() {
        // 1,000 parameters in I8 = 1,000 bytes; int8 Q8_0 would be 32 × 34 = 1,088 (more), int4 32 × 18 = 576 (less)
        List<Variant> variants = estimate(shape("q", 1_000, 1_000, 1_000, "I8", null), null, 1)
                .inference().variants();
        assertEquals(List.of("int8", "int4"), variants.stream().map(Variant::precision).toList());
        assertTrue(variants.get(0).stored());
        assertEquals(576, variants.get(1).weightsBytes());
    }

    // ---- profiles and decode bound ----

    @Test
    void decodeBoundIsBandwidthOverBytesReadPerToken() {
        Requirements requirements = requirements(List.of(llama2("F16", 2)), null, 1);
        Map<String, ProfileFit> fits = byId(requirements);
        // bytes read per generated token: all weights (dense) 13,476,831,232 + the KV cache at 4,096 tokens
        // 2,147,483,648 = 15,624,314,880
        // RTX 4090: 1,008,000,000,000 / 15,624,314,880 = 64.51… → 64.5
        // H100: 3,350,000,000,000 / … = 214.41 → 214.4; H200: 4,800,000,000,000 / … = 307.21 → 307.2;
        // 8× H100: 26,800,000,000,000 / … = 1,715.28 → 1,715.3
        assertAll(
                () -> assertFalse(fits.get("laptop-16gb").fitsInference()),
                () -> assertNull(fits.get("laptop-16gb").decodeTokensPerSecond(), "no bound where it does not fit"),
                () -> assertTrue(fits.get("rtx-4090-24gb").fitsInference()),
                () -> assertEquals(64.5, fits.get("rtx-4090-24gb").decodeTokensPerSecond()),
                () -> assertEquals(214.4, fits.get("h100-80gb").decodeTokensPerSecond()),
                () -> assertEquals(307.2, fits.get("h200-141gb").decodeTokensPerSecond()),
                () -> assertEquals(1715.3, fits.get("8x-h100-80gb").decodeTokensPerSecond()));
        assertEquals(List.of("laptop-16gb", "rtx-4090-24gb", "h100-80gb", "h200-141gb", "8x-h100-80gb"),
                requirements.profiles().stream().map(ProfileFit::id).toList(),
                "one entry per catalog profile, smallest rung first");
    }

    @Test
    void mixtureOfExpertsHoldsEveryExpertButReadsOnlyItsActiveShare() {
        // 8,000,000,000 parameters of which 2,000,000,000 active per token, BF16: 16,000,000,000 bytes of weights
        Architecture moe = new Architecture("mixtral", 32, 4096, 32, 8, 128, 32000, 4096, 8, 2, null,
                Architecture.DECODER, 14336, true);
        Requirements requirements = requirements(List.of(shape("moe", 8_000_000_000L, 2_000_000_000L,
                16_000_000_000L, "BF16", moe)), null, 1);
        // activations: the two chosen experts run side by side: 512 × (12,288 + 8,192 + 2,048 + 2 × 3 × 14,336 =
        // 108,544) × 2 = 111,149,056 + logits 128,000 = 111,277,056
        assertEquals(111_277_056L, requirements.inference().activationsBytes());
        // memory holds every expert: 16,000,000,000 + KV 131,072 × 4,096 = 536,870,912 + 111,277,056 + 335,544,320
        // = 16,983,692,288 (> the laptop's 15,461,882,265)
        assertEquals(16_983_692_288L, requirements.inference().totalBytes());
        assertEquals("rtx-4090-24gb", requirements.inference().minimumProfile());
        // a token reads 16,000,000,000 × 2/8 = 4,000,000,000 of weights + 536,870,912 of KV = 4,536,870,912
        // RTX 4090: 1,008,000,000,000 / 4,536,870,912 = 222.18 → 222.2; on 8× H100 bandwidth would allow 26.8e12 /
        // … = 5,907.2, but a step of 32 layers is 31 × 32 + 6 = 998 graph nodes of at least 0.5 µs: 2,004.0
        Map<String, ProfileFit> fits = byId(requirements);
        assertNull(fits.get("laptop-16gb").decodeTokensPerSecond());
        assertEquals(222.2, fits.get("rtx-4090-24gb").decodeTokensPerSecond());
        assertEquals(DecodeBound.BANDWIDTH, fits.get("rtx-4090-24gb").decodeBound());
        assertEquals(2004.0, fits.get("8x-h100-80gb").decodeTokensPerSecond());
        assertEquals(DecodeBound.DISPATCH, fits.get("8x-h100-80gb").decodeBound());
    }

    @Test
    void atLargerBatchesTheBoundIsPerSequence() {
        // batch 4 at 1,024 tokens: a step reads the weights once, 13,476,831,232, and the cache of all four
        // sequences, 4 × 524,288 × 1,024 = 2,147,483,648, and yields one token for each: 15,624,314,880 bytes
        // H100: 3,350,000,000,000 / 15,624,314,880 = 214.41 → 214.4 tokens per second per sequence
        Map<String, ProfileFit> fits = byId(requirements(List.of(llama2("F16", 2)), 1024, 4));
        assertEquals(214.4, fits.get("h100-80gb").decodeTokensPerSecond());
    }

    @Test
    void anEncoderBesideADecoderAddsMemoryButNoDecodeReads() {
        ModelShape bert = shape("bert", 109_482_240L, 109_482_240L, 437_928_960L, "F32", BERT_BASE);
        Requirements together = requirements(List.of(llama2("F16", 2), bert), null, 1);
        Requirements alone = requirements(List.of(llama2("F16", 2)), null, 1);
        assertEquals(alone.inference().weightsBytes() + 437_928_960L, together.inference().weightsBytes());
        assertEquals(byId(alone).get("h100-80gb").decodeTokensPerSecond(),
                byId(together).get("h100-80gb").decodeTokensPerSecond());
    }
}
