package dev.openaccess.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openaccess.core.descriptor.Architecture;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed Hugging Face {@code config.json}, with typed access that names the file and key on bad values.
 *
 * <p>Families spell the same hyperparameter differently ({@code n_layer}, {@code num_hidden_layers}); the
 * accessors take the spellings in order of preference.
 */
public final class HfConfig {

    private final String path;
    private final JsonNode root;

    HfConfig(String path, JsonNode root) {
        this.path = path;
        this.root = root;
    }

    public String path() {
        return path;
    }

    /** {@code model_type}, or null when the config has none. */
    public String modelType() {
        JsonNode type = root.get("model_type");
        return type != null && type.isTextual() ? type.textValue() : null;
    }

    /** True when the JSON looks like a model config rather than any other config.json. */
    boolean isModelConfig() {
        return modelType() != null || root.path("architectures").isArray();
    }

    /** The first of {@code keys} present, as a positive int; null when none is present. */
    public Integer optionalInt(String... keys) throws ModelFormatException {
        for (String key : keys) {
            JsonNode value = root.get(key);
            if (value != null && !value.isNull()) {
                if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
                    throw new ModelFormatException(path, "'" + key + "' is " + value + ", not a non-negative integer");
                }
                return value.intValue();
            }
        }
        return null;
    }

    /** The first of {@code keys} present; fails naming the file and the keys when none is. */
    public int requiredInt(String... keys) throws ModelFormatException {
        Integer value = optionalInt(keys);
        if (value == null) {
            throw new ModelFormatException(path, "the " + modelType() + " config has no '" + String.join("' or '", keys)
                    + "'");
        }
        return value;
    }

    /** Like {@link #requiredInt} for values that divide others (head counts): zero is refused too. */
    public int requiredPositiveInt(String... keys) throws ModelFormatException {
        int value = requiredInt(keys);
        if (value == 0) {
            throw new ModelFormatException(path, "'" + keys[0] + "' is 0; it must be at least 1");
        }
        return value;
    }

    public int intOr(int fallback, String... keys) throws ModelFormatException {
        Integer value = optionalInt(keys);
        return value == null ? fallback : value;
    }

    public boolean bool(String key, boolean fallback) throws ModelFormatException {
        JsonNode value = root.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new ModelFormatException(path, "'" + key + "' is " + value + ", not a boolean");
        }
        return value.booleanValue();
    }

    /** True when the config names {@code key}, even as null: transformers then uses that value, not its default. */
    public boolean declares(String key) {
        return root.has(key);
    }

    /** The first of {@code keys} present as text; null when none is present. */
    public String optionalString(String... keys) throws ModelFormatException {
        for (String key : keys) {
            JsonNode value = root.get(key);
            if (value != null && !value.isNull()) {
                if (!value.isTextual()) {
                    throw new ModelFormatException(path, "'" + key + "' is " + value + ", not a string");
                }
                return value.textValue();
            }
        }
        return null;
    }

    /** {@code key} as a list of strings ({@code layer_types}); null when absent or null. */
    public List<String> optionalStrings(String key) throws ModelFormatException {
        JsonNode value = root.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        List<String> items = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    break;
                }
                items.add(item.textValue());
            }
        }
        if (!value.isArray() || items.size() != value.size()) {
            throw new ModelFormatException(path, "'" + key + "' is not a list of strings");
        }
        return items;
    }

    /** {@code key} as a list of non-negative ints ({@code mlp_only_layers}); empty when absent or null. */
    public List<Integer> optionalInts(String key) throws ModelFormatException {
        JsonNode value = root.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        List<Integer> items = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isIntegralNumber() || !item.canConvertToInt() || item.intValue() < 0) {
                    break;
                }
                items.add(item.intValue());
            }
        }
        if (!value.isArray() || items.size() != value.size()) {
            throw new ModelFormatException(path, "'" + key + "' is not a list of non-negative integers");
        }
        return items;
    }

    /** The model classes the config names ({@code architectures}), e.g. {@code BertForMaskedLM}; empty when none. */
    public List<String> architectures() {
        List<String> names = new ArrayList<>();
        for (JsonNode name : root.path("architectures")) {
            if (name.isTextual()) {
                names.add(name.textValue());
            }
        }
        return names;
    }

    /** The declared weight dtype ({@code torch_dtype}, or {@code dtype} in newer configs), null when absent. */
    public String declaredDtype() {
        for (String key : new String[] {"torch_dtype", "dtype"}) {
            JsonNode value = root.get(key);
            if (value != null && value.isTextual()) {
                return value.textValue();
            }
        }
        return null;
    }

    /**
     * The attention shape under the spellings most families share; used for families without their own
     * parameter formula, whose weights come from another file.
     */
    Architecture genericArchitecture() throws ModelFormatException {
        Integer hidden = optionalInt("hidden_size", "n_embd", "d_model", "dim");
        Integer heads = optionalInt("num_attention_heads", "n_head", "encoder_attention_heads", "n_heads");
        Integer kvHeads = optionalInt("num_key_value_heads", "multi_query_group_num", "n_kv_heads");
        Integer headDim = optionalInt("head_dim", "kv_channels");
        if (headDim == null && hidden != null && heads != null && heads > 0) {
            headDim = hidden / heads;
        }
        Integer experts = optionalInt("num_local_experts", "num_experts", "n_routed_experts");
        return new Architecture(modelType(), optionalInt("num_hidden_layers", "n_layer", "num_layers", "n_layers"),
                hidden, heads, kvHeads != null ? kvHeads : heads, headDim, optionalInt("vocab_size"),
                optionalInt("max_position_embeddings", "n_positions", "max_seq_len", "seq_length"), experts,
                experts == null ? null : optionalInt("num_experts_per_tok", "moe_top_k"),
                optionalInt("sliding_window"), null,
                optionalInt("intermediate_size", "n_inner", "ffn_dim", "ffn_hidden_size"), null);
    }
}
