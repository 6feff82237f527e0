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
 *       share that fits all measurements best is {@value #ONNX_EXTRA_WEIGHTS_PERCENT}% of the weights. The generic
 *       rule ({@link GenericRuntime}) is given the same fixed part, not measured; transformers PyTorch's measured one
 *       ({@link #PYTORCH_CPU_MIB}); llama.cpp has its own measured rule ({@link LlamaCppRuntime}).</li>
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
     * PyTorch on one GPU, in GPU memory: the CUDA context its first CUDA call creates, 723-781 MiB reported
     * (pytorch/pytorch issue 34323: 781 MB in nvidia-smi before any tensor; discuss.pytorch.org "What is the reason
     * for pytorch's GPU memory floor?": 723 MiB; "High gpu memory overhead": "~700+MB depending on the CUDA version");
     * the upper end rounded up to 800 MiB; and the cuBLASLt workspace PyTorch allocates, 32 MiB on Hopper and later (4
     * MiB on Ampere; PyTorch PR 120925, aten/src/ATen/cuda/CUDABlas.cpp, after the cuBLAS guide's recommendation).
     * Not measured here (no GPU was available to this work).
     */
    static final int GPU_CONTEXT_MIB = 800;
    static final int CUBLASLT_WORKSPACE_MIB = 32;
    public static final long TRAINING_RUNTIME_BYTES = (GPU_CONTEXT_MIB + CUBLASLT_WORKSPACE_MIB) * 1024L * 1024;
    /**
     * PyTorch on the CPU, in RAM: the peak resident set of a process that imports torch 2.13 (CPU build) and runs
     * AdamW steps on a 136,960-parameter decoder, less its tensors, 310.8 MiB (the interpreter's 14.4 MiB included: a
     * run has one), measured by {@code benchmarks/cpu-fine-tuning/measure.py}; rounded up to 320 MiB. Libraries
     * imported on top (transformers, PEFT) are not included. The fine-tuning framework on a CPU profile and the
     * transformers runtime's native part for inference.
     */
    static final int PYTORCH_CPU_MIB = 320;
    public static final long PYTORCH_CPU_BYTES = PYTORCH_CPU_MIB * 1024L * 1024;
    public static final String TRAINING_RULE = "framework: on a GPU " + (GPU_CONTEXT_MIB + CUBLASLT_WORKSPACE_MIB)
            + " MiB per GPU (PyTorch's CUDA context, 723-781 MiB reported (pytorch/pytorch#34323, discuss.pytorch.org),"
            + " taken as " + GPU_CONTEXT_MIB + " MiB, and its " + CUBLASLT_WORKSPACE_MIB + " MiB cuBLASLt workspace"
            + " (PyTorch PR 120925); not measured here); on a CPU profile " + PYTORCH_CPU_MIB + " MiB"
            + " (PyTorch 2.13's resident libraries and allocator with AdamW, measured:"
            + " benchmarks/cpu-fine-tuning/measure.py); overheadBytes states the one-GPU figure";

    /** The framework's memory on {@code profile}: one CUDA context and workspace per GPU, or the CPU figure. */
    public static long trainingFrameworkBytes(HardwareProfile profile) {
        return profile.gpus() == 0 ? PYTORCH_CPU_BYTES
                : Math.multiplyExact(TRAINING_RUNTIME_BYTES, profile.gpus());
    }

    private RuntimeOverhead() {
    }
}
