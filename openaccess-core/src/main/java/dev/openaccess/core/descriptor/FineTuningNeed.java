package dev.openaccess.core.descriptor;

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
 * @param overheadBytes       the framework's runtime (device context, kernels' workspaces)
 */
public record FineTuningNeed(
        long totalBytes,
        String minimumProfile,
        long trainableParameters,
        long weightsBytes,
        long gradientsBytes,
        long optimizerBytes,
        long activationsBytes,
        long overheadBytes) {
}
