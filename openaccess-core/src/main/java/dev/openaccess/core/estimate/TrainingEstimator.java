package dev.openaccess.core.estimate;

import dev.openaccess.core.descriptor.FineTuningNeed;
import dev.openaccess.core.descriptor.Training;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compute and memory to train models from scratch. A token costs about {@code 6 × N} FLOPs for {@code N} active
 * parameters, 2N forward and 4N backward (Kaplan et al. 2020, "Scaling Laws for Neural Language Models", §2.1);
 * a GPU sustains its dense BF16 peak times the assumed utilisation. Memory per replica is the full fine-tuning
 * recipe (the same optimizer and activations; data and pipeline parallelism change how it is spread, not what one
 * replica holds).
 */
public final class TrainingEstimator {

    public static final String RULE = "FLOPs = 6 x active parameters x tokens (Kaplan et al. 2020, section 2.1);"
            + " GPU-hours = FLOPs / (one GPU's dense BF16 peak x utilisation) / 3600; memory per replica as full"
            + " fine-tuning";
    /**
     * Tokens per parameter assumed when the producer declares none, to judge whether a persona could retrain: the
     * compute-optimal ratio of Hoffmann et al. 2022 ("Training Compute-Optimal Large Language Models", Chinchilla).
     */
    public static final int COMPUTE_OPTIMAL_TOKENS_PER_PARAMETER = 20;
    private static final MathContext FIGURES = new MathContext(4);
    private static final double SECONDS_PER_HOUR = 3600;
    private static final double SECONDS_PER_DAY = 86_400;

    private final HardwareCatalog catalog;

    public TrainingEstimator(HardwareCatalog catalog) {
        this.catalog = catalog;
    }

    public Training estimate(List<ModelShape> models, EstimateSettings settings, FineTuningNeed replica) {
        long active = models.stream().mapToLong(ModelShape::activeParameters).reduce(0, Math::addExact);
        long flopsPerToken = Math.multiplyExact(6L, active);
        Long tokens = settings.trainingTokens();
        // Training from scratch is judged on GPUs: the fine-tuning replica's own minimum may be a CPU profile.
        String minimum = catalog.smallestFittingGpu(replica.totalBytes()).map(HardwareProfile::id).orElse(null);
        if (tokens == null) {
            return new Training(flopsPerToken, null, null, null, null, replica.totalBytes(), minimum, null, null);
        }
        BigInteger flops = BigInteger.valueOf(flopsPerToken).multiply(BigInteger.valueOf(tokens));
        // A double carries the product to 16 digits, far finer than the utilisation is known.
        Map<String, Double> gpuHours = new TreeMap<>();
        Map<String, Double> days = new TreeMap<>();
        for (HardwareProfile profile : catalog.profiles()) {
            if (profile.denseBf16FlopsPerSecond() == null || profile.gpus() == 0) {
                continue; // a CPU profile: its peak is not declared, and nobody trains on it
            }
            double profileDays = days(flopsPerToken, tokens, profile, settings.trainingUtilization()).orElseThrow();
            gpuHours.put(profile.id(), significant(profileDays * SECONDS_PER_DAY * profile.gpus() / SECONDS_PER_HOUR));
            if (HardwareCatalog.fitsTraining(replica.totalBytes(), profile)) {
                days.put(profile.id(), significant(profileDays));
            }
        }
        return new Training(flopsPerToken, tokens, flops, gpuHours, days.isEmpty() ? null : days,
                replica.totalBytes(), minimum, null, null);
    }

    /**
     * Days a run of {@code tokens} takes on {@code profile} at {@code utilization}, or empty for a profile without
     * a GPU or a BF16 figure.
     */
    public static Optional<Double> days(long flopsPerToken, long tokens, HardwareProfile profile,
                                                  double utilization) {
        if (profile.gpus() == 0 || profile.denseBf16FlopsPerSecond() == null) {
            return Optional.empty();
        }
        double flops = (double) flopsPerToken * tokens;
        return Optional.of(flops / (profile.denseBf16FlopsPerSecond() * utilization) / SECONDS_PER_DAY);
    }

    /** Four significant figures: the utilisation is known to one. */
    static double significant(double value) {
        return new BigDecimal(value).round(FIGURES).doubleValue();
    }
}
