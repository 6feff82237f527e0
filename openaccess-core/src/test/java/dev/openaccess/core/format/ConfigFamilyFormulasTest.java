package dev.openaccess.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.estimate.InferenceEstimator;
import dev.openaccess.core.estimate.KvCacheDtype;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * One formula per family group worked by hand, term by term as the modeling code builds the weights, and the
 * architecture each family reports (what the KV cache per token, {@code 2 × layers × kvHeads × headDim × bytes},
 * is computed from). The published counts of the same models are in {@link HfConfigReaderTest#publishedCounts()}.
 */
class ConfigFamilyFormulasTest {

    private static ModelFacts read(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new HfConfigReader().read(new ModelSource("config.json", bytes.length,
                () -> new ByteArrayInputStream(bytes)));
    }

    private static long kvBytesPerToken16Bit(Architecture arch) {
        return InferenceEstimator.kvBytesPerToken(arch, KvCacheDtype.BF16);
    }

    @Test
    void qwen3AddsAnRmsNormPerQueryAndKeyHead() throws IOException {
        // Qwen3-0.6B: tied token table 151936×1024; per layer q 1024→16×128, k and v 1024→8×128, o 2048→1024,
        // q_norm + k_norm 2×128, gated MLP 3×1024×3072, two RMSNorms 2×1024; 28 layers; final RMSNorm 1024.
        long layer = 1024L * 2048 + 2 * 1024L * 1024 + 2048L * 1024 + 2 * 128 + 3 * 1024L * 3072 + 2 * 1024;
        long expected = 151_936L * 1024 + 28 * layer + 1024;
        ModelFacts facts = read(HfConfigReaderTest.QWEN3_0_6B);
        assertEquals(expected, facts.parameters().total());
        Architecture arch = facts.architecture();
        assertEquals(128, arch.headDim()); // declared: not 1024 / 16 = 64
        assertEquals(8, arch.kvHeads());
        assertNull(arch.slidingWindow()); // use_sliding_window is off
        assertEquals(2L * 28 * 8 * 128 * 2, kvBytesPerToken16Bit(arch)); // 114,688 bytes
    }

    @Test
    void qwen2WindowsOnlyTheLayersFromMaxWindowLayersOnWhenSwitchedOn() throws IOException {
        String windowed = HfConfigReaderTest.QWEN2_5_0_5B.replace("\"use_sliding_window\": false",
                "\"use_sliding_window\": true").replace("\"max_window_layers\": 24", "\"max_window_layers\": 21");
        Architecture arch = read(windowed).architecture();
        assertEquals(32768, arch.slidingWindow());
        assertEquals(24 - 21, arch.slidingWindowLayers());
    }

    @Test
    void olmo2NormalisesTheWholeQueryAndKeyProjections() throws IOException {
        // OLMo-2-1124-7B: untied 100352×4096 twice; per layer 4 × 4096² attention, q_norm 32×128 + k_norm 32×128,
        // gated MLP 3×4096×11008, two RMSNorms; 32 layers; final norm.
        long layer = 4 * 4096L * 4096 + 2 * 4096 + 3 * 4096L * 11008 + 2 * 4096;
        String olmo2 = """
                {"model_type": "olmo2", "vocab_size": 100352, "hidden_size": 4096, "intermediate_size": 11008,
                 "num_hidden_layers": 32, "num_attention_heads": 32, "num_key_value_heads": 32,
                 "max_position_embeddings": 4096, "tie_word_embeddings": false}""";
        assertEquals(2 * 100_352L * 4096 + 32 * layer + 4096, read(olmo2).parameters().total());
    }

    @Test
    void gemma2AlternatesSlidingAndGlobalLayersWithFourNormsEach() throws IOException {
        // gemma-2-2b: tied 256000×2304; per layer q 2304→8×256, k, v 2304→4×256, o 2048→2304, four RMSNorms
        // 4×2304, gated MLP 3×2304×9216; 26 layers; final norm.
        long layer = 2304L * 2048 + 2 * 2304L * 1024 + 2048L * 2304 + 4 * 2304 + 3 * 2304L * 9216;
        ModelFacts facts = read(HfConfigReaderTest.GEMMA_2_2B);
        assertEquals(256_000L * 2304 + 26 * layer + 2304, facts.parameters().total());
        Architecture arch = facts.architecture();
        assertEquals(4096, arch.slidingWindow());
        assertEquals(13, arch.slidingWindowLayers()); // layers 0, 2, …, 24
        assertEquals(2L * 26 * 4 * 256 * 2, kvBytesPerToken16Bit(arch)); // every layer caches each token it keeps
    }

    @Test
    void gemma3WindowsFiveOfEverySixLayersAndNormalisesQueryAndKeyHeads() throws IOException {
        // gemma-3-1b: tied 262144×1152; per layer q 1152→4×256, k, v 1152→256, o 1024→1152, q_norm + k_norm 2×256,
        // four norms 4×1152, gated MLP 3×1152×6912; 26 layers; final norm.
        long layer = 1152L * 1024 + 2 * 1152L * 256 + 1024L * 1152 + 2 * 256 + 4 * 1152 + 3 * 1152L * 6912;
        ModelFacts facts = read(HfConfigReaderTest.GEMMA_3_1B);
        assertEquals(262_144L * 1152 + 26 * layer + 1152, facts.parameters().total());
        Architecture arch = facts.architecture();
        assertEquals(512, arch.slidingWindow());
        assertEquals(26 - 4, arch.slidingWindowLayers()); // layers 5, 11, 17 and 23 are global
        // Newer configs list layer_types; they win over the pattern.
        String listed = HfConfigReaderTest.GEMMA_3_1B.replace("\"sliding_window_pattern\": 6",
                "\"layer_types\": [" + "\"sliding_attention\", ".repeat(20) + "\"full_attention\", ".repeat(5)
                        + "\"full_attention\"]");
        assertEquals(20, read(listed).architecture().slidingWindowLayers());
    }

    @Test
    void qwenMixturesCountSharedExpertsAndRoutersAsActive() throws IOException {
        // Qwen1.5-MoE-A2.7B per layer: attention with q, k, v biases 3 × (2048² + 2048) + o 2048², two norms,
        // router 2048×60, 60 experts of 3×2048×1408, shared expert 3×2048×5632 and its gate 2048×1; 4 experts run.
        long attention = 3 * (2048L * 2048 + 2048) + 2048L * 2048 + 2 * 2048;
        long expert = 3 * 2048L * 1408;
        long alwaysRun = 2048L * 60 + 3 * 2048L * 5632 + 2048;
        long outside = 2 * 151_936L * 2048 + 2048;
        ModelFacts qwen2 = read(HfConfigReaderTest.QWEN1_5_MOE);
        assertEquals(outside + 24 * (attention + alwaysRun + 60 * expert), qwen2.parameters().total());
        assertEquals(outside + 24 * (attention + alwaysRun + 4 * expert), qwen2.parameters().active());
        assertEquals(2_689_173_504L, qwen2.parameters().active()); // "A2.7B"
        assertEquals(60, qwen2.architecture().experts());
        assertEquals(4, qwen2.architecture().activeExperts());
        assertEquals(1408, qwen2.architecture().intermediateSize()); // of one expert

        // Qwen3-30B-A3B: no shared expert; q/k norms; 8 of 128 experts of 3×2048×768 per token.
        long layer3 = 2048L * 4096 + 2 * 2048L * 512 + 4096L * 2048 + 2 * 128 + 2 * 2048; // attention, norms
        long router = 2048L * 128;
        long active3 = 2 * 151_936L * 2048 + 2048 + 48 * (layer3 + router + 8 * 3 * 2048L * 768);
        assertEquals(active3, read(HfConfigReaderTest.QWEN3_30B_A3B).parameters().active());
        assertEquals(3_353_032_704L, active3); // "A3B"

        // mlp_only_layers and decoder_sparse_step: layers 0 and 1 dense, then every second layer sparse.
        String mixed = HfConfigReaderTest.QWEN3_30B_A3B.replace("\"mlp_only_layers\": []", "\"mlp_only_layers\": [1, 2]")
                .replace("\"decoder_sparse_step\": 1", "\"decoder_sparse_step\": 2");
        // Sparse layers: i with (i + 1) % 2 == 0 → 24 of 48, less layer 1 → 23; the other 25 are dense.
        long dense = 3 * 2048L * 6144;
        long sparse = router + 128 * 3 * 2048L * 768;
        assertEquals(2 * 151_936L * 2048 + 2048 + 48 * layer3 + 25 * dense + 23 * sparse,
                read(mixed).parameters().total());
    }

    @Test
    void deepseekV3CachesTheCompressedLatentAndRoutesThroughSharedExperts() throws IOException {
        // Attention per layer: q_a 7168→1536, q_a_layernorm 1536, q_b 1536→128×192, kv_a_proj_with_mqa 7168→576,
        // kv_a_layernorm 512, kv_b 512→128×256, o 128×128→7168; two RMSNorms.
        long attention = 7168L * 1536 + 1536 + 1536L * 128 * 192 + 7168L * 576 + 512 + 512L * 128 * 256
                + 128L * 128 * 7168 + 2 * 7168;
        long dense = 3 * 7168L * 18432; // layers 0–2
        long expert = 3 * 7168L * 2048;
        long alwaysRun = 256L * 7168 + 256 + expert; // router weight and correction bias, one shared expert
        long outside = 2 * 129_280L * 7168 + 7168;
        ModelFacts facts = read(HfConfigReaderTest.DEEPSEEK_V3);
        assertEquals(outside + 61 * attention + 3 * dense + 58 * (alwaysRun + 256 * expert),
                facts.parameters().total());
        long active = outside + 61 * attention + 3 * dense + 58 * (alwaysRun + 8 * expert);
        assertEquals(active, facts.parameters().active());
        assertEquals(37_552_297_472L, active); // "37B activated"
        Architecture arch = facts.architecture();
        assertEquals(512 + 64, arch.kvLatentSize());
        assertEquals(128 + 64, arch.headDim());
        assertEquals(256, arch.experts());
        assertEquals(8, arch.activeExperts());
        // The cache: 61 layers × 576 latent values × 2 bytes = 70,272 bytes a token, where per-head keys and values
        // would be 2 × 61 × 128 × 192 × 2 = 5,996,544.
        assertEquals(61L * 576 * 2, kvBytesPerToken16Bit(arch));
        assertEquals(70_272, kvBytesPerToken16Bit(arch));
    }

    @Test
    void deepseekV2LiteHasOneQueryProjectionWhereQLoraRankIsNull() throws IOException {
        // q_proj 2048→16×192 in place of the q_a/q_b pair; kv_a 2048→576, kv_a_layernorm 512, kv_b 512→16×256,
        // o 16×128→2048; layer 0 dense (3×2048×10944), 26 MoE layers of 64 experts + 2 shared (3×2048×1408 each)
        // and a router 64×2048 without bias (V2 has no correction bias).
        long attention = 2048L * 16 * 192 + 2048L * 576 + 512 + 512L * 16 * 256 + 16L * 128 * 2048 + 2 * 2048;
        long expert = 3 * 2048L * 1408;
        long expected = 2 * 102_400L * 2048 + 2048 + 27 * attention + 3 * 2048L * 10944
                + 26 * (64L * 2048 + 66 * expert);
        ModelFacts facts = read(HfConfigReaderTest.DEEPSEEK_V2_LITE);
        assertEquals(expected, facts.parameters().total());
        assertEquals(576, facts.architecture().kvLatentSize());
    }

    @Test
    void phiHasBiasesEverywhereAndAnLmHeadBias() throws IOException {
        // phi-2: untied 51200×2560 twice + head bias 51200; per layer LayerNorm 2×2560, 4 × (2560² + 2560),
        // fc1 2560×10240 + 10240, fc2 10240×2560 + 2560; 32 layers; final LayerNorm.
        long layer = 2 * 2560 + 4 * (2560L * 2560 + 2560) + 2560L * 10240 + 10240 + 10240L * 2560 + 2560;
        assertEquals(2 * 51_200L * 2560 + 51_200 + 32 * layer + 2 * 2560,
                read(HfConfigReaderTest.PHI_2).parameters().total());
        // Phi-3-mini's 2047-token window is in every layer.
        Architecture phi3 = read(HfConfigReaderTest.PHI_3_MINI).architecture();
        assertEquals(2047, phi3.slidingWindow());
        assertNull(phi3.slidingWindowLayers());
    }

    @Test
    void phiMoeHasLayerNormsBiasedAttentionAndAnLmHeadBias() throws IOException {
        // Phi-3.5-MoE per layer: q, o 4096² + 4096, k, v 4096×1024 + 1024, two LayerNorms 2 × 2×4096, router
        // 4096×16; 16 experts of 3×4096×6400, 2 per token. Outside: 32064×4096 twice, head bias 32064, final LayerNorm.
        long common = 2 * (4096L * 4096 + 4096) + 2 * (4096L * 1024 + 1024) + 4 * 4096 + 4096L * 16;
        long expert = 3 * 4096L * 6400;
        long outside = 2 * 32_064L * 4096 + 32_064 + 2 * 4096;
        ModelFacts facts = read(HfConfigReaderTest.PHI_3_5_MOE);
        assertEquals(outside + 32 * (common + 16 * expert), facts.parameters().total());
        assertEquals(outside + 32 * (common + 2 * expert), facts.parameters().active());
        assertEquals(6_640_999_744L, facts.parameters().active()); // "6.6B active"
    }

    @Test
    void cohereHasOneBiasFreeNormPerLayerAndOptionalPerHeadQueryKeyNorms() throws IOException {
        // c4ai-command-r-v01: tied 256000×8192; per layer one norm 8192, 4 × 8192², gated MLP 3×8192×22528;
        // 40 layers; final norm. The model card says "35 billion parameters"; no exact published count was found.
        String commandR = """
                {"model_type": "cohere", "architectures": ["CohereForCausalLM"], "vocab_size": 256000,
                 "hidden_size": 8192, "intermediate_size": 22528, "num_hidden_layers": 40, "num_attention_heads": 64,
                 "num_key_value_heads": 64, "max_position_embeddings": 8192, "logit_scale": 0.0625,
                 "use_qk_norm": false, "torch_dtype": "float16"}""";
        long layer = 8192 + 4 * 8192L * 8192 + 3 * 8192L * 22528;
        long total = read(commandR).parameters().total();
        assertEquals(256_000L * 8192 + 40 * layer + 8192, total);
        assertEquals(35.0, total / 1e9, 0.05); // "35 billion"
        // c4ai-command-r-plus: use_qk_norm adds a weight per query head and key head element: (96 + 8) × 128.
        String plus = """
                {"model_type": "cohere", "vocab_size": 256000, "hidden_size": 12288, "intermediate_size": 33792,
                 "num_hidden_layers": 64, "num_attention_heads": 96, "num_key_value_heads": 8,
                 "max_position_embeddings": 8192, "use_qk_norm": true}""";
        long plusLayer = 12288 + 2 * 12288L * 12288 + 2 * 12288L * 1024 + (96 + 8) * 128 + 3 * 12288L * 33792;
        assertEquals(256_000L * 12288 + 64 * plusLayer + 12288, read(plus).parameters().total());
    }

    @Test
    void starcoder2HasBiasedAttentionAPlainMlpAndLayerNorms() throws IOException {
        // starcoder2-3b: tied 49152×3072; per layer q, o 3072² + 3072, k, v 3072×256 + 256, c_fc 3072×12288 + 12288,
        // c_proj 12288×3072 + 3072, two LayerNorms 2 × 2×3072; 30 layers; final LayerNorm. The model card says
        // "3B"; no exact published count was found.
        String starcoder2 = """
                {"model_type": "starcoder2", "architectures": ["Starcoder2ForCausalLM"], "vocab_size": 49152,
                 "hidden_size": 3072, "intermediate_size": 12288, "num_hidden_layers": 30, "num_attention_heads": 24,
                 "num_key_value_heads": 2, "max_position_embeddings": 16384, "sliding_window": 4096,
                 "use_bias": true, "torch_dtype": "bfloat16"}""";
        long layer = 2 * (3072L * 3072 + 3072) + 2 * (3072L * 256 + 256) + 3072L * 12288 + 12288 + 12288L * 3072
                + 3072 + 4 * 3072;
        ModelFacts facts = read(starcoder2);
        assertEquals(49_152L * 3072 + 30 * layer + 2 * 3072, facts.parameters().total());
        assertEquals(3.0, facts.parameters().total() / 1e9, 0.05); // "3B"
        assertEquals(4096, facts.architecture().slidingWindow());
        assertEquals(false, facts.architecture().gatedMlp());
    }

    @Test
    void falconsNewDecoderArchitectureHasGroupedKeysAndTwoNormsPerLayer() throws IOException {
        // falcon-40b: query_key_value 8192 → (2×8 + 128) × 64, dense 8192², MLP 2 × 8192×32768, ln_attn and ln_mlp
        // 2 × 2×8192; 60 layers; tied 65024×8192; ln_f. No exact published count was found (the card says "40B").
        String falcon40b = """
                {"model_type": "falcon", "architectures": ["FalconForCausalLM"], "vocab_size": 65024,
                 "hidden_size": 8192, "num_hidden_layers": 60, "num_attention_heads": 128, "num_kv_heads": 8,
                 "new_decoder_architecture": true, "parallel_attn": true, "bias": false, "alibi": false}""";
        long layer = 8192L * (2 * 8 + 128) * 64 + 8192L * 8192 + 2 * 8192L * 32768 + 4 * 8192;
        ModelFacts facts = read(falcon40b);
        assertEquals(65_024L * 8192 + 60 * layer + 2 * 8192, facts.parameters().total());
        assertEquals(8, facts.architecture().kvHeads());
        // falcon-7b: multi-query, one key/value head of 64 shared by 71 query heads.
        Architecture falcon7b = read(HfConfigReaderTest.FALCON_7B).architecture();
        assertEquals(1, falcon7b.kvHeads());
        assertEquals(64, falcon7b.headDim());
        assertEquals(2L * 32 * 1 * 64 * 2, kvBytesPerToken16Bit(falcon7b));
        // Falcon-RW (alibi, no multi-query, sequential): fused 3 × hidden, two LayerNorms, biases.
        String rw = """
                {"model_type": "falcon", "vocab_size": 50304, "hidden_size": 2048, "num_hidden_layers": 24,
                 "num_attention_heads": 32, "multi_query": false, "parallel_attn": false, "bias": true, "alibi": true}""";
        long rwLayer = 2048L * 6144 + 6144 + 2048L * 2048 + 2048 + 2048L * 8192 + 8192 + 8192L * 2048 + 2048
                + 4 * 2048;
        ModelFacts rwFacts = read(rw);
        assertEquals(50_304L * 2048 + 24 * rwLayer + 2 * 2048, rwFacts.parameters().total());
        assertNull(rwFacts.architecture().contextLength()); // ALiBi sets no limit
    }

    @Test
    void gptNeoxHasTwoLayerNormsFusedQkvAndAnUntiedHead() throws IOException {
        // pythia-160m: 50304×768 twice (embed_in, embed_out); per layer two LayerNorms 2 × 2×768, query_key_value
        // 768×2304 + 2304, dense 768² + 768, MLP 768×3072 + 3072 and 3072×768 + 768; 12 layers; final LayerNorm.
        long layer = 4 * 768 + 768L * 2304 + 2304 + 768L * 768 + 768 + 768L * 3072 + 3072 + 3072L * 768 + 768;
        ModelFacts facts = read(HfConfigReaderTest.PYTHIA_160M);
        assertEquals(2 * 50_304L * 768 + 12 * layer + 2 * 768, facts.parameters().total());
        assertEquals(85_056_000L, facts.parameters().total() - 2 * 50_304L * 768); // the model card's non-embedding count
    }

    @Test
    void gptjHasAnLmHeadBiasEvenWhenTied() throws IOException {
        // gpt-j-6b: 50400×4096 twice + head bias 50400; per layer ln_1 2×4096, q, k, v, out 4 × 4096² (no bias),
        // fc_in 4096×16384 + 16384, fc_out 16384×4096 + 4096; 28 layers; ln_f.
        long layer = 2 * 4096 + 4 * 4096L * 4096 + 4096L * 16384 + 16384 + 16384L * 4096 + 4096;
        long untied = 2 * 50_400L * 4096 + 50_400 + 28 * layer + 2 * 4096;
        assertEquals(untied, read(HfConfigReaderTest.GPT_J_6B).parameters().total());
        String tied = HfConfigReaderTest.GPT_J_6B.replace("\"tie_word_embeddings\": false",
                "\"tie_word_embeddings\": true");
        assertEquals(untied - 50_400L * 4096, read(tied).parameters().total());
    }

    @Test
    void bloomHasAnEmbeddingLayerNormAndNoPositionLimit() throws IOException {
        // bloom-560m: tied 250880×1024 + word_embeddings_layernorm 2×1024; per layer two LayerNorms 4×1024,
        // query_key_value 1024×3072 + 3072, dense 1024² + 1024, MLP 1024×4096 + 4096 and 4096×1024 + 1024; 24
        // layers; ln_f 2×1024.
        long layer = 4 * 1024 + 1024L * 3072 + 3072 + 1024L * 1024 + 1024 + 1024L * 4096 + 4096 + 4096L * 1024 + 1024;
        ModelFacts facts = read(HfConfigReaderTest.BLOOM_560M);
        assertEquals(250_880L * 1024 + 2 * 1024 + 24 * layer + 2 * 1024, facts.parameters().total());
        assertNull(facts.architecture().contextLength());
        assertEquals(16, facts.architecture().kvHeads());
        assertEquals(64, facts.architecture().headDim());
    }

    @Test
    void robertaCountsItsPaddingOffsetRowsButNotAsContext() throws IOException {
        // roberta-base: (50265 + 514 + 1) × 768 + LayerNorm 2×768; per layer 4 × (768² + 768) + 2×768
        // + 768×3072 + 3072 + 3072×768 + 768 + 2×768; 12 layers; pooler 768² + 768.
        long layer = 4 * (768L * 768 + 768) + 2 * 768 + 768L * 3072 + 3072 + 3072L * 768 + 768 + 2 * 768;
        ModelFacts facts = read(HfConfigReaderTest.ROBERTA_BASE);
        assertEquals((50_265L + 514 + 1) * 768 + 2 * 768 + 12 * layer + 768L * 768 + 768, facts.parameters().total());
        assertEquals(Architecture.ENCODER, facts.architecture().kind());
        assertEquals(512, facts.architecture().contextLength()); // positions start at pad_token_id + 1 = 2
    }

    @Test
    void distilbertHasPositionsButNoTokenTypesAndNoPooler() throws IOException {
        // (30522 + 512) × 768 + LayerNorm; per layer 4 × (768² + 768), two LayerNorms, lin1 768×3072 + 3072,
        // lin2 3072×768 + 768; 6 layers.
        long layer = 4 * (768L * 768 + 768) + 4 * 768 + 768L * 3072 + 3072 + 3072L * 768 + 768;
        ModelFacts facts = read(HfConfigReaderTest.DISTILBERT);
        assertEquals((30_522L + 512) * 768 + 2 * 768 + 6 * layer, facts.parameters().total());
        assertEquals(Architecture.ENCODER, facts.architecture().kind());
        assertEquals(6, facts.architecture().layers());
    }

    @Test
    void t5CountsBothStacksAndCachesInTheDecoder() throws IOException {
        // flan-t5-small: untied 32128×512 twice; encoder block: q, k, v, o 4 × 512×384, gated MLP 3 × 512×1024, two
        // norms 2×512; decoder block: self and cross attention 8 × 512×384, MLP, three norms; 8 + 8 blocks;
        // relative attention bias 32×6 in the first block of each stack; a final norm per stack.
        long attention = 4 * 512L * 384;
        long mlp = 3 * 512L * 1024;
        long encoder = 8 * (attention + mlp + 2 * 512) + 32 * 6 + 512;
        long decoder = 8 * (2 * attention + mlp + 3 * 512) + 32 * 6 + 512;
        ModelFacts facts = read(HfConfigReaderTest.FLAN_T5_SMALL);
        assertEquals(2 * 32_128L * 512 + encoder + decoder, facts.parameters().total());
        Architecture arch = facts.architecture();
        assertEquals(Architecture.DECODER, arch.kind());
        assertEquals(8, arch.layers());
        assertEquals(8, arch.encoderLayers());
        assertEquals(16, arch.allLayers());
        assertEquals(64, arch.headDim());
        assertEquals(true, arch.gatedMlp());
        assertEquals(512, arch.contextLength());
        // Self-attention keys and values for generated tokens, cross-attention's for the encoder's: per token and
        // decoder layer 2 × 6 × 64 values either way.
        assertEquals(2L * 8 * 6 * 64 * 2, kvBytesPerToken16Bit(arch));
        // t5-small: relu MLP, tied head.
        assertEquals(Boolean.FALSE, read(HfConfigReaderTest.T5_SMALL).architecture().gatedMlp());
    }

    @Test
    void mistralWindowIsOffWhenDeclaredNullAndOnByDefault() throws IOException {
        String base = """
                {"model_type": "mistral", "vocab_size": 32768, "hidden_size": 4096, "intermediate_size": 14336,
                 "num_hidden_layers": 32, "num_attention_heads": 32, "num_key_value_heads": 8,
                 "max_position_embeddings": 32768%s}""";
        assertNull(read(base.formatted(", \"sliding_window\": null")).architecture().slidingWindow());
        ModelFacts omitted = read(base.formatted(""));
        assertEquals(4096, omitted.architecture().slidingWindow()); // MistralConfig's default
        assertTrue(omitted.warnings().stream().anyMatch(w -> w.contains("MistralConfig's defaults")
                && w.contains("sliding_window=4096")), omitted.warnings().toString());
        // Llama's attention has no window, whatever a config says.
        String llama = base.replace("mistral", "llama").formatted(", \"sliding_window\": 4096");
        assertNull(read(llama).architecture().slidingWindow());
    }
}
