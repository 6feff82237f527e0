package dev.openaccess.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Architecture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@code model_type} without a formula of its own is estimated from the standard fields, marked as an estimate,
 * and says which fields were missing; only a config without a width or a depth is refused.
 */
class GenericConfigEstimateTest {

    private static final String PATH = "granite/config.json";

    private static ModelFacts read(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new HfConfigReader().read(new ModelSource(PATH, bytes.length, () -> new ByteArrayInputStream(bytes)));
    }

    /** ibm-granite/granite-3.2-2b-instruct's config.json, the fields that shape the weights. */
    static final String GRANITE_3_2_2B = """
            {"model_type": "granite", "architectures": ["GraniteForCausalLM"], "vocab_size": 49155,
             "hidden_size": 2048, "intermediate_size": 8192, "num_hidden_layers": 40, "num_attention_heads": 32,
             "num_key_value_heads": 8, "max_position_embeddings": 131072, "attention_bias": false, "mlp_bias": false,
             "embedding_multiplier": 12.0, "residual_multiplier": 0.22, "tie_word_embeddings": true,
             "torch_dtype": "bfloat16"}""";

    @Test
    void anUnknownDecoderIsEstimatedAsALlamaStyleDecoderAndSaysSo() throws IOException {
        // Granite's layers are Llama's, so the generic decoder formula lands on the hub's count for
        // granite-3.2-2b-instruct, 2,533,531,648: tied 49155×2048; per layer q, o 2048², k, v 2048×512, gated MLP
        // 3×2048×8192, two norms; 40 layers; final norm. It is still marked as an estimate.
        long layer = 2 * 2048L * 2048 + 2 * 2048L * 512 + 3 * 2048L * 8192 + 2 * 2048;
        ModelFacts facts = read(GRANITE_3_2_2B);
        assertEquals(49_155L * 2048 + 40 * layer + 2048, facts.parameters().total());
        assertEquals(2_533_531_648L, facts.parameters().total());
        assertFalse(facts.parameters().exact());
        assertEquals(2 * facts.parameters().total(), facts.weightsBytes()); // bfloat16
        assertEquals(new Architecture("granite", 40, 2048, 32, 8, 64, 49155, 131072, null, null, null,
                Architecture.DECODER, 8192, null), facts.architecture());
        assertEquals(List.of(PATH + ": model_type 'granite' has no parameter formula here; its parameters are estimated"
                + " with a generic decoder formula (Llama-style layers: gated MLP, no biases), without the biases,"
                + " position tables or extra norms the family may have"), facts.warnings());
    }

    @Test
    void missingFieldsAreNamedWithWhatWasAssumed() throws IOException {
        ModelFacts facts = read("""
                {"model_type": "mamba", "hidden_size": 768, "num_hidden_layers": 24, "vocab_size": 50280}""");
        // tied 50280×768; per layer attention taken as 4 × 768², MLP 3 × 768 × (4 × 768), two norms; final norm
        assertEquals(50_280L * 768 + 24 * (4 * 768L * 768 + 3 * 768L * 3072 + 2 * 768) + 768,
                facts.parameters().total());
        String warning = facts.warnings().get(0);
        assertTrue(warning.contains("model_type 'mamba' has no parameter formula here"), warning);
        assertTrue(warning.contains("missing: num_attention_heads (or n_head, n_heads, num_heads) (attention taken as"
                + " 4 × hidden², no KV cache shape); intermediate_size (or n_inner, ffn_dim, ffn_hidden_size, d_ff)"
                + " (4 × hidden assumed); max_position_embeddings"), warning);
        assertTrue(facts.warnings().get(1).contains("no torch_dtype declared"), facts.warnings().toString());
        Architecture arch = facts.architecture();
        assertNull(arch.kvHeads());
        assertFalse(arch.hasAttentionShape()); // the estimator then says the KV cache is not included
    }

    @Test
    void aMaskedLanguageModelIsEstimatedAsAnEncoder() throws IOException {
        // ernie (no formula here) with BERT-base's shape: BERT's layout without the pooler, 109,482,240 − 590,592.
        String ernie = """
                {"model_type": "ernie", "architectures": ["ErnieForMaskedLM"], "vocab_size": 30522,
                 "hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12, "intermediate_size": 3072,
                 "max_position_embeddings": 512, "type_vocab_size": 2}""";
        ModelFacts facts = read(ernie);
        assertEquals(109_482_240L - (768L * 768 + 768), facts.parameters().total());
        assertEquals(Architecture.ENCODER, facts.architecture().kind());
        assertTrue(facts.warnings().get(0).contains("generic encoder formula (BERT-style layers)"));
        // is_decoder false, and no class name that generates, also means an encoder
        String declared = ernie.replace("\"architectures\": [\"ErnieForMaskedLM\"]", "\"is_decoder\": false");
        assertEquals(Architecture.ENCODER, read(declared).architecture().kind());
        // ...but a causal-LM class wins over is_decoder, which most decoders leave at PretrainedConfig's false
        String causal = ernie.replace("ErnieForMaskedLM", "ErnieForCausalLM");
        assertEquals(Architecture.DECODER, read(causal.replace("\"vocab_size\"", "\"is_decoder\": false, \"vocab_size\""))
                .architecture().kind());
    }

    @Test
    void anUnknownMixtureOfExpertsCountsItsExperts() throws IOException {
        // olmoe-like: 64 experts of 3 × 2048 × 1024, 8 per token, router 2048×64; attention 4 × 2048²; untied.
        String olmoe = """
                {"model_type": "olmoe", "architectures": ["OlmoeForCausalLM"], "vocab_size": 50304,
                 "hidden_size": 2048, "intermediate_size": 1024, "num_hidden_layers": 16, "num_attention_heads": 16,
                 "num_key_value_heads": 16, "num_experts": 64, "num_experts_per_tok": 8,
                 "max_position_embeddings": 4096, "tie_word_embeddings": false, "torch_dtype": "bfloat16"}""";
        long common = 4 * 2048L * 2048 + 2 * 2048 + 2048L * 64;
        long expert = 3 * 2048L * 1024;
        long outside = 2 * 50_304L * 2048 + 2048;
        ModelFacts facts = read(olmoe);
        assertEquals(outside + 16 * (common + 64 * expert), facts.parameters().total());
        assertEquals(outside + 16 * (common + 8 * expert), facts.parameters().active());
        assertEquals(64, facts.architecture().experts());
        assertEquals(8, facts.architecture().activeExperts());
    }

    @Test
    void gpt2StyleSpellingsAreRead() throws IOException {
        ModelFacts facts = read("""
                {"model_type": "gpt_bigcode", "vocab_size": 49152, "n_embd": 2048, "n_layer": 24, "n_head": 16,
                 "n_positions": 8192, "n_inner": 8192, "multi_query": true}""");
        assertEquals(24, facts.architecture().layers());
        assertEquals(2048, facts.architecture().hiddenSize());
        assertEquals(8192, facts.architecture().contextLength());
    }

    @Test
    void onlyAConfigWithoutWidthOrDepthIsRefused() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> read("{\"model_type\": \"mystery\", \"vocab_size\": 1000}"));
        assertTrue(e.getMessage().startsWith(PATH + ": model_type 'mystery' has no parameter formula here"),
                e.getMessage());
        assertTrue(e.problem().contains("the config lacks what a generic estimate needs: hidden_size (or n_embd,"
                + " d_model, dim, model_dim); num_hidden_layers (or n_layer, num_layers, n_layers)"), e.getMessage());
    }
}
