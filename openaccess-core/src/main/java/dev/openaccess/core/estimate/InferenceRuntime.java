package dev.openaccess.core.estimate;

import dev.openaccess.core.descriptor.Architecture;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The runtime whose memory an inference estimate models ({@code requirements.assumptions.runtime}): each sizes the KV
 * cache, its compute buffers and what it keeps on the host by its own rule, with the sources of its constants.
 *
 * <p>On the CPU only pages a process touches are resident, so the figures count what the runtime touches; a GPU
 * loses whatever the runtime reserves, so {@link Memory#reservedComputeBytes()} says what it reserves as well.
 */
public sealed interface InferenceRuntime permits LlamaCppRuntime, OnnxRuntimeRuntime, TransformersRuntime,
        GenericRuntime {

    /** The name in the descriptor: {@code llama.cpp}, {@code onnxruntime}, {@code transformers}, {@code generic}. */
    String id();

    /** How this runtime's figures are computed, in words, with the source of every constant. */
    String rule(EstimateSettings settings);

    /** Memory the runtime takes once per process: native libraries, thread pools, its environment. */
    long baselineBytes();

    /**
     * What the runtime holds for one model beside its weights.
     *
     * @param weights       bytes of the weights at the precision estimated ({@code stored} for the stored one)
     * @param storedWeights bytes of the weights as stored
     * @param whatIf        the precision of a what-if variant, null for the stored precision
     * @param context       tokens per sequence the KV cache is sized for, null when unknown
     */
    Memory memory(ModelShape model, long weights, long storedWeights, WeightPrecision whatIf, Integer context,
                  EstimateSettings settings);

    /**
     * One model's share of inference memory beyond its weights.
     *
     * @param kvCacheBytes        the KV cache as this runtime allocates it (0 for encoders or unknown shapes)
     * @param activationsBytes    compute buffers the forward pass touches at its peak
     * @param weightCopiesBytes   a second copy of weights the runtime keeps (CPU repacking, pre-packed matrices)
     * @param vocabularyBytes     host memory of the tokenizer, vocabulary and parsed metadata
     * @param outputBytes         the logits (output) buffer
     * @param loadTransientBytes  what loading needs beyond the running state, when its peak is the higher one
     * @param reservedComputeBytes compute buffers the runtime reserves (all resident on a GPU), at least
     *                            {@code activationsBytes}
     */
    record Memory(long kvCacheBytes, long activationsBytes, long weightCopiesBytes, long vocabularyBytes,
                  long outputBytes, long loadTransientBytes, long reservedComputeBytes) {

        /** Everything but the KV cache and the activations: the descriptor's {@code runtimeBytes} share. */
        long runtimeBytes() {
            return Math.addExact(Math.addExact(weightCopiesBytes, vocabularyBytes),
                    Math.addExact(outputBytes, loadTransientBytes));
        }
    }

    /** The runtime named {@code id} (case-insensitive; {@code llamacpp} and {@code onnx} are accepted too). */
    static InferenceRuntime parse(String id) {
        String name = id.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "llama.cpp", "llamacpp", "llama-cpp" -> LlamaCppRuntime.INSTANCE;
            case "onnxruntime", "onnx", "onnx-runtime" -> OnnxRuntimeRuntime.INSTANCE;
            case "transformers", "pytorch" -> TransformersRuntime.INSTANCE;
            case "generic" -> GenericRuntime.INSTANCE;
            default -> throw new IllegalArgumentException("unknown runtime '" + id + "' (accepted: "
                    + Arrays.stream(all()).map(InferenceRuntime::id).collect(Collectors.joining(", ")) + ")");
        };
    }

    static InferenceRuntime[] all() {
        return new InferenceRuntime[] {LlamaCppRuntime.INSTANCE, OnnxRuntimeRuntime.INSTANCE,
                TransformersRuntime.INSTANCE, GenericRuntime.INSTANCE};
    }

    /**
     * The runtime a model of {@code format} usually runs in: llama.cpp for GGUF, ONNX Runtime for ONNX, PyTorch for
     * safetensors, PyTorch checkpoints, TorchScript and a bare {@code config.json}; the generic rule for the rest.
     */
    static InferenceRuntime defaultFor(String format) {
        return switch (format == null ? "" : format) {
            case "gguf" -> LlamaCppRuntime.INSTANCE;
            case "onnx" -> OnnxRuntimeRuntime.INSTANCE;
            case "safetensors", "pytorch", "torchscript", "hf-config" -> TransformersRuntime.INSTANCE;
            default -> GenericRuntime.INSTANCE;
        };
    }

    /** The runtime {@code model} is estimated for under {@code settings}: the configured one, else its format's. */
    static InferenceRuntime of(ModelShape model, EstimateSettings settings) {
        return settings.runtime() != null ? settings.runtime() : defaultFor(model.format());
    }

    /** The runtime an artifact without models is estimated for: the configured one, else the generic rule. */
    static InferenceRuntime ofNoModel(EstimateSettings settings) {
        return settings.runtime() != null ? settings.runtime() : GenericRuntime.INSTANCE;
    }

    /** {@code List.of(...)} of the runtimes the models are estimated for, in first-use order. */
    static List<InferenceRuntime> used(List<ModelShape> models, EstimateSettings settings) {
        return models.stream().map(model -> of(model, settings)).distinct().toList();
    }

    /**
     * Token entries all layers of one sequence keep, as the transformers and ONNX Runtime caches hold them: every
     * token in a full-attention layer, at most the window in a sliding-window one.
     */
    static long cachedLayerTokens(Architecture arch, int context) {
        return InferenceEstimator.cachedLayerTokens(arch, context);
    }
}
