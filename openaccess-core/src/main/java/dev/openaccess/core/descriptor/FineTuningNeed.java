package dev.openaccess.core.descriptor;

import java.util.Map;
import java.util.TreeMap;

/**
 * Memory one fine-tuning method needs, and what it is made of: {@code totalBytes} is the sum of the other byte
 * counts.
 *
 * @param totalBytes          everything that must be resident on the device at once
 * @param minimumProfile      the smallest catalog profile that holds {@code totalBytes}, null when none does
 * @param trainableParameters parameters that receive gradients and optimizer state
 * @param weightsBytes        the weights as held during training (16-bit copies, or the frozen base)
 * @param gradientsBytes      gradients of the trainable parameters
 * @param optimizerBytes      optimizer state: Adam's two moments and, in mixed precision, the fp32 master weights
 * @param activationsBytes    activations kept for the backward pass at the assumed sequence length and batch
 * @param overheadBytes       the framework's runtime on one GPU (CUDA context, cuBLAS workspace); on a CPU profile the
 *                            CPU framework figure takes its place, on a node one per GPU (see
 *                            {@code assumptions.fineTuning.rules})
 * @param flopsPerToken       FLOPs one trained token costs by this method (forward, backward and the recomputation
 *                            of gradient checkpointing); null in descriptors of older openaccess versions
 * @param referenceRunHours   hours the reference run ({@code assumptions.fineTuning.referenceTokens}) takes on each
 *                            profile that states its throughput, whether the memory fits or not
 */
public record FineTuningNeed(
        long totalBytes,
        String minimumProfile,
        long trainableParameters,
        long weightsBytes,
        long gradientsBytes,
        long optimizerBytes,
        long activationsBytes,
        long overheadBytes,
        Long flopsPerToken,
        Map<String, Double> referenceRunHours) {

    public FineTuningNeed {
        referenceRunHours = referenceRunHours == null ? null : java.util.Collections.unmodifiableMap(
                new TreeMap<>(referenceRunHours));
    }

    /** A need without compute figures (as older descriptors state it). */
    public FineTuningNeed(long totalBytes, String minimumProfile, long trainableParameters, long weightsBytes,
                          long gradientsBytes, long optimizerBytes, long activationsBytes, long overheadBytes) {
        this(totalBytes, minimumProfile, trainableParameters, weightsBytes, gradientsBytes, optimizerBytes,
                activationsBytes, overheadBytes, null, null);
    }
}
