package dev.openaccess.core.descriptor;

import java.util.List;

/**
 * Memory needed to run inference with the artifact's models at their stored precision, plus what-if variants.
 * {@code totalBytes = weightsBytes + kvCacheBytes + overheadBytes}, and {@code overheadBytes = activationsBytes +
 * runtimeBytes}.
 *
 * @param kvCacheBytesPerToken null when no model's attention shape is known
 * @param activationsBytes     peak activations of one forward pass at the assumed context and batch
 * @param runtimeBytes         the runtime beside weights, KV cache and activations
 * @param minimumProfile       the smallest catalog profile that fits {@code totalBytes}, null when none does
 */
public record Inference(
        long weightsBytes,
        Long kvCacheBytesPerToken,
        long kvCacheBytes,
        long activationsBytes,
        long runtimeBytes,
        long overheadBytes,
        long totalBytes,
        String minimumProfile,
        List<Variant> variants) {

    public Inference {
        variants = List.copyOf(variants);
    }
}
