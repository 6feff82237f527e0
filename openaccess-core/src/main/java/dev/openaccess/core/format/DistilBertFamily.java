package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;

/**
 * DistilBERT (transformers {@code modeling_distilbert.py}, {@code DistilBertModel}): word and position tables (the
 * position table is a parameter even when {@code sinusoidal_pos_embds} fills it) with a LayerNorm, no token types,
 * post-LayerNorm blocks with biased {@code q_lin}, {@code k_lin}, {@code v_lin}, {@code out_lin} and a plain MLP of
 * {@code hidden_dim}; no pooler. An encoder.
 */
final class DistilBertFamily implements ConfigFamily {

    // DistilBertConfig defaults (configuration_distilbert.py): distilbert-base.
    private static final int VOCAB = 30522;
    private static final int POSITIONS = 512;
    private static final int LAYERS = 6;
    private static final int HEADS = 12;
    private static final int DIM = 768;
    private static final int HIDDEN_DIM = 3072;

    @Override
    public List<String> modelTypes() {
        return List.of("distilbert");
    }

    @Override
    public Derived derive(HfConfig config) throws ModelFormatException {
        FamilyConfig fields = new FamilyConfig(config, "DistilBertConfig");
        long vocab = fields.size(VOCAB, "vocab_size");
        int positions = fields.size(POSITIONS, "max_position_embeddings");
        int layers = fields.size(LAYERS, "n_layers", "num_hidden_layers");
        int heads = fields.positive(HEADS, "n_heads", "num_attention_heads");
        long dim = fields.size(DIM, "dim", "hidden_size");
        long hiddenDim = fields.size(HIDDEN_DIM, "hidden_dim", "intermediate_size");

        long embeddings = ConfigFamily.sum(ConfigFamily.product(vocab + positions, dim), ConfigFamily.layerNorm(dim));
        long block = ConfigFamily.sum(ConfigFamily.product(4, ConfigFamily.linear(dim, dim, true)),
                ConfigFamily.layerNorm(dim), ConfigFamily.plainMlp(dim, hiddenDim, true), ConfigFamily.layerNorm(dim));
        long total = ConfigFamily.sum(embeddings, ConfigFamily.product(layers, block));
        return new Derived(ConfigFamily.multiHead("distilbert", layers, dim, heads, vocab, positions,
                Architecture.ENCODER, hiddenDim), total, total, fields.notes());
    }
}
