package dev.openaccess.core.descriptor;

import java.util.List;

/**
 * What the estimates assume.
 *
 * @param contextLength tokens held in the KV cache per sequence (null when no model declares one)
 * @param batchSize     sequences processed at once
 * @param kvCacheDtype  data type of the KV cache entries
 * @param overhead      how the runtime/activation overhead is computed, in words
 * @param fitFraction   share of a profile's memory a requirement may use (the rest is runtime, driver, fragmentation)
 * @param notes         gaps in the estimate, in plain words (e.g. a model whose attention shape is unknown)
 */
public record Assumptions(
        Integer contextLength,
        int batchSize,
        String kvCacheDtype,
        String overhead,
        double fitFraction,
        List<String> notes) {

    public Assumptions {
        notes = notes == null || notes.isEmpty() ? null : List.copyOf(notes);
    }
}
