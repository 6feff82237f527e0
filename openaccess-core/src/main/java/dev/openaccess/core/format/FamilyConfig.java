package dev.openaccess.core.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One config read the way its family's configuration class loads it: a value the file declares wins, else the
 * class's default ({@code LlamaConfig.intermediate_size} is 11008, {@code GemmaConfig.head_dim} 256), because that is
 * what transformers builds. The sizes and counts taken from defaults are remembered, so that the reader can say which
 * numbers the file did not state.
 */
final class FamilyConfig {

    private final HfConfig config;
    private final String configClass;
    private final Map<String, Integer> defaulted = new TreeMap<>();

    /**
     * @param configClass the transformers configuration class whose defaults apply ({@code LlamaConfig})
     */
    FamilyConfig(HfConfig config, String configClass) {
        this.config = config;
        this.configClass = configClass;
    }

    String modelType() {
        return config.modelType();
    }

    HfConfig raw() {
        return config;
    }

    /** A size or count that shapes the weights: declared under one of {@code keys}, else the class default (noted). */
    int size(int classDefault, String... keys) throws ModelFormatException {
        Integer value = config.optionalInt(keys);
        if (value == null) {
            defaulted.put(keys[0], classDefault);
            return classDefault;
        }
        return value;
    }

    /** Like {@link #size} for values that divide others (head counts, steps): zero is refused. */
    int positive(int classDefault, String... keys) throws ModelFormatException {
        return nonZero(size(classDefault, keys), keys[0]);
    }

    /** A value whose default follows from other values (KV heads default to the heads): not noted. */
    int or(int fallback, String... keys) throws ModelFormatException {
        Integer value = config.optionalInt(keys);
        return value == null ? fallback : value;
    }

    /** Like {@link #or} for values that divide others: zero is refused. */
    int positiveOr(int fallback, String... keys) throws ModelFormatException {
        return nonZero(or(fallback, keys), keys[0]);
    }

    /** A value with no default: null when absent. */
    Integer optional(String... keys) throws ModelFormatException {
        return config.optionalInt(keys);
    }

    /**
     * A value whose class default is a number but which a config may set to null to switch the feature off
     * ({@code sliding_window}, {@code q_lora_rank}): the declared value, null when declared null, else the default
     * (noted).
     */
    Integer nullable(Integer classDefault, String key) throws ModelFormatException {
        if (config.declares(key)) {
            return config.optionalInt(key);
        }
        if (classDefault != null) {
            defaulted.put(key, classDefault);
        }
        return classDefault;
    }

    boolean flag(String key, boolean classDefault) throws ModelFormatException {
        return config.bool(key, classDefault);
    }

    String string(String fallback, String key) throws ModelFormatException {
        String value = config.optionalString(key);
        return value == null ? fallback : value;
    }

    /** What the file did not state, in plain words; empty when it stated every size the formula used. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (!defaulted.isEmpty()) {
            List<String> values = new ArrayList<>();
            defaulted.forEach((key, value) -> values.add(key + "=" + value));
            notes.add(config.path() + ": not declared, so " + configClass + "'s defaults are assumed, as transformers"
                    + " would load them: " + String.join(", ", values));
        }
        return notes;
    }

    private int nonZero(int value, String key) throws ModelFormatException {
        if (value == 0) {
            throw new ModelFormatException(config.path(), "'" + key + "' is 0; it must be at least 1");
        }
        return value;
    }
}
