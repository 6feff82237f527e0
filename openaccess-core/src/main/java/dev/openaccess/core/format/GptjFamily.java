package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;

/**
 * GPT-J (transformers {@code modeling_gptj.py}): one LayerNorm per layer ({@code ln_1}) feeding attention and the
 * MLP in parallel, q, k, v and out projections without biases, a plain MLP ({@code fc_in}, {@code fc_out}) of
 * {@code n_inner} (default 4 × {@code n_embd}) with biases, a final LayerNorm and an output head with a bias
 * ({@code lm_head}; only its weight can be tied, and GPTJConfig defaults to untied).
 */
final class GptjFamily implements ConfigFamily {

    // GPTJConfig defaults (configuration_gptj.py): GPT-J-6B.
    private static final int VOCAB = 50400;
    private static final int POSITIONS = 2048;
    private static final int HIDDEN = 4096;
    private static final int LAYERS = 28;
    private static final int HEADS = 16;

    @Override
    public List<String> modelTypes() {
        return List.of("gptj");
    }

    @Override
    public Derived derive(HfConfig config) throws ModelFormatException {
        FamilyConfig fields = new FamilyConfig(config, "GPTJConfig");
        long vocab = fields.size(VOCAB, "vocab_size");
        int positions = fields.size(POSITIONS, "n_positions", "max_position_embeddings");
        long hidden = fields.size(HIDDEN, "n_embd", "hidden_size");
        int layers = fields.size(LAYERS, "n_layer", "num_hidden_layers");
        int heads = fields.positive(HEADS, "n_head", "num_attention_heads");
        long inner = fields.or(ConfigFamily.narrow(ConfigFamily.product(4, hidden)), "n_inner");
        boolean tied = fields.flag("tie_word_embeddings", false);

        long layer = ConfigFamily.sum(ConfigFamily.layerNorm(hidden), ConfigFamily.product(4, ConfigFamily.product(hidden, hidden)),
                ConfigFamily.plainMlp(hidden, inner, true));
        long total = ConfigFamily.sum(ConfigFamily.embeddings(vocab, hidden, tied), vocab, // + the head's bias
                ConfigFamily.layerNorm(hidden), ConfigFamily.product(layers, layer));
        return new Derived(ConfigFamily.multiHead("gptj", layers, hidden, heads, vocab, positions,
                Architecture.DECODER, inner), total, total, fields.notes());
    }
}
