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
 * @param kvLatentSize   width of what one layer caches per token when that is a compressed latent rather than a key
 *                       and a value per KV head: multi-head latent attention (DeepSeek-V2/V3) caches
 *                       {@code kv_lora_rank + qk_rope_head_dim} values, shared by all heads; null otherwise
 * @param slidingWindowLayers how many of the layers attend only within {@code slidingWindow} when not all of them do
 *                       (Gemma 2: every other layer; Gemma 3: five of six); null when the window, if any, is in every
 *                       layer
 * @param encoderLayers  the encoder's layers in an encoder-decoder model (T5), whose {@code layers} are the decoder's
 *                       (the ones that keep a KV cache); null for encoder-only and decoder-only models
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
        Boolean gatedMlp,
        Integer kvLatentSize,
        Integer slidingWindowLayers,
        Integer encoderLayers) {

    public static final String DECODER = "decoder";
    public static final String ENCODER = "encoder";

    /** An architecture whose MLP shape is not known. */
    public Architecture(String family, Integer layers, Integer hiddenSize, Integer attentionHeads, Integer kvHeads,
                        Integer headDim, Integer vocabSize, Integer contextLength, Integer experts,
                        Integer activeExperts, Integer slidingWindow, String kind) {
        this(family, layers, hiddenSize, attentionHeads, kvHeads, headDim, vocabSize, contextLength, experts,
                activeExperts, slidingWindow, kind, null, null);
    }

    /** An architecture whose attention caches a key and a value per KV head in every layer, without an encoder. */
    public Architecture(String family, Integer layers, Integer hiddenSize, Integer attentionHeads, Integer kvHeads,
                        Integer headDim, Integer vocabSize, Integer contextLength, Integer experts,
                        Integer activeExperts, Integer slidingWindow, String kind, Integer intermediateSize,
                        Boolean gatedMlp) {
        this(family, layers, hiddenSize, attentionHeads, kvHeads, headDim, vocabSize, contextLength, experts,
                activeExperts, slidingWindow, kind, intermediateSize, gatedMlp, null, null, null);
    }

    /** True when the KV cache per token can be computed from these values. */
    @JsonIgnore
    public boolean hasAttentionShape() {
        return layers != null && (kvLatentSize != null || kvHeads != null && headDim != null);
    }

    /**
     * Values one layer caches per token: the latent of multi-head latent attention, else a key and a value of
     * {@code headDim} per KV head; null when the shape is not declared.
     */
    @JsonIgnore
    public Long kvValuesPerLayer() {
        if (kvLatentSize != null) {
            return (long) kvLatentSize;
        }
        return kvHeads == null || headDim == null ? null : 2L * kvHeads * headDim;
    }

    /** Transformer layers in all: the decoder's (or the only stack's) and, in an encoder-decoder model, the encoder's. */
    @JsonIgnore
    public Integer allLayers() {
        if (layers == null) {
            return null;
        }
        return encoderLayers == null ? layers : Math.addExact(layers, encoderLayers);
    }

    /** Encoders read the whole input in one pass and keep no KV cache between tokens. */
    @JsonIgnore
    public boolean isEncoder() {
        return ENCODER.equals(kind);
    }
}
