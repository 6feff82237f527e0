package dev.openaccess.core.estimate;

import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.descriptor.Assumptions;
import dev.openaccess.core.descriptor.Inference;
import dev.openaccess.core.descriptor.ProfileFit;
import dev.openaccess.core.descriptor.Requirements;
import dev.openaccess.core.descriptor.Variant;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Memory to run inference with an artifact's models, on the ladder.
 *
 * <p>Total = weights (exact bytes) + KV cache + overhead, where the KV cache per token is
 * {@code 2 (K and V) × layers × kvHeads × headDim × bytes(kvCacheDtype)} per decoder model, held for the assumed
 * context (capped at a sliding window) and batch; encoders keep no KV cache. The overhead covers the runtime
 * (CUDA context or CPU runtime, compute buffers) and activations: {@value #RUNTIME_OVERHEAD_MIB} MiB plus
 * {@value #OVERHEAD_PERCENT}% of weights and KV cache, a first rule of thumb to be calibrated against measured runs.
 */
public final class InferenceEstimator {

    static final int RUNTIME_OVERHEAD_MIB = 256;
    static final int OVERHEAD_PERCENT = 10;
    static final String OVERHEAD_RULE = RUNTIME_OVERHEAD_MIB + " MiB runtime + " + OVERHEAD_PERCENT
            + "% of weights and KV cache for activations and allocator slack (uncalibrated first estimate)";

    private final HardwareCatalog catalog;

    public InferenceEstimator(HardwareCatalog catalog) {
        this.catalog = catalog;
    }

    /** What the estimate needs to know of one model. */
    public record ModelShape(String path, long totalParameters, long activeParameters, long weightsBytes,
                             String storedDtype, Architecture architecture) {
    }

    /**
     * Estimates the requirements of running all {@code models} together.
     *
     * @param contextLength tokens per sequence, or null for each model's own context
     * @param batchSize     sequences at once, at least 1
     */
    public Requirements estimate(List<ModelShape> models, Integer contextLength, int batchSize, KvCacheDtype kvDtype) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
        if (contextLength != null && contextLength < 1) {
            throw new IllegalArgumentException("context length must be at least 1, not " + contextLength);
        }
        List<String> notes = new ArrayList<>();
        long weights = 0;
        long kvPerToken = 0;
        long kvTotal = 0;
        boolean anyKv = false;
        boolean anyDecoder = false;
        double bytesReadPerStep = 0; // one decode step: every active decoder weight and every cached K/V entry
        Integer assumedContext = contextLength;
        for (ModelShape model : models) {
            weights = Math.addExact(weights, model.weightsBytes());
            Architecture arch = model.architecture();
            if (arch != null && arch.isEncoder()) {
                notes.add(model.path() + ": encoder model: no KV cache; its activations for one batch are part of"
                        + " the overhead");
                continue;
            }
            anyDecoder = true;
            bytesReadPerStep += activeWeightsBytes(model);
            KvCache cache = kvCache(model, contextLength, batchSize, kvDtype, notes);
            if (cache != null) {
                anyKv = true;
                kvPerToken = Math.addExact(kvPerToken, cache.bytesPerToken());
                kvTotal = Math.addExact(kvTotal, cache.bytes());
                bytesReadPerStep += cache.bytes();
                if (contextLength == null) {
                    assumedContext = assumedContext == null ? cache.context() : Math.max(assumedContext, cache.context());
                }
            }
        }
        long overhead = overhead(weights, kvTotal);
        long total = Math.addExact(Math.addExact(weights, kvTotal), overhead);
        String minimum = catalog.smallestFitting(total).map(HardwareProfile::id).orElse(null);
        Inference inference = new Inference(weights, anyKv ? kvPerToken : null, kvTotal, overhead, total, minimum,
                variants(models, weights, kvTotal));
        List<ProfileFit> fits = new ArrayList<>();
        for (HardwareProfile profile : catalog.profiles()) {
            boolean fit = HardwareCatalog.fits(total, profile);
            // Each step yields one token per sequence, so this bound is per sequence at the assumed batch.
            Double decode = fit && anyDecoder && bytesReadPerStep > 0
                    ? round1(profile.bandwidthBytesPerSecond() / bytesReadPerStep) : null;
            fits.add(new ProfileFit(profile.id(), fit, decode));
        }
        Assumptions assumptions = new Assumptions(assumedContext, batchSize, kvDtype.name(), OVERHEAD_RULE,
                HardwareCatalog.FIT_FRACTION, notes);
        return new Requirements(assumptions, inference, fits);
    }

    /** One decoder's KV cache at the assumed context and batch. */
    private record KvCache(long bytesPerToken, long bytes, int context) {
    }

    /** The model's KV cache, or null (with a note saying why) when its shape or context is unknown. */
    private static KvCache kvCache(ModelShape model, Integer contextLength, int batchSize, KvCacheDtype kvDtype,
                                   List<String> notes) {
        Architecture arch = model.architecture();
        if (arch == null || !arch.hasAttentionShape()) {
            notes.add(model.path() + ": attention shape unknown (no config.json beside the weights): KV cache"
                    + " not included");
            return null;
        }
        Integer context = contextLength != null ? contextLength : arch.contextLength();
        if (context == null) {
            notes.add(model.path() + ": no context length declared or configured: KV cache not included");
            return null;
        }
        long perToken = kvBytesPerToken(arch, kvDtype);
        long cachedTokens = arch.slidingWindow() != null ? Math.min(context, arch.slidingWindow()) : context;
        if (cachedTokens < context) {
            notes.add(model.path() + ": sliding-window attention: KV cache holds " + cachedTokens
                    + " of " + context + " tokens");
        }
        return new KvCache(perToken, Math.multiplyExact(Math.multiplyExact(perToken, cachedTokens), batchSize), context);
    }

    /** Weight bytes one token reads: all of a dense model, the active share of a mixture of experts. */
    private static double activeWeightsBytes(ModelShape model) {
        double activeShare = model.totalParameters() == 0 ? 1
                : (double) model.activeParameters() / model.totalParameters();
        return model.weightsBytes() * activeShare;
    }

    /** {@code 2 × layers × kvHeads × headDim × bytes}: one key and one value vector per layer and KV head. */
    public static long kvBytesPerToken(Architecture arch, KvCacheDtype dtype) {
        return Math.multiplyExact(Math.multiplyExact(2L * arch.layers() * arch.kvHeads(), (long) arch.headDim()),
                dtype.bytes());
    }

    static long overhead(long weights, long kvCache) {
        long share = Math.addExact(weights, kvCache) / 100 * OVERHEAD_PERCENT;
        return Math.addExact(RUNTIME_OVERHEAD_MIB * 1024L * 1024L, share);
    }

    /** The stored precision, then the smaller precisions the weights could be converted to. */
    private List<Variant> variants(List<ModelShape> models, long storedWeights, long kvCache) {
        List<Variant> variants = new ArrayList<>();
        variants.add(variant(storedPrecisionName(models), true, storedWeights, kvCache));
        long parameters = models.stream().mapToLong(ModelShape::totalParameters).sum();
        for (WeightPrecision precision : List.of(WeightPrecision.BF16, WeightPrecision.INT8, WeightPrecision.INT4)) {
            long bytes = precision.bytesFor(parameters);
            if (bytes < storedWeights && variants.stream().noneMatch(v -> v.precision().equals(precision.id()))) {
                variants.add(variant(precision.id(), false, bytes, kvCache));
            }
        }
        return variants;
    }

    private Variant variant(String precision, boolean stored, long weights, long kvCache) {
        long total = Math.addExact(Math.addExact(weights, kvCache), overhead(weights, kvCache));
        return new Variant(precision, stored, weights, total,
                catalog.smallestFitting(total).map(HardwareProfile::id).orElse(null));
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

    private static double round1(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_EVEN).doubleValue();
    }
}
