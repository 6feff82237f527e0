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
 * is computed from). The published counts of these and other models are in {@link HfConfigReaderTest#publishedCounts()}.
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
