package dev.openaccess.core.estimate;

/**
 * Memory a runtime takes beyond weights, KV cache and activations, for inference and for training: the constants of
 * {@link OnnxRuntimeRuntime} and {@link TransformersRuntime} (llama.cpp's are {@link LlamaCppRuntime}'s own).
 *
 * <p>Inference, calibrated against ONNX Runtime 1.20 on the CPU running MiniLM-L6 (fp32 and int8) over batches 1–32
 * and sequences 64–512 ({@code benchmarks/calibrate-inference.sh}; the activation terms of {@link ActivationMemory}
 * were fitted on the same runs):
 * <ul>
 *   <li>a fixed part for the runtime itself: loading ONNX Runtime's native library and creating its environment
 *       grew the process by 12 MiB; with thread pools and the arena's first chunks, {@value #INFERENCE_RUNTIME_MIB}
 *       MiB;</li>
 *   <li>for ONNX models, a second copy of the weights: ONNX Runtime parses the whole protobuf, copies the
 *       initializers out of it and pre-packs the matrices of MatMul nodes, and kept 1.62 × (fp32) to 1.98 × (int8)
 *       the weight bytes resident after loading (1.71–2.2 × at the loading peak); with the activation terms, the
 *       share that fits all measurements best is {@value #ONNX_EXTRA_WEIGHTS_PERCENT}% of the weights. transformers
 *       is given the same fixed part, not measured; llama.cpp has its own measured rule
 *       ({@link LlamaCppRuntime}).</li>
 * </ul>
 */
public final class RuntimeOverhead {

    static final int INFERENCE_RUNTIME_MIB = 16;
    static final long INFERENCE_RUNTIME_BYTES = INFERENCE_RUNTIME_MIB * 1024L * 1024;
    static final int ONNX_EXTRA_WEIGHTS_PERCENT = 60;

    public static final String INFERENCE_RULE = "activations of one forward pass (per token 3h + 2 x query width"
            + " + 2 x KV width + MLP width, at 2 bytes for 16-bit, 4 for fp32 and 5 for int8 models; decoders a"
            + " prefill chunk of 512 tokens and the logits, encoders the whole sequence and 3.5 batch x heads x"
            + " sequence^2 fp32 attention-score tensors) + " + INFERENCE_RUNTIME_MIB
            + " MiB runtime + " + ONNX_EXTRA_WEIGHTS_PERCENT + "% of the weights of ONNX models (ONNX Runtime keeps"
            + " pre-packed copies); calibrated against ONNX Runtime 1.20 on the CPU (MiniLM-L6 fp32 and int8,"
            + " batches 1-32, sequences 64-512, benchmarks/calibrate-inference.sh)";

    /**
     * A training framework's device context and workspaces: PyTorch on CUDA shows 0.5–1 GiB on an idle GPU once its
     * context, kernels and cuBLAS workspace are loaded; the upper end is taken. Not measured here.
     */
    public static final long TRAINING_RUNTIME_BYTES = 1024L * 1024 * 1024;
    public static final String TRAINING_RULE = "1 GiB for the framework's device context, kernels and workspaces"
            + " (PyTorch on CUDA: 0.5-1 GiB; not measured here)";

    private RuntimeOverhead() {
    }
}
