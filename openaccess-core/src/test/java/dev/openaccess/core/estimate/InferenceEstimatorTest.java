package dev.openaccess.core.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;

class InferenceEstimatorTest {

    private static final long MIB = 1024L * 1024;
    private static final long GIB = 1024 * MIB;

    private final InferenceEstimator estimator = new InferenceEstimator(HardwareCatalog.defaults());

    static Architecture decoder(int layers, int kvHeads, int headDim, int context, Integer window) {
        return new Architecture("llama", layers, kvHeads * headDim, kvHeads, kvHeads, headDim, 32000, context, null,
                null, window, Architecture.DECODER);
    }

    static final Architecture LLAMA_2_7B =
            new Architecture("llama", 32, 4096, 32, 32, 128, 32000, 4096, null, null, null, "decoder");
    static final long LLAMA_2_7B_PARAMETERS = 6_738_415_616L;

    static ModelShape llama2(String dtype, long bytesPerParameter) {
        return new ModelShape("llama", LLAMA_2_7B_PARAMETERS, LLAMA_2_7B_PARAMETERS,
                LLAMA_2_7B_PARAMETERS * bytesPerParameter, dtype, LLAMA_2_7B);
    }

    @Test
    void kvCachePerTokenOfLlama2InHalfPrecision() {
        // 2 (K, V) × 32 layers × 32 KV heads × 128 head dim × 2 bytes
        assertEquals(524_288, InferenceEstimator.kvBytesPerToken(LLAMA_2_7B, KvCacheDtype.F16));
        assertEquals(1_048_576, InferenceEstimator.kvBytesPerToken(LLAMA_2_7B, KvCacheDtype.F32));
        assertEquals(262_144, InferenceEstimator.kvBytesPerToken(LLAMA_2_7B, KvCacheDtype.F8));
    }

    @Test
    void groupedQueryAttentionShrinksTheCache() {
        // Llama-3-8B: 32 layers, 8 KV heads of 128: 2 × 32 × 8 × 128 × 2 = 131,072 bytes per token
        assertEquals(131_072, InferenceEstimator.kvBytesPerToken(decoder(32, 8, 128, 8192, null), KvCacheDtype.F16));
    }

    @Test
    void totalIsWeightsPlusCachePlusStatedOverhead() {
        Requirements requirements = estimator.estimate(List.of(llama2("F16", 2)), null, 1, KvCacheDtype.F16);
        Inference inference = requirements.inference();
        long weights = 2 * LLAMA_2_7B_PARAMETERS;
        long kv = 524_288L * 4096; // the model's own context, batch 1: 2 GiB
        assertEquals(weights, inference.weightsBytes());
        assertEquals(524_288L, inference.kvCacheBytesPerToken());
        assertEquals(2 * GIB, inference.kvCacheBytes());
        assertEquals(256 * MIB + (weights + kv) / 100 * 10, inference.overheadBytes());
        assertEquals(weights + kv + inference.overheadBytes(), inference.totalBytes());
        assertEquals(4096, requirements.assumptions().contextLength());
        assertEquals(1, requirements.assumptions().batchSize());
        assertEquals("F16", requirements.assumptions().kvCacheDtype());
        assertTrue(requirements.assumptions().overhead().startsWith("256 MiB runtime + 10% of weights and KV cache"));
        // 13.5 GB weights + 2 GiB cache + overhead ≈ 16.3 GiB: over a 16 GiB laptop's 14.4, under a 4090's 21.6
        assertEquals("rtx-4090-24gb", inference.minimumProfile());
    }

    @Test
    void contextAndBatchScaleTheCache() {
        Inference inference = estimator.estimate(List.of(llama2("F16", 2)), 1024, 8, KvCacheDtype.F16).inference();
        assertEquals(524_288L * 1024 * 8, inference.kvCacheBytes());
        assertEquals(524_288L, inference.kvCacheBytesPerToken());
    }

    @Test
    void slidingWindowCapsTheCachedTokens() {
        // Mistral-7B-v0.1: 32 layers, 8 KV heads × 128, window 4096 of a 32768-token context
        ModelShape mistral = new ModelShape("mistral", 7_241_732_096L, 7_241_732_096L, 2 * 7_241_732_096L, "BF16",
                decoder(32, 8, 128, 32768, 4096));
        Requirements requirements = estimator.estimate(List.of(mistral), null, 1, KvCacheDtype.F16);
        assertEquals(131_072L * 4096, requirements.inference().kvCacheBytes());
        assertTrue(requirements.assumptions().notes().get(0).contains("KV cache holds 4096 of 32768 tokens"));
    }

    @Test
    void encodersAndUnknownShapesKeepNoCacheAndSaySo() {
        Architecture bert = new Architecture("bert", 12, 768, 12, 12, 64, 30522, 512, null, null, null, "encoder");
        ModelShape encoder = new ModelShape("bert", 109_482_240L, 109_482_240L, 4 * 109_482_240L, "F32", bert);
        ModelShape bare = new ModelShape("bare.safetensors", 1000, 1000, 4000, "F32", null);
        Requirements requirements = estimator.estimate(List.of(encoder, bare), null, 1, KvCacheDtype.F16);
        assertEquals(0, requirements.inference().kvCacheBytes());
        assertNull(requirements.inference().kvCacheBytesPerToken());
        List<String> notes = requirements.assumptions().notes();
        assertTrue(notes.get(0).startsWith("bert: encoder model: no KV cache"), notes.toString());
        assertTrue(notes.get(1).startsWith("bare.safetensors: attention shape unknown"), notes.toString());
        // An encoder does not decode token by token: no decode bound.
        Requirements encoderOnly = estimator.estimate(List.of(encoder), null, 1, KvCacheDtype.F16);
        assertTrue(encoderOnly.profiles().stream().allMatch(p -> p.decodeTokensPerSecond() == null));
    }

    @Test
    void variantsStartWithTheStoredPrecision() {
        List<Variant> variants = estimator.estimate(List.of(llama2("F32", 4)), null, 1, KvCacheDtype.F16)
                .inference().variants();
        assertEquals(List.of("fp32", "bf16", "int8", "int4"), variants.stream().map(Variant::precision).toList());
        assertTrue(variants.get(0).stored());
        assertTrue(variants.stream().skip(1).noneMatch(Variant::stored));
        assertEquals(4 * LLAMA_2_7B_PARAMETERS, variants.get(0).weightsBytes());
        assertEquals(2 * LLAMA_2_7B_PARAMETERS, variants.get(1).weightsBytes());
        // int8 as Q8_0 (34 bytes per 32 weights), int4 as Q4_0 (18 bytes per 32): 6,738,415,616 / 32 = 210,575,488 blocks
        assertEquals(210_575_488L * 34, variants.get(2).weightsBytes());
        assertEquals(210_575_488L * 18, variants.get(3).weightsBytes());
        long kv = 2 * GIB;
        for (Variant variant : variants) {
            assertEquals(variant.weightsBytes() + kv + 256 * MIB + (variant.weightsBytes() + kv) / 100 * 10,
                    variant.totalBytes(), variant.precision());
        }
        // 3.8 GB of int4 weights + 2 GiB cache + overhead fit a 16 GiB laptop
        assertEquals("laptop-16gb", variants.get(3).minimumProfile());
    }

    @Test
    void halfPrecisionModelsGetNoBf16WhatIf() {
        List<Variant> variants = estimator.estimate(List.of(llama2("BF16", 2)), null, 1, KvCacheDtype.F16)
                .inference().variants();
        assertEquals(List.of("bf16", "int8", "int4"), variants.stream().map(Variant::precision).toList());
    }

    @Test
    void decodeBoundIsBandwidthOverBytesReadPerToken() {
        Requirements requirements = estimator.estimate(List.of(llama2("F16", 2)), null, 1, KvCacheDtype.F16);
        double bytesPerToken = 2.0 * LLAMA_2_7B_PARAMETERS + 2.0 * GIB; // every weight and the full cache
        ProfileFit h100 = requirements.profiles().stream().filter(p -> p.id().equals("h100-80gb")).findFirst()
                .orElseThrow();
        assertTrue(h100.fitsInference());
        assertEquals(3.35e12 / bytesPerToken, h100.decodeTokensPerSecond(), 0.05);
        ProfileFit laptop = requirements.profiles().get(0);
        assertEquals("laptop-16gb", laptop.id());
        assertEquals(false, laptop.fitsInference());
        assertNull(laptop.decodeTokensPerSecond());
    }

    @Test
    void mixtureOfExpertsReadsOnlyActiveWeightsPerToken() {
        long total = 46_702_792_704L;
        long active = 12_879_925_248L;
        ModelShape mixtral = new ModelShape("mixtral", total, active, 2 * total, "BF16", decoder(32, 8, 128, 4096, null));
        Requirements requirements = estimator.estimate(List.of(mixtral), null, 1, KvCacheDtype.F16);
        double bytesPerToken = 2.0 * total * active / total + 131_072.0 * 4096;
        ProfileFit h200 = requirements.profiles().stream().filter(p -> p.id().equals("h200-141gb")).findFirst()
                .orElseThrow();
        assertEquals(4.8e12 / bytesPerToken, h200.decodeTokensPerSecond(), 0.05);
    }

    @Test
    void invalidAssumptionsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> estimator.estimate(List.of(llama2("F16", 2)), null, 0, KvCacheDtype.F16));
        assertThrows(IllegalArgumentException.class,
                () -> estimator.estimate(List.of(llama2("F16", 2)), 0, 1, KvCacheDtype.F16));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KvCacheDtype.parse("q3"));
        assertEquals("unknown KV cache dtype 'q3' (accepted: F32, F16, BF16, F8)", e.getMessage());
        assertEquals(KvCacheDtype.BF16, KvCacheDtype.parse(" bf16 "));
    }
}
