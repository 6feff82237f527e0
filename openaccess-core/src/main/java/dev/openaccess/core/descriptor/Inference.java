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
 * @param weightCopiesBytes    part of {@code runtimeBytes}: weights the runtime holds a second time (llama.cpp's CPU
 *                             repacking, ONNX Runtime's pre-packed matrices)
 * @param vocabularyBytes      part of {@code runtimeBytes}: host memory of the tokenizer, vocabulary and parsed
 *                             metadata
 * @param outputBufferBytes    part of {@code runtimeBytes}: the logits buffer
 * @param baselineBytes        part of {@code runtimeBytes}: native libraries and backend, once per runtime
 * @param loadTransientBytes   part of {@code runtimeBytes}: what loading needs beyond the running state when loading
 *                             peaks higher (llama.cpp maps the file's header while loading)
 * @param reservedBytes        the total if everything the runtime reserves were resident, as on a GPU: the compute
 *                             buffer at its worst case in place of the part a run touches
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
        List<Variant> variants,
        Long weightCopiesBytes,
        Long vocabularyBytes,
        Long outputBufferBytes,
        Long baselineBytes,
        Long loadTransientBytes,
        Long reservedBytes) {

    /** An inference estimate without the runtime's breakdown. */
    public Inference(long weightsBytes, Long kvCacheBytesPerToken, long kvCacheBytes, long activationsBytes,
                     long runtimeBytes, long overheadBytes, long totalBytes, String minimumProfile,
                     List<Variant> variants) {
        this(weightsBytes, kvCacheBytesPerToken, kvCacheBytes, activationsBytes, runtimeBytes, overheadBytes,
                totalBytes, minimumProfile, variants, null, null, null, null, null, null);
    }

    public Inference {
        variants = List.copyOf(variants);
    }
}
