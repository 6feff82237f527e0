package dev.openaccess.core.descriptor;

import java.util.List;

/**
 * Memory needed to run inference with the artifact's models at their stored precision, plus what-if variants.
 *
 * @param kvCacheBytesPerToken null when no model's attention shape is known
 * @param minimumProfile       the smallest catalog profile that fits {@code totalBytes}, null when none does
 */
public record Inference(
        long weightsBytes,
        Long kvCacheBytesPerToken,
        long kvCacheBytes,
        long overheadBytes,
        long totalBytes,
        String minimumProfile,
        List<Variant> variants) {

    public Inference {
        variants = List.copyOf(variants);
    }
}
