package dev.openaccess.core.estimate;

import dev.openaccess.core.descriptor.Architecture;

/**
 * Hugging Face transformers on PyTorch (and TorchScript on libtorch): the weights loaded once, a KV cache of every
 * token (capped at the window in sliding-window layers), the activations of {@link ActivationMemory} and PyTorch's
 * resident part on the CPU, {@link RuntimeOverhead#PYTORCH_CPU_MIB} MiB, measured
 * ({@code benchmarks/cpu-fine-tuning/RESULTS.md}). The activation terms are those fitted against ONNX Runtime; a
 * GPU's CUDA context (about 800 MiB) lies in the 10% of its memory the fit fraction leaves.
 */
public final class TransformersRuntime implements InferenceRuntime {

    static final TransformersRuntime INSTANCE = new TransformersRuntime();

    private TransformersRuntime() {
    }

    @Override
    public String id() {
        return "transformers";
    }

    /** What {@link #memory} holds beside the weights, in words: the generic rule holds the same. */
    static final String HELD = "weights held once, KV cache of every token (at most the window in sliding-window"
            + " layers), activations as for onnxruntime (per token 3h + 2 x query width + 2 x KV width + MLP width;"
            + " decoders a prefill chunk of 512 tokens and the logits)";

    @Override
    public String rule(EstimateSettings settings) {
        return "transformers (PyTorch): " + HELD + " + " + RuntimeOverhead.PYTORCH_CPU_MIB + " MiB runtime (PyTorch 2.13's resident libraries and"
                + " allocator on the CPU, measured: benchmarks/cpu-fine-tuning/measure.py; a GPU's CUDA context lies in"
                + " the fit fraction's reserve); the activations are not calibrated against PyTorch";
    }

    @Override
    public long baselineBytes() {
        return RuntimeOverhead.PYTORCH_CPU_BYTES;
    }

    @Override
    public Memory memory(ModelShape model, long weights, long storedWeights, WeightPrecision whatIf, Integer context,
                         EstimateSettings settings) {
        long activations = activations(model, context, settings);
        return new Memory(kvCache(model, context, settings), activations, 0, 0, 0, 0, activations);
    }

    /** {@code kvValuesPerLayer × bytes × cached layer tokens × batch}; 0 for encoders and unknown shapes. */
    static long kvCache(ModelShape model, Integer context, EstimateSettings settings) {
        Architecture arch = model.architecture();
        if (context == null || arch == null || arch.isEncoder() || !arch.hasAttentionShape()) {
            return 0;
        }
        long perLayer = Math.multiplyExact(arch.kvValuesPerLayer(), settings.kvCacheDtype().bytes());
        return Math.multiplyExact(Math.multiplyExact(perLayer, InferenceRuntime.cachedLayerTokens(arch, context)),
                settings.batchSize());
    }

    /** {@link ActivationMemory#inference}; 0 when the layer shape or context is unknown. */
    static long activations(ModelShape model, Integer context, EstimateSettings settings) {
        if (context == null || model.architecture() == null) {
            return 0;
        }
        return ActivationMemory.inference(model.architecture(), context, settings.batchSize(),
                InferenceEstimator.activationElementBytes(model.storedDtype())).orElse(0L);
    }
}
