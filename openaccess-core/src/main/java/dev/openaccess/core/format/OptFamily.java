package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;

/**
 * OPT (transformers {@code modeling_opt.py}, {@code OPTForCausalLM}): a token table of width
 * {@code word_embed_proj_dim} (projected in and out when it differs from the hidden size), a learned position table
 * with OPT's offset of 2 rows, LayerNorm blocks with biased attention and MLP ({@code ffn_dim}) when
 * {@code enable_bias}, a final LayerNorm when {@code do_layer_norm_before}, and an LM head tied to the token table
 * unless {@code tie_word_embeddings} is false.
 */
final class OptFamily implements ConfigFamily {

    /** OPT's learned positional embedding reserves two extra rows (transformers {@code OPTLearnedPositionalEmbedding}). */
    private static final int POSITION_OFFSET = 2;
    // OPTConfig defaults (configuration_opt.py): OPT-125M.
    private static final int VOCAB = 50272;
    private static final int HIDDEN = 768;
    private static final int LAYERS = 12;
    private static final int FFN = 3072;
    private static final int POSITIONS = 2048;
    private static final int HEADS = 12;

    @Override
    public List<String> modelTypes() {
        return List.of("opt");
    }

    @Override
    public Derived derive(HfConfig config) throws ModelFormatException {
        FamilyConfig fields = new FamilyConfig(config, "OPTConfig");
        long vocab = fields.size(VOCAB, "vocab_size");
        long hidden = fields.size(HIDDEN, "hidden_size");
        int layers = fields.size(LAYERS, "num_hidden_layers");
        int heads = fields.positive(HEADS, "num_attention_heads");
        long ffn = fields.size(FFN, "ffn_dim");
        int positions = fields.size(POSITIONS, "max_position_embeddings");
        long projection = fields.or(ConfigFamily.narrow(hidden), "word_embed_proj_dim");
        boolean bias = fields.flag("enable_bias", true);
        boolean normBefore = fields.flag("do_layer_norm_before", true);
        boolean removeFinalNorm = fields.flag("_remove_final_layer_norm", false);
        boolean tied = fields.flag("tie_word_embeddings", true);

        long embeddings = ConfigFamily.sum(ConfigFamily.embeddings(vocab, projection, tied),
                ConfigFamily.product(positions + (long) POSITION_OFFSET, hidden));
        if (projection != hidden) {
            // project_in and project_out, no bias
            embeddings = ConfigFamily.sum(embeddings, ConfigFamily.product(2, ConfigFamily.product(projection, hidden)));
        }
        long finalNorm = normBefore && !removeFinalNorm ? ConfigFamily.layerNorm(hidden) : 0;
        long block = ConfigFamily.sum(ConfigFamily.product(4, ConfigFamily.linear(hidden, hidden, bias)),
                ConfigFamily.layerNorm(hidden),
                ConfigFamily.plainMlp(hidden, ffn, bias),
                ConfigFamily.layerNorm(hidden));
        long total = ConfigFamily.sum(embeddings, finalNorm, ConfigFamily.product(layers, block));
        return new Derived(ConfigFamily.multiHead("opt", layers, hidden, heads, vocab, positions,
                Architecture.DECODER, ffn), total, total, fields.notes());
    }
}
