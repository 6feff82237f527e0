package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;

/**
 * GPT-NeoX and Pythia (transformers {@code modeling_gpt_neox.py}): two LayerNorms per layer (before attention, before
 * the MLP; with {@code use_parallel_residual} they run side by side: same weights), a fused {@code query_key_value}
 * projection and a {@code dense} output, biased when {@code attention_bias} (default on), a plain MLP with biases, a
 * final LayerNorm and an output head ({@code embed_out}, no bias) separate from the token table unless
 * {@code tie_word_embeddings}.
 */
final class GptNeoxFamily implements ConfigFamily {

    // GPTNeoXConfig defaults (configuration_gpt_neox.py): GPT-NeoX-20B.
    private static final int VOCAB = 50432;
    private static final int HIDDEN = 6144;
    private static final int INTERMEDIATE = 24576;
    private static final int LAYERS = 44;
    private static final int HEADS = 64;
    private static final int POSITIONS = 2048;

    @Override
    public List<String> modelTypes() {
        return List.of("gpt_neox");
    }

    @Override
    public Derived derive(HfConfig config) throws ModelFormatException {
        FamilyConfig fields = new FamilyConfig(config, "GPTNeoXConfig");
        long vocab = fields.size(VOCAB, "vocab_size");
        long hidden = fields.size(HIDDEN, "hidden_size");
        int layers = fields.size(LAYERS, "num_hidden_layers");
        int heads = fields.positive(HEADS, "num_attention_heads");
        long intermediate = fields.size(INTERMEDIATE, "intermediate_size");
        int positions = fields.size(POSITIONS, "max_position_embeddings");
        boolean tied = fields.flag("tie_word_embeddings", false);
        boolean bias = fields.flag("attention_bias", true);

        long layer = ConfigFamily.sum(ConfigFamily.product(2, ConfigFamily.layerNorm(hidden)),
                ConfigFamily.linear(hidden, ConfigFamily.product(3, hidden), bias), ConfigFamily.linear(hidden, hidden, bias),
                ConfigFamily.plainMlp(hidden, intermediate, true));
        long total = ConfigFamily.sum(ConfigFamily.embeddings(vocab, hidden, tied), ConfigFamily.layerNorm(hidden),
                ConfigFamily.product(layers, layer));
        return new Derived(ConfigFamily.multiHead("gpt_neox", layers, hidden, heads, vocab, positions,
                Architecture.DECODER, intermediate), total, total, fields.notes());
    }
}
