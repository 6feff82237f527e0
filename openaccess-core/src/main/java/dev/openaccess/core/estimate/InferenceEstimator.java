package dev.openaccess.core.estimate;

import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.descriptor.Inference;
import dev.openaccess.core.descriptor.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Memory to run inference with models, and what one decode step reads.
 *
 * <p>Total = weights (exact bytes) + KV cache + overhead. The KV cache per token is
 * {@code 2 (K and V) × layers × kvHeads × headDim × bytes(kvCacheDtype)} per decoder (for multi-head latent attention
 * {@code layers × kvLatentSize × bytes}), held for the assumed context and batch, capped at the sliding window in the
 * layers that have one; encoders keep none. Each model's KV cache as allocated, activations and runtime memory are its
 * runtime's ({@link InferenceRuntime}: llama.cpp pads and windows the cache its own way); each runtime's native part
 * counts once.
 */
public final class InferenceEstimator {

    private final HardwareCatalog catalog;

    public InferenceEstimator(HardwareCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Inference of a set of models loaded together.
     *
     * @param bytesReadPerStep bytes one decode step reads: the active decoder weights and every cached K/V entry
     * @param generates        whether any model generates tokens (a decoder)
     * @param contextLength    the context the KV cache is sized for (the largest model's own when not set)
     * @param flopsPerStep     FLOPs one decode step computes for the whole batch: 2 × active decoder parameters per
     *                         token (a multiply-add per weight; Kaplan et al. 2020, section 2.1) and, where the
     *                         attention shape is known, 4 × attention width per cached token and layer (the scores
     *                         q·k and the weighted sum of v), sliding windows as the KV cache holds them
     * @param graphNodesPerStep nodes of one decode step's graphs, all decoders together ({@link DecodeStep}); 0 when
     *                         no decoder's layer count is known
     */
    public record Estimate(Inference inference, double bytesReadPerStep, boolean generates, Integer contextLength,
                           double flopsPerStep, long graphNodesPerStep) {

        public Estimate(Inference inference, double bytesReadPerStep, boolean generates, Integer contextLength) {
            this(inference, bytesReadPerStep, generates, contextLength, 0, 0);
        }
    }

    public Estimate estimate(List<ModelShape> models, EstimateSettings settings, List<String> notes) {
        long weights = 0;
        long kvPerToken = 0;
        long kvTotal = 0;
        long activations = 0;
        long runtime = 0;
        long copies = 0;
        long vocabulary = 0;
        long output = 0;
        long transients = 0;
        long reservedCompute = 0;
        boolean anyKv = false;
        boolean anyDecoder = false;
        double bytesReadPerStep = 0;
        double flopsPerStep = 0;
        long graphNodesPerStep = 0;
        Integer assumedContext = settings.contextLength();
        for (ModelShape model : models) {
            weights = Math.addExact(weights, model.weightsBytes());
            activations(model, settings, notes); // the notes on what is left out
            InferenceRuntime.Memory memory = InferenceRuntime.of(model, settings).memory(model, model.weightsBytes(),
                    model.weightsBytes(), null, context(model, settings), settings);
            activations = Math.addExact(activations, memory.activationsBytes());
            reservedCompute = Math.addExact(reservedCompute, memory.reservedComputeBytes());
            runtime = Math.addExact(runtime, memory.runtimeBytes());
            copies = Math.addExact(copies, memory.weightCopiesBytes());
            vocabulary = Math.addExact(vocabulary, memory.vocabularyBytes());
            output = Math.addExact(output, memory.outputBytes());
            transients = Math.addExact(transients, memory.loadTransientBytes());
            if (model.isEncoder()) {
                continue;
            }
            anyDecoder = true;
            bytesReadPerStep += model.weightsBytes() * model.activeShare();
            flopsPerStep += 2.0 * model.activeParameters() * settings.batchSize();
            graphNodesPerStep += DecodeStep.graphNodes(model.architecture());
            KvCache cache = kvCache(model, settings, notes);
            if (cache != null && model.architecture().attentionHeads() != null
                    && model.architecture().headDim() != null) {
                flopsPerStep += 4.0 * cachedLayerTokens(model.architecture(), cache.context())
                        * model.architecture().attentionHeads() * model.architecture().headDim() * settings.batchSize();
            }
            if (cache != null) {
                anyKv = true;
                kvPerToken = Math.addExact(kvPerToken, cache.bytesPerToken());
                kvTotal = Math.addExact(kvTotal, memory.kvCacheBytes());
                bytesReadPerStep += cache.bytes();
                if (settings.contextLength() == null) {
                    assumedContext = assumedContext == null ? cache.context() : Math.max(assumedContext, cache.context());
                }
            }
        }
        long baseline = baselines(models, settings);
        runtime = Math.addExact(runtime, baseline);
        long overhead = Math.addExact(runtime, activations);
        long total = Math.addExact(Math.addExact(weights, kvTotal), overhead);
        long reserved = Math.addExact(total - activations, reservedCompute);
        Inference inference = new Inference(weights, anyKv ? kvPerToken : null, kvTotal, activations, runtime,
                overhead, total, minimumProfile(total), variants(models, settings, weights), copies, vocabulary,
                output, baseline, transients, reserved);
        return new Estimate(inference, bytesReadPerStep, anyDecoder, assumedContext, flopsPerStep,
                graphNodesPerStep);
    }

    /** Each runtime's native part, once however many models it runs. */
    private static long baselines(List<ModelShape> models, EstimateSettings settings) {
        if (models.isEmpty()) { // nothing to hold still loads the runtime
            return InferenceRuntime.ofNoModel(settings).baselineBytes();
        }
        long baseline = 0;
        for (InferenceRuntime runtime : InferenceRuntime.used(models, settings)) {
            baseline = Math.addExact(baseline, runtime.baselineBytes());
        }
        return baseline;
    }

    /** One decoder's KV cache at the assumed context and batch. */
    private record KvCache(long bytesPerToken, long bytes, int context) {
    }

    /** The model's KV cache, or null (with a note saying why) when its shape or context is unknown. */
    private static KvCache kvCache(ModelShape model, EstimateSettings settings, List<String> notes) {
        Architecture arch = model.architecture();
        if (arch == null) {
            model.noteUnknownArchitecture(notes);
            return null;
        }
        if (!arch.hasAttentionShape()) {
            notes.add(model.path() + ": attention shape incomplete (layers, KV heads or head dimension missing): KV"
                    + " cache not included");
            return null;
        }
        Integer context = context(model, settings);
        if (context == null) {
            notes.add(model.path() + ": no context length declared or configured: KV cache not included");
            return null;
        }
        long perToken = kvBytesPerToken(arch, settings.kvCacheDtype());
        long perLayer = Math.multiplyExact(arch.kvValuesPerLayer(), settings.kvCacheDtype().bytes());
        long layerTokens = cachedLayerTokens(arch, context);
        if (layerTokens < (long) arch.layers() * context) {
            int windowed = windowedLayers(arch);
            notes.add(model.path() + ": sliding-window attention: "
                    + (windowed == arch.layers() ? "KV cache holds " : windowed + " of " + arch.layers()
                            + " layers hold ")
                    + Math.min(context, arch.slidingWindow()) + " of " + context + " tokens");
        }
        return new KvCache(perToken,
                Math.multiplyExact(Math.multiplyExact(perLayer, layerTokens), settings.batchSize()), context);
    }

    /** Layers that attend within the sliding window: those the architecture names, else all of them. */
    private static int windowedLayers(Architecture arch) {
        if (arch.slidingWindow() == null) {
            return 0;
        }
        return arch.slidingWindowLayers() == null ? arch.layers() : Math.min(arch.slidingWindowLayers(), arch.layers());
    }

    /**
     * Token entries all layers together keep for a context of {@code context} tokens: a sliding-window layer keeps
     * at most its window, a full-attention layer every token (Gemma 2 and 3 alternate the two).
     */
    static long cachedLayerTokens(Architecture arch, int context) {
        int windowed = windowedLayers(arch);
        long windowTokens = windowed == 0 ? 0 : Math.min(context, arch.slidingWindow());
        return Math.addExact(Math.multiplyExact(windowed, windowTokens),
                Math.multiplyExact((long) arch.layers() - windowed, context));
    }

    private static Integer context(ModelShape model, EstimateSettings settings) {
        if (settings.contextLength() != null) {
            return settings.contextLength();
        }
        return model.architecture() == null ? null : model.architecture().contextLength();
    }

    /** Peak activations of one forward pass, 0 (with a note) when the layer shape or context is unknown. */
    private static long activations(ModelShape model, EstimateSettings settings, List<String> notes) {
        Integer context = context(model, settings);
        if (model.architecture() == null) {
            model.noteUnknownArchitecture(notes);
            return 0;
        }
        if (context == null || model.architecture().hiddenSize() == null || model.architecture().layers() == null) {
            notes.add(model.path() + ": layer shape or context unknown: inference activations not included");
            return 0;
        }
        return ActivationMemory.inference(model.architecture(), context, settings.batchSize(),
                activationElementBytes(model.storedDtype())).orElseThrow();
    }

    /**
     * Bytes an activation element costs: 16-bit models compute in 16-bit; int8 models (ONNX Runtime's dynamic
     * quantization) in fp32 with a uint8 copy of each MatMul input beside; the others (fp32, llama.cpp's
     * block-quantized types) in fp32.
     */
    static int activationElementBytes(String storedDtype) {
        String dtype = storedDtype == null ? "" : storedDtype.toUpperCase(Locale.ROOT);
        if (storedDtype == null || dtype.equals("F16") || dtype.equals("BF16")) {
            return 2;
        }
        return dtype.equals("I8") || dtype.equals("U8") ? 5 : 4;
    }

    /**
     * {@code 2 × layers × kvHeads × headDim × bytes}: one key and one value vector per layer and KV head; for
     * multi-head latent attention {@code layers × kvLatentSize × bytes}, the compressed latent that serving runtimes
     * with MLA kernels (vLLM, SGLang, llama.cpp) cache in place of per-head keys and values.
     */
    public static long kvBytesPerToken(Architecture arch, KvCacheDtype dtype) {
        return Math.multiplyExact(Math.multiplyExact((long) arch.layers(), arch.kvValuesPerLayer()), dtype.bytes());
    }

    private String minimumProfile(long total) {
        return catalog.smallestFitting(total).map(HardwareProfile::id).orElse(null);
    }

    /** The stored precision, then the smaller precisions the weights could be converted to. */
    private List<Variant> variants(List<ModelShape> models, EstimateSettings settings, long storedWeights) {
        List<Variant> variants = new ArrayList<>();
        variants.add(variant(models, settings, storedPrecisionName(models), null, storedWeights, storedWeights));
        long parameters = models.stream().mapToLong(ModelShape::totalParameters).reduce(0, Math::addExact);
        for (WeightPrecision precision : List.of(WeightPrecision.BF16, WeightPrecision.INT8, WeightPrecision.INT4)) {
            long bytes = precision.bytesFor(parameters);
            if (bytes < storedWeights && variants.stream().noneMatch(v -> v.precision().equals(precision.id()))) {
                variants.add(variant(models, settings, precision.id(), precision, bytes, storedWeights));
            }
        }
        return variants;
    }

    /** Weights at {@code weights} bytes in all, each model's share in proportion to its stored bytes. */
    private Variant variant(List<ModelShape> models, EstimateSettings settings, String name, WeightPrecision whatIf,
                            long weights, long storedWeights) {
        long total = Math.addExact(weights, baselines(models, settings));
        for (ModelShape model : models) {
            long held = storedWeights == 0 || whatIf == null ? model.weightsBytes()
                    : java.math.BigInteger.valueOf(model.weightsBytes()).multiply(java.math.BigInteger.valueOf(weights))
                    .divide(java.math.BigInteger.valueOf(storedWeights)).longValueExact();
            InferenceRuntime.Memory memory = InferenceRuntime.of(model, settings).memory(model, held,
                    model.weightsBytes(), whatIf, context(model, settings), settings);
            long kv = model.isEncoder() || !hasKv(model, settings) ? 0 : memory.kvCacheBytes();
            total = Math.addExact(total, Math.addExact(Math.addExact(kv, memory.activationsBytes()),
                    memory.runtimeBytes()));
        }
        return new Variant(name, whatIf == null, weights, total, minimumProfile(total));
    }

    private static boolean hasKv(ModelShape model, EstimateSettings settings) {
        return model.architecture() != null && model.architecture().hasAttentionShape()
                && context(model, settings) != null;
    }

    /** Descriptor name of the dtype most parameters are stored in ({@code bf16}, {@code fp32}, {@code mixed}). */
    private static String storedPrecisionName(List<ModelShape> models) {
        List<String> dtypes = models.stream().map(ModelShape::storedDtype).distinct().toList();
        if (dtypes.size() != 1 || dtypes.get(0) == null) {
            return dtypes.isEmpty() ? "none" : "mixed";
        }
        return STORED_NAMES.getOrDefault(dtypes.get(0), dtypes.get(0).toLowerCase(Locale.ROOT));
    }

    private static final Map<String, String> STORED_NAMES = Map.of("F32", "fp32", "F16", "fp16", "BF16", "bf16",
            "F64", "fp64", "I8", "int8", "U8", "uint8");
}
