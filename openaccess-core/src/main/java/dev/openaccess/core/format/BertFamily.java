package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;
import java.util.Map;

/**
 * BERT and the encoders that share its layout (transformers {@code modeling_bert.py}, {@code modeling_roberta.py},
 * {@code modeling_xlm_roberta.py}; the counts published for them are {@code BertModel} / {@code RobertaModel} with the
 * pooler): word, position and token-type tables with a LayerNorm, post-LayerNorm encoder blocks with biased attention
 * and MLP, and a dense pooler. An encoder: it keeps no KV cache.
 *
 * <p>RoBERTa numbers positions from {@code pad_token_id + 1}, so its table of {@code max_position_embeddings} rows
 * (514 in the published configs) holds {@code pad_token_id + 1} fewer usable positions (512).
 */
final class BertFamily implements ConfigFamily {

    /** BertConfig, RobertaConfig and XLMRobertaConfig defaults ({@code configuration_*.py}). */
    private record Defaults(String configClass, int vocab) {
    }

    private static final Map<String, Defaults> DEFAULTS = Map.of(
            "bert", new Defaults("BertConfig", 30522),
            "roberta", new Defaults("RobertaConfig", 50265),
            "xlm-roberta", new Defaults("XLMRobertaConfig", 30522));
    // The three classes agree on the rest: BERT-base.
    private static final int HIDDEN = 768;
    private static final int LAYERS = 12;
    private static final int HEADS = 12;
    private static final int INTERMEDIATE = 3072;
    private static final int POSITIONS = 512;
    private static final int TOKEN_TYPES = 2;
    /** RobertaConfig and XLMRobertaConfig: {@code pad_token_id}. */
    private static final int ROBERTA_PAD_TOKEN = 1;

    @Override
    public List<String> modelTypes() {
        return List.of("bert", "roberta", "xlm-roberta");
    }

    @Override
    public Derived derive(HfConfig config) throws ModelFormatException {
        String type = config.modelType();
        FamilyConfig fields = new FamilyConfig(config, DEFAULTS.get(type).configClass());
        long vocab = fields.size(DEFAULTS.get(type).vocab(), "vocab_size");
        long hidden = fields.size(HIDDEN, "hidden_size");
        int layers = fields.size(LAYERS, "num_hidden_layers");
        int heads = fields.positive(HEADS, "num_attention_heads");
        long intermediate = fields.size(INTERMEDIATE, "intermediate_size");
        int positions = fields.size(POSITIONS, "max_position_embeddings");
        long tokenTypes = fields.size(TOKEN_TYPES, "type_vocab_size");

        long embeddings = ConfigFamily.sum(ConfigFamily.product(ConfigFamily.sum(vocab, positions, tokenTypes), hidden),
                ConfigFamily.layerNorm(hidden));
        long block = ConfigFamily.sum(
                ConfigFamily.product(4, ConfigFamily.linear(hidden, hidden, true)), // query, key, value, output
                ConfigFamily.layerNorm(hidden),
                ConfigFamily.plainMlp(hidden, intermediate, true),
                ConfigFamily.layerNorm(hidden));
        long pooler = ConfigFamily.linear(hidden, hidden, true);
        long total = ConfigFamily.sum(embeddings, pooler, ConfigFamily.product(layers, block));
        int usablePositions = type.equals("bert") ? positions
                : Math.max(0, positions - (fields.or(ROBERTA_PAD_TOKEN, "pad_token_id") + 1));
        return new Derived(ConfigFamily.multiHead(type, layers, hidden, heads, vocab, usablePositions,
                Architecture.ENCODER, intermediate), total, total, fields.notes());
    }
}
