package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;

/**
 * OPT (transformers {@code OPTForCausalLM}): a token table of width {@code word_embed_proj_dim} (projected in and
 * out when it differs from the hidden size), a learned position table with OPT's offset of 2 rows, LayerNorm
 * blocks with biased attention and MLP ({@code ffn_dim}), a final LayerNorm when {@code do_layer_norm_before}, and
 * an LM head tied to the token table.
 */
final class OptFamily implements ConfigFamily {

    /** OPT's learned positional embedding reserves two extra rows (transformers {@code OPTLearnedPositionalEmbedding}). */
    private static final int POSITION_OFFSET = 2;

    @Override
    public List<String> modelTypes() {
        return List.of("opt");
    }

    @Override
    public Derived derive(HfConfig config) throws ModelFormatException {
        long vocab = config.requiredInt("vocab_size");
        long hidden = config.requiredInt("hidden_size");
        int layers = config.requiredInt("num_hidden_layers");
        int heads = config.requiredPositiveInt("num_attention_heads");
        long ffn = config.requiredInt("ffn_dim");
        int positions = config.requiredInt("max_position_embeddings");
        long projection = config.intOr((int) hidden, "word_embed_proj_dim");
        boolean bias = config.bool("enable_bias", true);
        boolean normBefore = config.bool("do_layer_norm_before", true);
        boolean removeFinalNorm = config.bool("_remove_final_layer_norm", false);

        long embeddings = ConfigFamily.sum(vocab * projection, (positions + (long) POSITION_OFFSET) * hidden);
        if (projection != hidden) {
            // project_in and project_out, no bias
            embeddings = ConfigFamily.sum(embeddings, ConfigFamily.product(2, projection * hidden));
        }
        long finalNorm = normBefore && !removeFinalNorm ? ConfigFamily.layerNorm(hidden) : 0;
        long block = ConfigFamily.sum(ConfigFamily.product(4, ConfigFamily.linear(hidden, hidden, bias)),
                ConfigFamily.layerNorm(hidden),
                ConfigFamily.linear(hidden, ffn, bias),
                ConfigFamily.linear(ffn, hidden, bias),
                ConfigFamily.layerNorm(hidden));
        long total = ConfigFamily.sum(embeddings, finalNorm, ConfigFamily.product(layers, block));
        return new Derived(ConfigFamily.multiHead("opt", layers, hidden, heads, vocab, positions,
                Architecture.DECODER, ffn),
                total, total);
    }
}
