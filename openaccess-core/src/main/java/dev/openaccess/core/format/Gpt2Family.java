package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;

/**
 * GPT-2 (transformers {@code modeling_gpt2.py}): learned token and position tables, pre-LayerNorm blocks with fused
 * qkv ({@code c_attn}) and a 4× MLP unless {@code n_inner} says otherwise, all with biases, a final LayerNorm; the LM
 * head is tied to the token table (so {@code GPT2LMHeadModel} has {@code GPT2Model}'s count) unless
 * {@code tie_word_embeddings} is false.
 */
final class Gpt2Family implements ConfigFamily {

    // GPT2Config defaults (configuration_gpt2.py): GPT-2 small.
    private static final int VOCAB = 50257;
    private static final int POSITIONS = 1024;
    private static final int HIDDEN = 768;
    private static final int LAYERS = 12;
    private static final int HEADS = 12;

    @Override
    public List<String> modelTypes() {
        return List.of("gpt2");
    }

    @Override
    public Derived derive(HfConfig config) throws ModelFormatException {
        FamilyConfig fields = new FamilyConfig(config, "GPT2Config");
        long vocab = fields.size(VOCAB, "vocab_size");
        int positions = fields.size(POSITIONS, "n_positions", "max_position_embeddings");
        long hidden = fields.size(HIDDEN, "n_embd", "hidden_size");
        int layers = fields.size(LAYERS, "n_layer", "num_hidden_layers");
        int heads = fields.positive(HEADS, "n_head", "num_attention_heads");
        long inner = fields.or(ConfigFamily.narrow(ConfigFamily.product(4, hidden)), "n_inner");
        boolean tied = fields.flag("tie_word_embeddings", true);

        long block = ConfigFamily.sum(ConfigFamily.layerNorm(hidden),
                ConfigFamily.linear(hidden, ConfigFamily.product(3, hidden), true),
                ConfigFamily.linear(hidden, hidden, true),
                ConfigFamily.layerNorm(hidden),
                ConfigFamily.plainMlp(hidden, inner, true));
        long total = ConfigFamily.sum(ConfigFamily.embeddings(vocab, hidden, tied),
                ConfigFamily.product(positions, hidden), ConfigFamily.layerNorm(hidden),
                ConfigFamily.product(layers, block));
        return new Derived(ConfigFamily.multiHead("gpt2", layers, hidden, heads, vocab, positions,
                Architecture.DECODER, inner), total, total, fields.notes());
    }
}
