package dev.openaccess.core.descriptor;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parameter counts of one model.
 *
 * @param total   all parameters
 * @param active  parameters used per token (differs from total for mixture-of-experts models)
 * @param byDtype parameter count per stored data type ({@code F32}, {@code BF16}, ...), sorted by name
 * @param exact   true when counted from tensor headers, false when derived from a config
 */
public record Parameters(long total, long active, Map<String, Long> byDtype, boolean exact) {

    public Parameters {
        byDtype = new TreeMap<>(byDtype);
    }

    /** The data type holding most parameters (the stored precision; ties go to the first name), null when none. */
    @JsonIgnore
    public String dominantDtype() {
        return byDtype.entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .orElse(null);
    }
}
