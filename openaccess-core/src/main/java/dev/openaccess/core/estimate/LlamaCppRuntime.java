package dev.openaccess.core.estimate;

import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.descriptor.TensorLayout;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * llama.cpp on the CPU, at the settings llama-server and llama-cli use (common/common.h: n_batch 2048, n_ubatch 512,
 * flash attention auto, swa_full false, kv_unified false, the model memory-mapped). Sources are llama.cpp as
 * node-llama-cpp 3.21.1 bundles it (llama.cpp "v0.4.0"); measurements are {@code benchmarks/llama-cpp-calibration/}.
 *
 * <ul>
 *   <li><b>Weights</b>: mapped from the file with {@code MAP_POPULATE} (src/llama-mmap.cpp:479), so every tensor byte
 *       is resident once; the header is mapped too while loading and unmapped after (src/llama-model-loader.cpp:1776).
 *       With CPU repacking on (the default, {@code use_extra_bufts}; llama-cli {@code --no-repack}), every matrix of
 *       a type the CPU has repacked kernels for is copied into a {@code CPU_REPACK} buffer while its mapped pages stay
 *       resident: held twice. On x86 with AVX2 those are Q4_0, Q4_K, IQ4_NL and MXFP4 matrices
 *       (ggml/src/ggml-cpu/repack.cpp:4573-4697); the token embedding is not (its first use, GET_ROWS, is not
 *       supported by the repacking buffer), unless it is tied to the output.</li>
 *   <li><b>KV cache</b>: allocated and cleared at context creation (src/llama-kv-cache.cpp:293), so all of it is
 *       resident: {@code n_ctx = PAD(context × sequences, 256)}, one stream of {@code PAD(n_ctx / sequences, 256)}
 *       cells per sequence (src/llama-context.cpp:288-294); sliding-window layers keep
 *       {@code PAD(min(cells, window + n_ubatch), 256)} (src/llama-kv-cache-iswa.cpp:73).</li>
 *   <li><b>Output buffer</b>: {@code n_vocab × sequences × 4} bytes of logits, cleared at creation
 *       (src/llama-context.cpp:2068, output_reserve(n_seq_max)).</li>
 *   <li><b>Compute buffer</b>: llama.cpp reserves the worst case, a ubatch of {@code min(n_ctx, n_ubatch)} tokens
 *       that all produce logits (src/llama-context.cpp:596), dominated by {@code n_vocab × n_ubatch × 4} bytes of
 *       logits; a prompt asks for the last token's logits only, so on the CPU only the layer's working set is
 *       touched: per ubatch token the residual and norm ({@code 2h}), the MLP's gate, up and product
 *       ({@code 3 × I} per active expert) in fp32, the matrix multiplications' converted input beside them, and the
 *       F16 attention mask ({@code n_kv × tokens × 2}, src/llama-graph.cpp:38). Scaled by a factor fitted on the
 *       measurements (the allocator's placement and the attention's tensors).</li>
 *   <li><b>Host</b>: the parsed GGUF metadata and the vocabulary (token strings, maps, BPE merge ranks;
 *       src/llama-vocab.cpp): per token and per merge, fitted; native libraries and backend: fitted.</li>
 *   <li>Loading peaks at the weights, repacked copies, header and host memory; running at the weights, copies,
 *       host memory, KV cache, output and compute buffers. The higher of the two is the estimate.</li>
 * </ul>
 */
public final class LlamaCppRuntime implements InferenceRuntime {

    static final LlamaCppRuntime INSTANCE = new LlamaCppRuntime();

    /** common/common.h:451-452. */
    static final int N_BATCH = 2048;
    static final int N_UBATCH = 512;
    /** src/llama-context.cpp:288 and 294; src/llama-kv-cache-iswa.cpp:73. */
    static final int CELL_PAD = 256;

    /** Matrix types with AVX2 repacked kernels: ggml/src/ggml-cpu/repack.cpp:4573-4697. */
    static final Set<String> AVX2_REPACKED = Set.of("Q4_0", "Q4_K", "IQ4_NL", "MXFP4");

    // Fitted on the 16 fit cells of benchmarks/llama-cpp-calibration/RESULTS.md (fit.py: least squares 9.4 MiB,
    // 158.7 bytes per token, 116.9 per merge, compute factor 1.106; the baseline raised by the largest shortfall left,
    // 2.3 MiB, and every constant rounded up).
    /**
     * Native libraries (dlopen of libllama, libggml, the CPU backend: 5.2 MiB measured), thread pool, allocator
     * arenas and what the per-token and per-merge terms leave.
     */
    static final long BASELINE_BYTES = 12L << 20;
    /**
     * Host bytes per vocabulary entry: the parsed GGUF string (ggml/src/gguf.cpp keeps each as a std::string),
     * llama-vocab.cpp's token_data and token_to_id entry and its token-to-piece cache.
     */
    static final long HOST_PER_TOKEN = 160;
    /** Host bytes per BPE merge: the parsed GGUF string and llama-vocab.cpp's bpe_ranks map node (a string pair). */
    static final long HOST_PER_MERGE = 120;
    /** Compute-buffer working set measured over the one counted from the graph's live tensors. */
    static final double COMPUTE_FACTOR = 1.11;

    private LlamaCppRuntime() {
    }

    @Override
    public String id() {
        return "llama.cpp";
    }

    @Override
    public String rule(EstimateSettings settings) {
        return "llama.cpp on the CPU (n_batch " + N_BATCH + ", n_ubatch " + N_UBATCH + ", flash attention, weights"
                + " memory-mapped" + (settings.cpuWeightRepack()
                        ? ", CPU weight repacking on: Q4_0, Q4_K, IQ4_NL and MXFP4 matrices held twice (x86 AVX2,"
                        + " ggml-cpu/repack.cpp:4573-4697)" : ", CPU weight repacking off")
                + "): weights + KV cache of PAD(context, 256) cells per sequence (sliding-window layers"
                + " PAD(window + n_ubatch, 256); llama-context.cpp:288-294, llama-kv-cache-iswa.cpp:73, cleared at"
                + " creation) + logits buffer n_vocab x sequences x 4 (llama-context.cpp:2068) + compute working set "
                + COMPUTE_FACTOR
                + " x n_ubatch tokens x (4 x (2h + 3 x MLP width) + converted input) + F16 attention mask + host "
                + HOST_PER_TOKEN + " bytes per token and " + HOST_PER_MERGE + " per BPE merge + "
                + (BASELINE_BYTES >> 20) + " MiB native; the higher of the loading and running peaks. reservedBytes adds"
                + " the worst-case compute reservation, n_vocab x n_ubatch x 4 logits (llama-context.cpp:596), as a GPU"
                + " holds it. Sources: llama.cpp v0.4.0 as node-llama-cpp 3.21.1 bundles it; constants fitted against"
                + " its binaries on the CPU, benchmarks/llama-cpp-calibration/RESULTS.md";
    }

    @Override
    public long baselineBytes() {
        return BASELINE_BYTES;
    }

    @Override
    public Memory memory(ModelShape model, long weights, long storedWeights, WeightPrecision whatIf, Integer context,
                         EstimateSettings settings) {
        Architecture arch = model.architecture();
        int sequences = settings.batchSize();
        long copies = settings.cpuWeightRepack() ? repackedBytes(model, weights, storedWeights, whatIf) : 0;
        long header = header(model);
        long vocab = arch == null || arch.vocabSize() == null ? 0 : arch.vocabSize();
        long host = Math.addExact(Math.multiplyExact(HOST_PER_TOKEN, vocab), Math.multiplyExact(HOST_PER_MERGE,
                merges(model, vocab)));
        if (arch == null || arch.isEncoder() || context == null) {
            return new Memory(0, 0, copies, host, 0, header, 0);
        }
        long cellsPerSequence = cellsPerSequence(context, sequences);
        long kv = kvCache(arch, cellsPerSequence, sequences, settings.kvCacheDtype());
        long output = Math.multiplyExact(Math.multiplyExact(vocab, sequences), 4);
        long compute = computeTouched(arch, model.storedDtype(), cellsPerSequence, whatIf);
        long reserved = Math.addExact(compute,
                Math.multiplyExact(Math.multiplyExact(vocab, Math.min(N_UBATCH, cellsPerSequence * sequences)), 4));
        // loading peaks at the header mapped beside everything that stays; running at KV, output and compute
        long transient_ = Math.max(0, header - Math.addExact(Math.addExact(kv, output), compute));
        return new Memory(kv, compute, copies, host, output, transient_, reserved);
    }

    /** Cells one sequence's stream holds: {@code n_ctx = PAD(context × sequences, 256)}, then {@code PAD(n_ctx / n_seq, 256)}. */
    static long cellsPerSequence(int context, int sequences) {
        long nCtx = pad(Math.multiplyExact((long) context, sequences), CELL_PAD);
        return pad(nCtx / sequences, CELL_PAD);
    }

    /** {@code Σ layers × kvValuesPerLayer × bytes × cells × sequences}, sliding-window layers at their window's cells. */
    static long kvCache(Architecture arch, long cellsPerSequence, int sequences, KvCacheDtype dtype) {
        if (!arch.hasAttentionShape()) {
            return 0;
        }
        int windowed = arch.slidingWindow() == null ? 0
                : arch.slidingWindowLayers() == null ? arch.layers() : Math.min(arch.slidingWindowLayers(), arch.layers());
        long windowCells = windowed == 0 ? 0
                : pad(Math.min(cellsPerSequence, (long) arch.slidingWindow() + N_UBATCH), CELL_PAD);
        long layerCells = Math.addExact(Math.multiplyExact(windowed, windowCells),
                Math.multiplyExact((long) arch.layers() - windowed, cellsPerSequence));
        return Math.multiplyExact(Math.multiplyExact(Math.multiplyExact(layerCells, arch.kvValuesPerLayer()),
                dtype.bytes()), sequences);
    }

    /**
     * The working set of the largest graph a prompt runs: a ubatch of {@code min(n_ubatch, cells)} tokens (one
     * sequence's, as prompts are processed) against a full cache.
     */
    static long computeTouched(Architecture arch, String storedDtype, long cellsPerSequence, WeightPrecision whatIf) {
        if (arch.hiddenSize() == null) {
            return 0;
        }
        long tokens = Math.min(N_UBATCH, cellsPerSequence);
        long hidden = arch.hiddenSize();
        long mlp = arch.intermediateSize() != null ? arch.intermediateSize() : 4 * hidden;
        if (arch.experts() != null && arch.activeExperts() != null) {
            mlp = Math.multiplyExact(mlp, arch.activeExperts());
        }
        double converted = convertedInputBytes(whatIf != null ? whatIf.id() : storedDtype);
        double perToken = 4.0 * (2 * hidden + 3 * mlp) + converted * mlp;
        long live = (long) Math.ceil(COMPUTE_FACTOR * perToken * tokens);
        long mask = Math.multiplyExact(Math.multiplyExact(cellsPerSequence, tokens), 2);
        if (arch.slidingWindow() != null) { // the windowed layers' own mask beside the full one
            long windowCells = pad(Math.min(cellsPerSequence, (long) arch.slidingWindow() + N_UBATCH), CELL_PAD);
            mask = Math.addExact(mask, Math.multiplyExact(Math.multiplyExact(windowCells, tokens), 2));
        }
        return Math.addExact(live, mask);
    }

    /**
     * Bytes per element a matrix multiplication converts its fp32 input to (the weights' vec_dot type): F16 for F16
     * and BF16 weights, Q8_0 (34/32) for the 32-blocks, Q8_K (292/256) for K-quants; 4 (no conversion) for F32.
     */
    static double convertedInputBytes(String dtype) {
        String type = dtype == null ? "" : dtype.toUpperCase(Locale.ROOT);
        if (type.equals("F16") || type.equals("BF16") || type.equals("FP16")) {
            return 2;
        }
        if (type.endsWith("_K") || type.startsWith("IQ")) {
            return 292.0 / 256;
        }
        return type.equals("F32") || type.equals("FP32") ? 0 : 34.0 / 32;
    }

    /**
     * BPE merges; without a layout (a config, an old descriptor), as many as 2.2 per token, the most of the
     * vocabularies measured (Llama 3: 280,147 merges for 128,256 tokens), so as not to fall short.
     */
    private static long merges(ModelShape model, long vocab) {
        TensorLayout layout = model.tensorLayout();
        return layout != null ? layout.merges() : vocab * 22 / 10;
    }

    /** The header's size; without a layout (a config, an old descriptor), the vocabulary's at 64 bytes a token. */
    private static long header(ModelShape model) {
        TensorLayout layout = model.tensorLayout();
        if (layout != null) {
            return layout.headerBytes();
        }
        Architecture arch = model.architecture();
        return arch == null || arch.vocabSize() == null ? 0 : 64L * arch.vocabSize();
    }

    /**
     * Matrices repacked for AVX2, held a second time. A what-if precision is repacked when its type is (int4 is
     * Q4_0): then all but the embedding's share. Without a tensor layout, all weights of a repacked stored type.
     */
    static long repackedBytes(ModelShape model, long weights, long storedWeights, WeightPrecision whatIf) {
        TensorLayout layout = model.tensorLayout();
        if (whatIf != null) {
            if (whatIf != WeightPrecision.INT4) {
                return 0;
            }
            if (layout == null || layout.tokenEmbeddingBytes() == null || storedWeights == 0 || layout.tiedEmbeddings()) {
                return weights;
            }
            double share = 1 - (double) layout.tokenEmbeddingBytes() / storedWeights;
            return (long) Math.ceil(weights * share);
        }
        if (layout == null) {
            return model.storedDtype() != null && AVX2_REPACKED.contains(model.storedDtype()) ? weights : 0;
        }
        long bytes = 0;
        for (Map.Entry<String, Long> matrices : layout.matrixBytesByDtype().entrySet()) {
            if (AVX2_REPACKED.contains(matrices.getKey())) {
                bytes = Math.addExact(bytes, matrices.getValue());
            }
        }
        if (layout.tiedEmbeddings() && AVX2_REPACKED.contains(layout.tokenEmbeddingDtype())
                && layout.tokenEmbeddingBytes() != null) {
            bytes = Math.addExact(bytes, layout.tokenEmbeddingBytes()); // the output's copy of the embedding
        }
        return bytes;
    }

    private static long pad(long value, long to) {
        return Math.multiplyExact(Math.addExact(value, to - 1) / to, to);
    }
}
