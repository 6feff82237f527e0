package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;

/**
 * Phi-1, Phi-1.5 and Phi-2 (transformers {@code modeling_phi.py}): one LayerNorm per layer feeding attention and the
 * MLP in parallel, biases everywhere (q, k, v, {@code dense}, {@code fc1}, {@code fc2}), a plain MLP, a final
 * LayerNorm and an output head with a bias of its own ({@code lm_head}, {@code bias=True}; only its weight can be tied
 * to the token table). With {@code qk_layernorm}, LayerNorms of {@code head_dim} on queries and keys.
 */
final class PhiFamily implements ConfigFamily {

    // PhiConfig defaults (configuration_phi.py).
    private static final int VOCAB = 51200;
    private static final int HIDDEN = 2048;
    private static final int INTERMEDIATE = 8192;
    private static final int LAYERS = 24;
    private static final int HEADS = 32;
    private static final int POSITIONS = 2048;

    @Override
    public List<String> modelTypes() {
        return List.of("phi");
    }

    @Override
    public Derived derive(HfConfig config) throws ModelFormatException {
        FamilyConfig fields = new FamilyConfig(config, "PhiConfig");
        long vocab = fields.size(VOCAB, "vocab_size");
        long hidden = fields.size(HIDDEN, "hidden_size");
        int layers = fields.size(LAYERS, "num_hidden_layers");
        int heads = fields.positive(HEADS, "num_attention_heads");
        int kvHeads = fields.positiveOr(heads, "num_key_value_heads");
        int headDim = ConfigFamily.narrow(hidden / heads);
        long intermediate = fields.size(INTERMEDIATE, "intermediate_size");
        int positions = fields.size(POSITIONS, "max_position_embeddings");
        boolean tied = fields.flag("tie_word_embeddings", false);
        long queryKeyNorms = fields.flag("qk_layernorm", false) ? 2 * ConfigFamily.layerNorm(headDim) : 0;

        long layer = ConfigFamily.sum(ConfigFamily.layerNorm(hidden),
                ConfigFamily.attention(hidden, heads, kvHeads, headDim, true, true), queryKeyNorms,
                ConfigFamily.plainMlp(hidden, intermediate, true));
        long total = ConfigFamily.sum(ConfigFamily.embeddings(vocab, hidden, tied), vocab, // + the head's bias
                ConfigFamily.layerNorm(hidden), ConfigFamily.product(layers, layer));
        Architecture architecture = new Architecture("phi", layers, ConfigFamily.narrow(hidden), heads, kvHeads,
                headDim, ConfigFamily.narrow(vocab), positions, null, null, null, Architecture.DECODER,
                ConfigFamily.narrow(intermediate), false);
        return new Derived(architecture, total, total, fields.notes());
    }
}
