package dev.openaccess.core.descriptor;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Architecture hyperparameters of a model, as far as its files declare them; unknown values are null.
 *
 * @param family         the model family as its files name it ({@code llama}, {@code gpt2}, {@code bert}, ...)
 * @param headDim        dimension of one attention head (hiddenSize / attentionHeads unless declared)
 * @param contextLength  the model's own maximum context, in tokens
 * @param experts        experts per mixture-of-experts layer; null for dense models
 * @param activeExperts  experts used per token in a mixture-of-experts layer
 * @param slidingWindow  attention window in tokens when the model attends only to recent tokens
 * @param kind           {@code decoder} (generates token by token, keeps a KV cache) or {@code encoder} (reads a
 *                       whole sequence at once, no KV cache); null when the files do not tell
 * @param intermediateSize width of the feed-forward (MLP) layer, of one expert in a mixture of experts
 * @param gatedMlp       true when the MLP is gated (gate and up projections, as Llama's SwiGLU), false when it is a
 *                       plain up/down pair (GPT-2, BERT, OPT), null when the files do not tell
 */
public record Architecture(
        String family,
        Integer layers,
        Integer hiddenSize,
        Integer attentionHeads,
        Integer kvHeads,
        Integer headDim,
        Integer vocabSize,
        Integer contextLength,
        Integer experts,
        Integer activeExperts,
        Integer slidingWindow,
        String kind,
        Integer intermediateSize,
        Boolean gatedMlp) {

    public static final String DECODER = "decoder";
    public static final String ENCODER = "encoder";

    /** An architecture whose MLP shape is not known. */
    public Architecture(String family, Integer layers, Integer hiddenSize, Integer attentionHeads, Integer kvHeads,
                        Integer headDim, Integer vocabSize, Integer contextLength, Integer experts,
                        Integer activeExperts, Integer slidingWindow, String kind) {
        this(family, layers, hiddenSize, attentionHeads, kvHeads, headDim, vocabSize, contextLength, experts,
                activeExperts, slidingWindow, kind, null, null);
    }

    /** True when the KV cache per token can be computed from these values. */
    @JsonIgnore
    public boolean hasAttentionShape() {
        return layers != null && kvHeads != null && headDim != null;
    }

    /** Encoders read the whole input in one pass and keep no KV cache between tokens. */
    @JsonIgnore
    public boolean isEncoder() {
        return ENCODER.equals(kind);
    }
}
