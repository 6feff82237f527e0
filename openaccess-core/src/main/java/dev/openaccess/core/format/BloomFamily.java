package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;

/**
 * BLOOM (transformers {@code modeling_bloom.py}): a token table followed by a LayerNorm
 * ({@code word_embeddings_layernorm}), ALiBi positions (no table, no fixed limit), two LayerNorms per layer, a fused
 * {@code query_key_value} and a {@code dense} output with biases, a plain 4 × hidden MLP with biases, a final
 * LayerNorm, and an output head tied to the token table.
 */
final class BloomFamily implements ConfigFamily {

    // BloomConfig defaults (configuration_bloom.py): a tiny test model, as transformers ships them.
    private static final int VOCAB = 250880;
    private static final int HIDDEN = 64;
    private static final int LAYERS = 2;
    private static final int HEADS = 8;

    @Override
    public List<String> modelTypes() {
        return List.of("bloom");
    }

    @Override
    public Derived derive(HfConfig config) throws ModelFormatException {
        FamilyConfig fields = new FamilyConfig(config, "BloomConfig");
        long vocab = fields.size(VOCAB, "vocab_size");
        long hidden = fields.size(HIDDEN, "hidden_size", "n_embed");
        int layers = fields.size(LAYERS, "n_layer", "num_hidden_layers");
        int heads = fields.positive(HEADS, "n_head", "num_attention_heads");
        boolean tied = fields.flag("tie_word_embeddings", true);
        long inner = ConfigFamily.product(4, hidden);

        long layer = ConfigFamily.sum(ConfigFamily.product(2, ConfigFamily.layerNorm(hidden)),
                ConfigFamily.linear(hidden, ConfigFamily.product(3, hidden), true), ConfigFamily.linear(hidden, hidden, true),
                ConfigFamily.plainMlp(hidden, inner, true));
        long total = ConfigFamily.sum(ConfigFamily.embeddings(vocab, hidden, tied),
                ConfigFamily.product(2, ConfigFamily.layerNorm(hidden)), // after the embeddings, and at the end
                ConfigFamily.product(layers, layer));
        // ALiBi sets no limit; BLOOM was trained on seq_length tokens when the config says so.
        return new Derived(ConfigFamily.multiHead("bloom", layers, hidden, heads, vocab, fields.optional("seq_length"),
                Architecture.DECODER, inner), total, total, fields.notes());
    }
}
