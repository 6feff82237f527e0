package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;

/**
 * BERT (transformers {@code BertModel} with its pooler, the count published for bert-base): word, position and
 * token-type tables with a LayerNorm, post-LayerNorm encoder blocks, and a dense pooler. An encoder: it keeps no
 * KV cache.
 */
final class BertFamily implements ConfigFamily {

    @Override
    public List<String> modelTypes() {
        return List.of("bert");
    }

    @Override
    public Derived derive(HfConfig config) throws ModelFormatException {
        long vocab = config.requiredInt("vocab_size");
        long hidden = config.requiredInt("hidden_size");
        int layers = config.requiredInt("num_hidden_layers");
        int heads = config.requiredPositiveInt("num_attention_heads");
        long intermediate = config.requiredInt("intermediate_size");
        long positions = config.requiredInt("max_position_embeddings");
        long tokenTypes = config.intOr(2, "type_vocab_size");

        long embeddings = ConfigFamily.sum(ConfigFamily.product(vocab + positions + tokenTypes, hidden),
                ConfigFamily.layerNorm(hidden));
        long block = ConfigFamily.sum(
                ConfigFamily.product(4, ConfigFamily.linear(hidden, hidden, true)), // query, key, value, output
                ConfigFamily.layerNorm(hidden),
                ConfigFamily.linear(hidden, intermediate, true),
                ConfigFamily.linear(intermediate, hidden, true),
                ConfigFamily.layerNorm(hidden));
        long pooler = ConfigFamily.linear(hidden, hidden, true);
        long total = ConfigFamily.sum(embeddings, pooler, ConfigFamily.product(layers, block));
        return new Derived(ConfigFamily.multiHead("bert", layers, hidden, heads, vocab, positions,
                Architecture.ENCODER, intermediate),
                total, total);
    }
}
