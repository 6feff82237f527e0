package dev.openaccess.core.estimate;

import dev.openaccess.core.descriptor.Architecture;
import java.util.Optional;

/**
 * Activation memory of inference and training.
 *
 * <p>Inference: a forward pass reuses its buffers from layer to layer, so what counts is one layer's live
 * tensors for the tokens processed at once. Encoders process the whole sequence; decoders a prefill chunk of at most
 * {@value #PREFILL_CHUNK_TOKENS} tokens per sequence (llama.cpp's default micro-batch; vLLM similarly bounds its
 * batched tokens). Per token: the layer's input and output and the residual ({@code 3h}), Q, K and V, the
 * attention output, and the MLP's intermediate ({@code I}, three of them when gated: gate, up, product; once per active
 * expert). Encoder
 * runtimes materialise the attention scores with their scaled, masked and softmax forms ({@code 3.5 × heads × s²}
 * per sequence, fp32, fitted to ONNX Runtime's measured peaks; see {@link RuntimeOverhead});
 * decoders are assumed to use memory-efficient attention. Decoders add the last token's logits. Elements cost 2
 * bytes in 16-bit models, 4 in fp32 and other quantized models (llama.cpp computes in fp32), and 5 in int8 models
 * (fp32, plus the uint8 copy a dynamically quantized MatMul makes of its input).
 *
 * <p>Training: activations a training step keeps for its backward pass, after Korthikanti et al. 2022, "Reducing
 * Activation Recomputation in Large Transformer Models", §4.1: per token and layer, in 16-bit, the attention block
 * keeps its input, Q, K, V, the input of the output projection and a dropout mask ({@code 11h} for multi-head
 * attention; the paper's {@code 5as/h} term for attention scores is not kept by memory-efficient attention
 * kernels, which PyTorch uses by default), the MLP keeps its input, the inputs of its activation function and of its down
 * projection and a dropout mask ({@code 3h + 4I}; gated MLPs keep gate, up and product: {@code 2h + 6I}), and the
 * two LayerNorms their inputs ({@code 4h}). With gradient checkpointing only each layer's input ({@code 2h}) is
 * kept, plus one layer's activations while it is recomputed. Decoders add the logits: 16-bit, and an fp32 copy for
 * the loss.
 */
public final class ActivationMemory {

    /** Tokens per sequence a decoder processes at once during prefill. */
    public static final int PREFILL_CHUNK_TOKENS = 512;

    private ActivationMemory() {
    }

    /**
     * Peak activation bytes of one forward pass of {@code batch} sequences of {@code sequence} tokens; empty when
     * the model's shape is not declared.
     *
     * @param elementBytes bytes per activation element (2 for 16-bit, 4 for fp32, 5 for dynamically quantized int8)
     */
    public static Optional<Long> inference(Architecture arch, long sequence, long batch, int elementBytes) {
        if (arch == null || arch.hiddenSize() == null || arch.layers() == null) {
            return Optional.empty();
        }
        long hidden = arch.hiddenSize();
        long queryWidth = arch.attentionHeads() != null && arch.headDim() != null
                ? (long) arch.attentionHeads() * arch.headDim() : hidden;
        long kvWidth = arch.kvHeads() != null && arch.headDim() != null ? (long) arch.kvHeads() * arch.headDim()
                : queryWidth;
        long intermediate = arch.intermediateSize() != null ? arch.intermediateSize() : 4 * hidden;
        long mlp = Boolean.TRUE.equals(arch.gatedMlp()) ? 3 * intermediate : intermediate;
        if (arch.experts() != null && arch.activeExperts() != null) {
            mlp = Math.multiplyExact(mlp, arch.activeExperts()); // each token's chosen experts run side by side
        }
        long perToken = 3 * hidden + 2 * queryWidth + 2 * kvWidth + mlp;
        long tokensPerSequence = arch.isEncoder() ? sequence : Math.min(sequence, PREFILL_CHUNK_TOKENS);
        long tokens = Math.multiplyExact(tokensPerSequence, batch);
        long bytes = Math.multiplyExact(Math.multiplyExact(tokens, perToken), elementBytes);
        if (arch.isEncoder()) {
            long heads = arch.attentionHeads() != null ? arch.attentionHeads() : 1;
            // One scores tensor is batch × heads × s² fp32; at ONNX Runtime's peak the product QKᵀ, its scaled and
            // masked forms and the softmax overlap: 3.5 of them, fitted to the measurements.
            long scores = Math.multiplyExact(Math.multiplyExact(7 * heads * batch, sequence), sequence * 4) / 2;
            bytes = Math.addExact(bytes, scores);
        } else if (arch.vocabSize() != null) {
            bytes = Math.addExact(bytes, Math.multiplyExact(batch, 4L * arch.vocabSize()));
        }
        return Optional.of(bytes);
    }

    /** Bytes one token keeps in one layer, without checkpointing; empty when the shape is not declared. */
    static Optional<Long> perTokenPerLayer(Architecture arch) {
        if (arch == null || arch.hiddenSize() == null || arch.layers() == null) {
            return Optional.empty();
        }
        long hidden = arch.hiddenSize();
        long queryWidth = arch.attentionHeads() != null && arch.headDim() != null
                ? (long) arch.attentionHeads() * arch.headDim() : hidden;
        long kvWidth = arch.kvHeads() != null && arch.headDim() != null ? (long) arch.kvHeads() * arch.headDim()
                : queryWidth;
        // input of the QKV projection, Q, K, V, input of the output projection (2 bytes each), dropout mask (1)
        long attention = 2 * hidden + 2 * queryWidth + 4 * kvWidth + 2 * queryWidth + hidden;
        long intermediate = arch.intermediateSize() != null ? arch.intermediateSize() : 4 * hidden;
        long mlp = Boolean.TRUE.equals(arch.gatedMlp()) ? 2 * hidden + 6 * intermediate : 3 * hidden + 4 * intermediate;
        if (arch.experts() != null && arch.activeExperts() != null) {
            mlp = Math.multiplyExact(mlp, arch.activeExperts()); // each token passes through its chosen experts
        }
        long norms = 4 * hidden;
        return Optional.of(attention + mlp + norms);
    }

    /**
     * Activation bytes for a step of {@code batch} sequences of {@code sequence} tokens, or empty when the model's
     * shape is not declared.
     */
    public static Optional<Long> training(Architecture arch, long sequence, long batch, boolean checkpointing) {
        return perTokenPerLayer(arch).map(perLayer -> {
            long tokens = Math.multiplyExact(sequence, batch);
            long layers = arch.allLayers(); // an encoder-decoder model keeps the activations of both stacks
            long kept = checkpointing
                    ? Math.addExact(Math.multiplyExact(layers, 2L * arch.hiddenSize()), perLayer)
                    : Math.multiplyExact(layers, perLayer);
            long logits = !arch.isEncoder() && arch.vocabSize() != null ? 6L * arch.vocabSize() : 0;
            return Math.multiplyExact(tokens, Math.addExact(kept, logits));
        });
    }
}
