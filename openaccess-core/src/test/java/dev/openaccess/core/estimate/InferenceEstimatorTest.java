package dev.openaccess.core.estimate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.descriptor.Inference;
import dev.openaccess.core.descriptor.ProfileFit;
import dev.openaccess.core.descriptor.Requirements;
import dev.openaccess.core.descriptor.Variant;
import dev.openaccess.core.estimate.InferenceEstimator.ModelShape;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Inference memory, variants and decode bounds, against hand arithmetic. Architectures are the published
 * Hugging Face configs of the models named; the rule under test (InferenceEstimator's documentation):
 * total = weights + KV cache + overhead, KV per token = 2 × layers × kvHeads × headDim × bytes, overhead =
 * 256 MiB + 10% of (weights + KV cache), the 10% taken on whole hundreds of bytes ((w + kv) / 100 × 10).
 */
class InferenceEstimatorTest {

    static final long MIB = 1024L * 1024;
    /** 256 MiB = 268,435,456 bytes. */
    static final long RUNTIME = 256 * MIB;

    /** meta-llama/Llama-2-7b-hf: 32 layers, hidden 4096, 32 heads (no GQA), head dim 128, context 4096. */
    static final Architecture LLAMA_2_7B = new Architecture("llama", 32, 4096, 32, 32, 128, 32000, 4096, null, null,
            null, Architecture.DECODER);
    /** Llama-2-7B parameters as counted from its safetensors headers (the "6.74B" of the model card). */
    static final long LLAMA_2_7B_PARAMETERS = 6_738_415_616L;
    /** meta-llama/Meta-Llama-3-8B: 32 layers, 32 query heads but 8 KV heads, head dim 128, context 8192. */
    static final Architecture LLAMA_3_8B = new Architecture("llama", 32, 4096, 32, 8, 128, 128256, 8192, null, null,
            null, Architecture.DECODER);
    static final long LLAMA_3_8B_PARAMETERS = 8_030_261_248L;
    /** mistralai/Mistral-7B-v0.1: 32 layers, 8 KV heads, head dim 128, max positions 32768, sliding window 4096. */
    static final Architecture MISTRAL_7B = new Architecture("mistral", 32, 4096, 32, 8, 128, 32000, 32768, null, null,
            4096, Architecture.DECODER);
    /** bert-base-uncased: 12 layers, hidden 768, 12 heads of 64, 512 positions, an encoder. */
    static final Architecture BERT_BASE = new Architecture("bert", 12, 768, 12, 12, 64, 30522, 512, null, null, null,
            Architecture.ENCODER);

    private final InferenceEstimator estimator = new InferenceEstimator(HardwareCatalog.defaults());

    static ModelShape llama2(String dtype, long bytesPerParameter) {
        return new ModelShape("llama-2-7b", LLAMA_2_7B_PARAMETERS, LLAMA_2_7B_PARAMETERS,
                LLAMA_2_7B_PARAMETERS * bytesPerParameter, dtype, LLAMA_2_7B);
    }

    private Requirements estimate(ModelShape model, Integer context, int batch) {
        return estimator.estimate(List.of(model), context, batch, KvCacheDtype.F16);
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
        Requirements f8 = estimator.estimate(List.of(llama2("F16", 2)), null, 1, KvCacheDtype.F8);
        assertEquals(262_144L * 4096, f8.inference().kvCacheBytes()); // 1 GiB
        assertEquals("F8", f8.assumptions().kvCacheDtype());
    }

    @Test
    void groupedQueryAttentionCachesOnlyTheKvHeads() {
        // Llama-3-8B: 2 × 32 layers × 8 KV heads × 128 × 2 bytes = 131,072 bytes per token (a quarter of Llama-2-7B)
        assertEquals(131_072L, InferenceEstimator.kvBytesPerToken(LLAMA_3_8B, KvCacheDtype.F16));
        Inference inference = estimate(new ModelShape("llama-3-8b", LLAMA_3_8B_PARAMETERS, LLAMA_3_8B_PARAMETERS,
                2 * LLAMA_3_8B_PARAMETERS, "BF16", LLAMA_3_8B), null, 1).inference();
        assertEquals(131_072L, inference.kvCacheBytesPerToken());
        // × 8,192 tokens = 1,073,741,824 bytes = 1 GiB
        assertEquals(1_073_741_824L, inference.kvCacheBytes());
    }

    @Test
    void totalKvCacheIsPerTokenTimesContextTimesBatch() {
        // 524,288 × 1,024 tokens × 4 sequences = 2,147,483,648
        Requirements four = estimate(llama2("F16", 2), 1024, 4);
        assertEquals(2_147_483_648L, four.inference().kvCacheBytes());
        assertEquals(524_288L, four.inference().kvCacheBytesPerToken(), "per token does not depend on the batch");
        assertEquals(4, four.assumptions().batchSize());
        // 524,288 × 100 × 3 = 157,286,400
        assertEquals(157_286_400L, estimate(llama2("F16", 2), 100, 3).inference().kvCacheBytes());
    }

    @Test
    void slidingWindowCapsTheCachedTokens() {
        ModelShape mistral = new ModelShape("mistral-7b", 7_241_732_096L, 7_241_732_096L, 2 * 7_241_732_096L, "BF16",
                MISTRAL_7B);
        Requirements requirements = estimate(mistral, null, 1);
        // 2 × 32 × 8 × 128 × 2 = 131,072 per token, held for min(32,768 context, 4,096 window) = 4,096 tokens:
        // 536,870,912 bytes (512 MiB), not 32,768 × 131,072 = 4 GiB
        assertEquals(131_072L, requirements.inference().kvCacheBytesPerToken());
        assertEquals(536_870_912L, requirements.inference().kvCacheBytes());
        assertEquals(32768, requirements.assumptions().contextLength(), "the context itself stays the model's");
        assertTrue(requirements.assumptions().notes().stream()
                        .anyMatch(note -> note.startsWith("mistral-7b: ") && note.contains("sliding-window")
                                && note.contains("4096 of 32768 tokens")),
                requirements.assumptions().notes()::toString);

        // a context inside the window is held whole, and nothing needs saying: 2,048 × 131,072 = 268,435,456
        Requirements shorter = estimate(mistral, 2048, 1);
        assertEquals(268_435_456L, shorter.inference().kvCacheBytes());
        assertNull(shorter.assumptions().notes());
    }

    @Test
    void encodersKeepNoKvCacheAndHaveNoDecodeSpeed() {
        // bert-base-uncased: 109,482,240 parameters in F32 = 437,928,960 bytes
        ModelShape bert = new ModelShape("bert", 109_482_240L, 109_482_240L, 437_928_960L, "F32", BERT_BASE);
        Requirements requirements = estimate(bert, null, 1);
        Inference inference = requirements.inference();
        assertNull(inference.kvCacheBytesPerToken());
        assertEquals(0L, inference.kvCacheBytes());
        // overhead 268,435,456 + 437,928,960 / 100 × 10 = 268,435,456 + 43,792,890 = 312,228,346
        assertEquals(312_228_346L, inference.overheadBytes());
        assertEquals(750_157_306L, inference.totalBytes()); // 437,928,960 + 0 + 312,228,346
        assertTrue(requirements.assumptions().notes().stream().anyMatch(n -> n.startsWith("bert: ") && n.contains("encoder")));
        assertNull(requirements.assumptions().contextLength(), "no decoder, no context configured: none assumed");
        requirements.profiles().forEach(fit -> assertNull(fit.decodeTokensPerSecond(), fit.id()));
        assertTrue(byId(requirements).get("laptop-16gb").fitsInference());
    }

    @Test
    void unknownAttentionShapeLeavesTheKvCacheOutAndSaysSo() {
        ModelShape noConfig = new ModelShape("weights.safetensors", LLAMA_2_7B_PARAMETERS, LLAMA_2_7B_PARAMETERS,
                2 * LLAMA_2_7B_PARAMETERS, "F16", null);
        Requirements requirements = estimate(noConfig, null, 1);
        assertNull(requirements.inference().kvCacheBytesPerToken());
        assertEquals(0L, requirements.inference().kvCacheBytes());
        assertEquals(List.of("weights.safetensors: attention shape unknown (no config.json beside the weights): KV cache"
                + " not included"), requirements.assumptions().notes());
        // weights only: 13,476,831,232 + 268,435,456 + 1,347,683,120 (13,476,831,232 / 100 × 10) = 15,092,949,808
        assertEquals(15_092_949_808L, requirements.inference().totalBytes());

        // a shape with a gap (no layer count) is unknown too
        Architecture partial = new Architecture("custom", null, 4096, 32, 32, 128, null, 4096, null, null, null,
                Architecture.DECODER);
        Requirements gap = estimate(new ModelShape("m", 10, 10, 20, "F16", partial), null, 1);
        assertNull(gap.inference().kvCacheBytesPerToken());
        assertTrue(gap.assumptions().notes().get(0).contains("attention shape unknown"));
    }

    @Test
    void noContextLengthAnywhereLeavesTheKvCacheOutAndSaysSo() {
        Architecture noContext = new Architecture("llama", 32, 4096, 32, 32, 128, 32000, null, null, null, null,
                Architecture.DECODER);
        Requirements requirements = estimate(new ModelShape("m", 10, 10, 20, "F16", noContext), null, 1);
        assertEquals(0L, requirements.inference().kvCacheBytes());
        assertNull(requirements.inference().kvCacheBytesPerToken());
        assertTrue(requirements.assumptions().notes().get(0).contains("no context length"));
        // configured, it is enough: 524,288 × 10 = 5,242,880
        assertEquals(5_242_880L, estimate(new ModelShape("m", 10, 10, 20, "F16", noContext), 10, 1)
                .inference().kvCacheBytes());
    }

    @Test
    void configuredContextLengthOverridesTheModels() {
        Requirements requirements = estimate(llama2("F16", 2), 2048, 1);
        assertEquals(2048, requirements.assumptions().contextLength());
        // 524,288 × 2,048 = 1,073,741,824
        assertEquals(1_073_741_824L, requirements.inference().kvCacheBytes());
        // longer than the model's own 4,096 is taken as asked: 524,288 × 16,384 = 8,589,934,592 (8 GiB)
        assertEquals(8_589_934_592L, estimate(llama2("F16", 2), 16384, 1).inference().kvCacheBytes());
        // without one, the model's own
        assertEquals(4096, estimate(llama2("F16", 2), null, 1).assumptions().contextLength());
    }

    @Test
    void batchAndContextMustBePositive() {
        ModelShape model = llama2("F16", 2);
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> estimator.estimate(List.of(model), null, 0, KvCacheDtype.F16));
        assertTrue(batch.getMessage().contains("batch size"), batch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> estimator.estimate(List.of(model), null, -3, KvCacheDtype.F16));
        IllegalArgumentException context = assertThrows(IllegalArgumentException.class,
                () -> estimator.estimate(List.of(model), 0, 1, KvCacheDtype.F16));
        assertTrue(context.getMessage().contains("context length"), context.getMessage());
        assertThrows(IllegalArgumentException.class, () -> estimator.estimate(List.of(model), -1, 1, KvCacheDtype.F16));
        // the smallest legal values are accepted: 524,288 × 1 × 1
        assertEquals(524_288L, estimate(model, 1, 1).inference().kvCacheBytes());
    }

    // ---- overhead and total ----

    @Test
    void llama2InF16At4096TokensAddsUpByTheDocumentedRule() {
        Requirements requirements = estimate(llama2("F16", 2), null, 1);
        Inference inference = requirements.inference();
        // weights: 6,738,415,616 parameters × 2 bytes = 13,476,831,232
        assertEquals(13_476_831_232L, inference.weightsBytes());
        assertEquals(2_147_483_648L, inference.kvCacheBytes());
        // overhead: (13,476,831,232 + 2,147,483,648) = 15,624,314,880; / 100 = 156,243,148; × 10 = 1,562,431,480;
        // + 268,435,456 = 1,830,866,936
        assertEquals(1_830_866_936L, inference.overheadBytes());
        // total: 15,624,314,880 + 1,830,866,936 = 17,455,181,816 (16.3 GiB)
        assertEquals(17_455_181_816L, inference.totalBytes());
        assertEquals(inference.weightsBytes() + inference.kvCacheBytes() + inference.overheadBytes(),
                inference.totalBytes());
        // laptop usable: 16 GiB × 0.9 = 15,461,882,265 < total; RTX 4090: 24 GiB × 0.9 = 23,192,823,398 ≥ total
        assertEquals("rtx-4090-24gb", inference.minimumProfile());
        assertTrue(requirements.assumptions().overhead().contains("256 MiB"));
        assertTrue(requirements.assumptions().overhead().contains("10%"));
        assertEquals(0.9, requirements.assumptions().fitFraction());
        assertEquals("F16", requirements.assumptions().kvCacheDtype());
    }

    @Test
    void nothingToHoldStillCostsTheRuntime() {
        Requirements requirements = estimator.estimate(List.of(), null, 1, KvCacheDtype.F16);
        assertEquals(0L, requirements.inference().weightsBytes());
        assertEquals(RUNTIME, requirements.inference().overheadBytes());
        assertEquals(RUNTIME, requirements.inference().totalBytes());
        // 999 bytes: 999 / 100 = 9 whole hundreds → 90 bytes of the 10%
        Requirements small = estimate(new ModelShape("m", 999, 999, 999, "U8", null), null, 1);
        assertEquals(RUNTIME + 90, small.inference().overheadBytes());
        assertEquals(999 + RUNTIME + 90, small.inference().totalBytes());
    }

    @Test
    void severalModelsAddUp() {
        ModelShape llama2 = llama2("F16", 2);
        ModelShape llama3 = new ModelShape("llama-3-8b", LLAMA_3_8B_PARAMETERS, LLAMA_3_8B_PARAMETERS,
                2 * LLAMA_3_8B_PARAMETERS, "BF16", LLAMA_3_8B);
        Requirements both = estimator.estimate(List.of(llama2, llama3), null, 1, KvCacheDtype.F16);
        Inference inference = both.inference();
        // weights 13,476,831,232 + 16,060,522,496 = 29,537,353,728
        assertEquals(29_537_353_728L, inference.weightsBytes());
        // per token 524,288 + 131,072 = 655,360; each at its own context: 2 GiB + 1 GiB = 3,221,225,472
        assertEquals(655_360L, inference.kvCacheBytesPerToken());
        assertEquals(3_221_225_472L, inference.kvCacheBytes());
        // overhead 268,435,456 + 32,758,579,200 / 100 × 10 = 268,435,456 + 3,275,857,920 = 3,544,293,376
        assertEquals(36_302_872_576L, inference.totalBytes()); // 32,758,579,200 + 3,544,293,376
        assertEquals("h100-80gb", inference.minimumProfile()); // > 23,192,823,398, ≤ 77,309,411,328
        assertEquals(8192, both.assumptions().contextLength(), "the longest context of the models");
        assertEquals("mixed", inference.variants().get(0).precision(), "F16 and BF16 models together");
    }

    // ---- variants ----

    @Test
    void variantsOfAnF16ModelAreStoredInt8AndInt4WithoutBf16() {
        List<Variant> variants = estimate(llama2("F16", 2), null, 1).inference().variants();
        // int8 (Q8_0): ceil(6,738,415,616 / 32) = 210,575,488 blocks × 34 bytes = 7,159,566,592
        //   total: 7,159,566,592 + 2,147,483,648 = 9,307,050,240; overhead 268,435,456 + 930,705,020
        //   = 1,199,140,476; total 10,506,190,716 ≤ 15,461,882,265 (laptop usable)
        // int4 (Q4_0): 210,575,488 × 18 = 3,790,358,784
        //   total: 3,790,358,784 + 2,147,483,648 = 5,937,842,432; overhead 268,435,456 + 593,784,240
        //   = 862,219,696; total 6,800,062,128
        assertEquals(List.of(
                new Variant("fp16", true, 13_476_831_232L, 17_455_181_816L, "rtx-4090-24gb"),
                new Variant("int8", false, 7_159_566_592L, 10_506_190_716L, "laptop-16gb"),
                new Variant("int4", false, 3_790_358_784L, 6_800_062_128L, "laptop-16gb")), variants);
    }

    @Test
    void bf16IsOfferedOnlyForFp32Weights() {
        List<Variant> variants = estimate(llama2("F32", 4), null, 1).inference().variants();
        // fp32: 6,738,415,616 × 4 = 26,953,662,464; + 2,147,483,648 = 29,101,146,112; overhead 268,435,456 +
        //   2,910,114,610 = 3,178,550,066; total 32,279,696,178 > 23,192,823,398 (4090), ≤ 77,309,411,328 (H100)
        // bf16: × 2 = 13,476,831,232 → the same 17,455,181,816 as the F16 model
        assertEquals(List.of(
                new Variant("fp32", true, 26_953_662_464L, 32_279_696_178L, "h100-80gb"),
                new Variant("bf16", false, 13_476_831_232L, 17_455_181_816L, "rtx-4090-24gb"),
                new Variant("int8", false, 7_159_566_592L, 10_506_190_716L, "laptop-16gb"),
                new Variant("int4", false, 3_790_358_784L, 6_800_062_128L, "laptop-16gb")), variants);

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
        List<Variant> variants = estimate(new ModelShape("q", 1_000, 1_000, 1_000, "I8", null), null, 1)
                .inference().variants();
        assertEquals(List.of("int8", "int4"), variants.stream().map(Variant::precision).toList());
        assertTrue(variants.get(0).stored());
        assertEquals(576, variants.get(1).weightsBytes());
    }

    // ---- profiles and decode bound ----

    @Test
    void decodeBoundIsBandwidthOverBytesReadPerToken() {
        Map<String, ProfileFit> fits = byId(estimate(llama2("F16", 2), null, 1));
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
                estimate(llama2("F16", 2), null, 1).profiles().stream().map(ProfileFit::id).toList(),
                "one entry per catalog profile, smallest rung first");
    }

    @Test
    void mixtureOfExpertsReadsOnlyItsActiveShare() {
        // 8,000,000,000 parameters of which 2,000,000,000 active per token, BF16: 16,000,000,000 bytes of weights
        Architecture moe = new Architecture("mixtral", 32, 4096, 32, 8, 128, 32000, 4096, 8, 2, null,
                Architecture.DECODER);
        Requirements requirements = estimate(new ModelShape("moe", 8_000_000_000L, 2_000_000_000L,
                16_000_000_000L, "BF16", moe), null, 1);
        // memory holds every expert: 16,000,000,000 + KV 131,072 × 4,096 = 536,870,912 → 16,536,870,912;
        // overhead 268,435,456 + 1,653,687,090 = 1,922,122,546; total 18,458,993,458 (fits the 4090, not the laptop)
        assertEquals(18_458_993_458L, requirements.inference().totalBytes());
        assertEquals("rtx-4090-24gb", requirements.inference().minimumProfile());
        // a token reads 16,000,000,000 × 2/8 = 4,000,000,000 of weights + 536,870,912 of KV = 4,536,870,912
        // RTX 4090: 1,008,000,000,000 / 4,536,870,912 = 222.18 → 222.2; 8× H100: 26.8e12 / … = 5,907.16 → 5,907.2
        Map<String, ProfileFit> fits = byId(requirements);
        assertNull(fits.get("laptop-16gb").decodeTokensPerSecond());
        assertEquals(222.2, fits.get("rtx-4090-24gb").decodeTokensPerSecond());
        assertEquals(5907.2, fits.get("8x-h100-80gb").decodeTokensPerSecond());
    }

    @Test
    void atLargerBatchesTheBoundIsPerSequence() {
        // batch 4 at 1,024 tokens: a step reads the weights once, 13,476,831,232, and the cache of all four
        // sequences, 4 × 524,288 × 1,024 = 2,147,483,648, and yields one token for each: 15,624,314,880 bytes
        // H100: 3,350,000,000,000 / 15,624,314,880 = 214.41 → 214.4 tokens per second per sequence
        Map<String, ProfileFit> fits = byId(estimate(llama2("F16", 2), 1024, 4));
        assertEquals(214.4, fits.get("h100-80gb").decodeTokensPerSecond());
    }

    @Test
    void anEncoderBesideADecoderAddsMemoryButNoDecodeReads() {
        ModelShape bert = new ModelShape("bert", 109_482_240L, 109_482_240L, 437_928_960L, "F32", BERT_BASE);
        Requirements together = estimator.estimate(List.of(llama2("F16", 2), bert), null, 1, KvCacheDtype.F16);
        Requirements alone = estimate(llama2("F16", 2), null, 1);
        assertEquals(alone.inference().weightsBytes() + 437_928_960L, together.inference().weightsBytes());
        assertEquals(byId(alone).get("h100-80gb").decodeTokensPerSecond(),
                byId(together).get("h100-80gb").decodeTokensPerSecond());
    }
}
