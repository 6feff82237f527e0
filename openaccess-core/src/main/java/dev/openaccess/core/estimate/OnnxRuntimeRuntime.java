package dev.openaccess.core.estimate;

import java.math.BigInteger;

/**
 * ONNX Runtime on the CPU: the weights parsed out of the protobuf and a pre-packed share of them, the activations of
 * {@link ActivationMemory}, and a fixed native part. Constants fitted against ONNX Runtime 1.20 running MiniLM-L6
 * (fp32 and int8; {@code benchmarks/calibrate-inference.sh}, results in
 * {@code benchmarks/inference-calibration/RESULTS.md}); see {@link RuntimeOverhead} for the measurements behind them.
 */
public final class OnnxRuntimeRuntime implements InferenceRuntime {

    static final OnnxRuntimeRuntime INSTANCE = new OnnxRuntimeRuntime();

    private OnnxRuntimeRuntime() {
    }

    @Override
    public String id() {
        return "onnxruntime";
    }

    @Override
    public String rule(EstimateSettings settings) {
        return "onnxruntime: " + RuntimeOverhead.INFERENCE_RULE;
    }

    @Override
    public long baselineBytes() {
        return RuntimeOverhead.INFERENCE_RUNTIME_BYTES;
    }

    @Override
    public Memory memory(ModelShape model, long weights, long storedWeights, WeightPrecision whatIf, Integer context,
                         EstimateSettings settings) {
        long held = storedWeights == 0 ? model.weightsBytes() : BigInteger.valueOf(model.weightsBytes())
                .multiply(BigInteger.valueOf(weights)).divide(BigInteger.valueOf(storedWeights)).longValueExact();
        long copies = held / 100 * RuntimeOverhead.ONNX_EXTRA_WEIGHTS_PERCENT;
        long kv = TransformersRuntime.kvCache(model, context, settings);
        long activations = TransformersRuntime.activations(model, context, settings);
        return new Memory(kv, activations, copies, 0, 0, 0, activations);
    }
}
