package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;

/**
 * StarCoder2 (transformers {@code modeling_starcoder2.py}): grouped-query attention with biases on q, k, v and o and a
 * plain MLP ({@code c_fc}, {@code c_proj}) with biases, all when {@code use_bias} (default on); LayerNorms with weight
 * and bias before attention, before the MLP and at the end; an output head tied to the token table (the default);
 * {@code sliding_window}, when set, in every layer.
 */
final class Starcoder2Family implements ConfigFamily {

    // Starcoder2Config defaults (configuration_starcoder2.py).
    private static final int VOCAB = 49152;
    private static final int HIDDEN = 3072;
    private static final int INTERMEDIATE = 12288;
    private static final int LAYERS = 30;
    private static final int HEADS = 24;
    private static final int KV_HEADS = 2;
    private static final int POSITIONS = 4096;

    @Override
    public List<String> modelTypes() {
        return List.of("starcoder2");
    }

    @Override
    public Derived derive(HfConfig config) throws ModelFormatException {
        FamilyConfig fields = new FamilyConfig(config, "Starcoder2Config");
        long vocab = fields.size(VOCAB, "vocab_size");
        long hidden = fields.size(HIDDEN, "hidden_size");
        int layers = fields.size(LAYERS, "num_hidden_layers");
        int heads = fields.positive(HEADS, "num_attention_heads");
        int kvHeads = fields.positive(KV_HEADS, "num_key_value_heads");
        int headDim = fields.or(ConfigFamily.narrow(hidden / heads), "head_dim");
        long intermediate = fields.size(INTERMEDIATE, "intermediate_size");
        int positions = fields.size(POSITIONS, "max_position_embeddings");
        boolean tied = fields.flag("tie_word_embeddings", true);
        boolean bias = fields.flag("use_bias", true);

        long layer = ConfigFamily.sum(ConfigFamily.attention(hidden, heads, kvHeads, headDim, bias, bias),
                ConfigFamily.plainMlp(hidden, intermediate, bias), ConfigFamily.product(2, ConfigFamily.layerNorm(hidden)));
        long total = ConfigFamily.sum(ConfigFamily.embeddings(vocab, hidden, tied), ConfigFamily.layerNorm(hidden),
                ConfigFamily.product(layers, layer));
        Integer window = fields.optional("sliding_window");
        Architecture architecture = new Architecture("starcoder2", layers, ConfigFamily.narrow(hidden), heads, kvHeads,
                headDim, ConfigFamily.narrow(vocab), positions, null, null, window == null || window == 0 ? null : window,
                Architecture.DECODER, ConfigFamily.narrow(intermediate), false);
        return new Derived(architecture, total, total, fields.notes());
    }
}
