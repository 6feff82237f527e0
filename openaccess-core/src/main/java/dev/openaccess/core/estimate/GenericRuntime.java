package dev.openaccess.core.estimate;

/**
 * Formats none of the named runtimes runs (TensorFlow Lite, MediaPipe, TensorFlow, Keras, TensorFlow.js, OpenVINO,
 * NumPy arrays): the weights held once, a KV cache of every token (capped at the window in sliding-window layers),
 * the activations of {@link ActivationMemory} and ONNX Runtime's fixed native part. No rule of their own interpreters
 * was measured, so the descriptor names this rule {@code generic} rather than a runtime it does not model.
 */
public final class GenericRuntime implements InferenceRuntime {

    static final GenericRuntime INSTANCE = new GenericRuntime();

    private GenericRuntime() {
    }

    @Override
    public String id() {
        return "generic";
    }

    @Override
    public String rule(EstimateSettings settings) {
        return "generic (no runtime-specific rule for this format): " + TransformersRuntime.HELD + " + "
                + RuntimeOverhead.INFERENCE_RUNTIME_MIB + " MiB runtime (ONNX Runtime's); not calibrated";
    }

    @Override
    public long baselineBytes() {
        return RuntimeOverhead.INFERENCE_RUNTIME_BYTES;
    }

    @Override
    public Memory memory(ModelShape model, long weights, long storedWeights, WeightPrecision whatIf, Integer context,
                         EstimateSettings settings) {
        return TransformersRuntime.INSTANCE.memory(model, weights, storedWeights, whatIf, context, settings);
    }
}
