package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;

/**
 * Falcon (transformers {@code modeling_falcon.py}): a fused {@code query_key_value} projection whose width depends on
 * the layout (the new decoder architecture of Falcon-40B/180B: {@code (2 × num_kv_heads + heads) × head_dim}; else
 * multi-query, Falcon-7B: {@code hidden + 2 × head_dim}, one shared key/value head; else {@code 3 × hidden}), a
 * {@code dense} output, a plain MLP of {@code ffn_hidden_size} (default 4 × hidden), biases on all of them when
 * {@code bias}; LayerNorms (weight and bias): two per layer ({@code ln_attn}, {@code ln_mlp}) in the new architecture
 * or when {@code num_ln_in_parallel_attn} is 2, one when attention and MLP run in parallel ({@code parallel_attn}),
 * two (before each) when they do not; a final LayerNorm and an output head tied to the token table.
 */
final class FalconFamily implements ConfigFamily {

    // FalconConfig defaults (configuration_falcon.py): Falcon-7B.
    private static final int VOCAB = 65024;
    private static final int HIDDEN = 4544;
    private static final int LAYERS = 32;
    private static final int HEADS = 71;
    private static final int POSITIONS = 2048;

    @Override
    public List<String> modelTypes() {
        return List.of("falcon");
    }

    @Override
    public Derived derive(HfConfig config) throws ModelFormatException {
        FamilyConfig fields = new FamilyConfig(config, "FalconConfig");
        long vocab = fields.size(VOCAB, "vocab_size");
        long hidden = fields.size(HIDDEN, "hidden_size", "n_embed");
        int layers = fields.size(LAYERS, "num_hidden_layers", "n_layer");
        int heads = fields.positive(HEADS, "num_attention_heads", "n_head");
        int declaredKvHeads = fields.positiveOr(heads, "num_kv_heads", "n_head_kv");
        long ffn = fields.or(ConfigFamily.narrow(ConfigFamily.product(4, hidden)), "ffn_hidden_size");
        boolean newArchitecture = fields.flag("new_decoder_architecture", false);
        boolean multiQuery = fields.flag("multi_query", true);
        boolean parallel = fields.flag("parallel_attn", true);
        boolean bias = fields.flag("bias", false);
        boolean tied = fields.flag("tie_word_embeddings", true);
        boolean alibi = fields.flag("alibi", false);
        Integer declaredNorms = fields.optional("num_ln_in_parallel_attn");
        int parallelNorms = declaredNorms != null ? declaredNorms : newArchitecture ? 2 : 1;
        long headDim = hidden / heads;

        int kvHeads = newArchitecture ? declaredKvHeads : multiQuery ? 1 : heads;
        long qkvWidth = newArchitecture ? ConfigFamily.product(2L * kvHeads + heads, headDim)
                : multiQuery ? ConfigFamily.sum(hidden, 2 * headDim) : ConfigFamily.product(3, hidden);
        int norms = !parallel || parallelNorms == 2 ? 2 : 1;
        long layer = ConfigFamily.sum(ConfigFamily.linear(hidden, qkvWidth, bias), ConfigFamily.linear(hidden, hidden, bias),
                ConfigFamily.plainMlp(hidden, ffn, bias), ConfigFamily.product(norms, ConfigFamily.layerNorm(hidden)));
        long total = ConfigFamily.sum(ConfigFamily.embeddings(vocab, hidden, tied), ConfigFamily.layerNorm(hidden),
                ConfigFamily.product(layers, layer));
        // ALiBi (Falcon-RW) has no position limit of its own; the rotary models declare (or default to) 2048.
        Integer positions = alibi ? fields.optional("max_position_embeddings")
                : (Integer) fields.size(POSITIONS, "max_position_embeddings");
        Architecture architecture = new Architecture("falcon", layers, ConfigFamily.narrow(hidden), heads, kvHeads,
                ConfigFamily.narrow(headDim), ConfigFamily.narrow(vocab), positions, null, null, null,
                Architecture.DECODER, ConfigFamily.narrow(ffn), false);
        return new Derived(architecture, total, total, fields.notes());
    }
}
