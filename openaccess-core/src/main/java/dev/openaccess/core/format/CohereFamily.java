package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;

/**
 * Cohere's Command R (transformers {@code modeling_cohere.py}): one LayerNorm without bias ({@code CohereLayerNorm},
 * weight only) per layer feeding attention and the gated MLP in parallel, Llama's attention (biased when
 * {@code attention_bias}), with {@code use_qk_norm} weight-only LayerNorms over every query head and every key head
 * ({@code num_attention_heads × head_dim} and {@code num_key_value_heads × head_dim} weights); a final norm and an
 * output head tied to the token table (CohereConfig defaults to tied).
 */
final class CohereFamily implements ConfigFamily {

    // CohereConfig defaults (configuration_cohere.py).
    private static final int VOCAB = 256000;
    private static final int HIDDEN = 8192;
    private static final int INTERMEDIATE = 22528;
    private static final int LAYERS = 40;
    private static final int HEADS = 64;
    private static final int POSITIONS = 8192;

    @Override
    public List<String> modelTypes() {
        return List.of("cohere");
    }

    @Override
    public Derived derive(HfConfig config) throws ModelFormatException {
        FamilyConfig fields = new FamilyConfig(config, "CohereConfig");
        long vocab = fields.size(VOCAB, "vocab_size");
        long hidden = fields.size(HIDDEN, "hidden_size");
        int layers = fields.size(LAYERS, "num_hidden_layers");
        int heads = fields.positive(HEADS, "num_attention_heads");
        int kvHeads = fields.positiveOr(heads, "num_key_value_heads");
        int headDim = ConfigFamily.narrow(hidden / heads);
        long intermediate = fields.size(INTERMEDIATE, "intermediate_size");
        int positions = fields.size(POSITIONS, "max_position_embeddings");
        boolean tied = fields.flag("tie_word_embeddings", true);
        boolean bias = fields.flag("attention_bias", false);
        long queryKeyNorms = fields.flag("use_qk_norm", false)
                ? ConfigFamily.product((long) heads + kvHeads, headDim) : 0;

        long layer = ConfigFamily.sum(hidden, // input_layernorm
                ConfigFamily.attention(hidden, heads, kvHeads, headDim, bias, bias), queryKeyNorms,
                ConfigFamily.gatedMlp(hidden, intermediate, false));
        long total = ConfigFamily.sum(ConfigFamily.embeddings(vocab, hidden, tied), hidden, // + final norm
                ConfigFamily.product(layers, layer));
        Architecture architecture = new Architecture("cohere", layers, ConfigFamily.narrow(hidden), heads, kvHeads,
                headDim, ConfigFamily.narrow(vocab), positions, null, null, null, Architecture.DECODER,
                ConfigFamily.narrow(intermediate), true);
        return new Derived(architecture, total, total, fields.notes());
    }
}
