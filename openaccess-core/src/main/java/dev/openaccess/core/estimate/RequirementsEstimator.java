package dev.openaccess.core.estimate;

import dev.openaccess.core.descriptor.Assumptions.FineTuningAssumptions;
import dev.openaccess.core.descriptor.Assumptions.TrainingAssumptions;
import dev.openaccess.core.descriptor.Assumptions;
import dev.openaccess.core.descriptor.DecodeBound;
import dev.openaccess.core.descriptor.FineTuning;
import dev.openaccess.core.descriptor.FineTuningMethod;
import dev.openaccess.core.descriptor.FineTuningNeed;
import dev.openaccess.core.descriptor.ModelRequirements;
import dev.openaccess.core.descriptor.ProfileFit;
import dev.openaccess.core.descriptor.Requirements;
import dev.openaccess.core.descriptor.Training;
import dev.openaccess.core.estimate.FineTuningEstimator.ReferenceRun;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * All hardware requirements of an artifact: inference (of all its models together and of each alone), fine-tuning,
 * training, and how each profile of the catalog fares.
 */
public final class RequirementsEstimator {

    private final HardwareCatalog catalog;
    private final InferenceEstimator inference;
    private final FineTuningEstimator fineTuning;
    private final TrainingEstimator training;

    public RequirementsEstimator(HardwareCatalog catalog) {
        this.catalog = catalog;
        this.inference = new InferenceEstimator(catalog);
        this.fineTuning = new FineTuningEstimator(catalog);
        this.training = new TrainingEstimator(catalog);
    }

    public Requirements estimate(List<ModelShape> models, EstimateSettings settings) {
        List<String> notes = new ArrayList<>();
        InferenceEstimator.Estimate together = inference.estimate(models, settings, notes);
        List<ModelRequirements> perModel = new ArrayList<>();
        for (ModelShape model : models) {
            // Each model alone: the notes were taken for all of them together, above.
            perModel.add(new ModelRequirements(model.path(),
                    inference.estimate(List.of(model), settings, new ArrayList<>()).inference()));
        }
        FineTuning tuning = fineTuning.estimate(models, settings, notes);
        Training train = training.estimate(models, settings, tuning.full());
        List<ProfileFit> fits = new ArrayList<>();
        for (HardwareProfile profile : catalog.profiles()) {
            boolean fitsInference = HardwareCatalog.fits(together.inference().totalBytes(), profile);
            Decode decode = fitsInference ? decode(together, profile) : null;
            List<FineTuningMethod> methods = fittingMethods(tuning, profile, Optional.of(ReferenceRun.of(settings)));
            fits.add(new ProfileFit(profile.id(), fitsInference, !methods.isEmpty(), methods,
                    HardwareCatalog.fitsTraining(train.totalBytes(), profile),
                    decode == null ? null : decode.tokensPerSecond(), decode == null ? null : decode.bound()));
        }
        Assumptions assumptions = new Assumptions(together.contextLength(), settings.batchSize(),
                settings.kvCacheDtype().name(), runtimeRule(models, settings), HardwareCatalog.FIT_FRACTION,
                catalog.version(),
                new FineTuningAssumptions(FineTuningEstimator.sequenceLength(models, settings),
                        settings.fineTuningBatchSize(),
                        settings.gradientCheckpointing(), settings.loraRank(),
                        settings.loraTargets().stream().map(LoraTarget::id).toList(), FineTuningEstimator.RULES,
                        settings.fineTuningReferenceTokens(), settings.fineTuningMaxHours(),
                        settings.cpuTrainingUtilization()),
                new TrainingAssumptions(settings.trainingUtilization(), settings.maxTrainingDays(),
                        TrainingEstimator.COMPUTE_OPTIMAL_TOKENS_PER_PARAMETER, TrainingEstimator.RULE),
                notes.stream().distinct().toList(), runtimeNames(models, settings),
                InferenceRuntime.used(models, settings).contains(LlamaCppRuntime.INSTANCE)
                        ? settings.cpuWeightRepack() : null, together.generates() ? DecodeStep.RULE : null);
        return new Requirements(assumptions, together.inference(), perModel, tuning, train, fits);
    }

    /** The runtimes the models are estimated for: the configured one, else each format's usual one. */
    private static List<InferenceRuntime> runtimes(List<ModelShape> models, EstimateSettings settings) {
        List<InferenceRuntime> used = InferenceRuntime.used(models, settings);
        return used.isEmpty() ? List.of(InferenceRuntime.ofNoModel(settings)) : used;
    }

    static String runtimeNames(List<ModelShape> models, EstimateSettings settings) {
        return String.join(", ", runtimes(models, settings).stream().map(InferenceRuntime::id).toList());
    }

    static String runtimeRule(List<ModelShape> models, EstimateSettings settings) {
        return String.join("; ", runtimes(models, settings).stream().map(r -> r.rule(settings)).toList());
    }

    /** The fine-tuning methods, most capable first. */
    public static Map<FineTuningMethod, FineTuningNeed> methods(FineTuning tuning) {
        Map<FineTuningMethod, FineTuningNeed> methods = new EnumMap<>(FineTuningMethod.class);
        methods.put(FineTuningMethod.FULL, tuning.full());
        methods.put(FineTuningMethod.LORA, tuning.lora());
        methods.put(FineTuningMethod.QLORA, tuning.qlora());
        return methods;
    }

    /** The methods that fit {@code profile} (memory and the reference run: {@link FineTuningEstimator#fits}). */
    public static List<FineTuningMethod> fittingMethods(FineTuning tuning, HardwareProfile profile,
                                                        Optional<ReferenceRun> run) {
        return methods(tuning).entrySet().stream()
                .filter(method -> FineTuningEstimator.fits(method.getValue(), profile, run))
                .map(Map.Entry::getKey).toList();
    }

    /** A decode-speed bound per sequence and which bound it is. */
    record Decode(double tokensPerSecond, DecodeBound bound) {
    }

    /**
     * The lowest of the bandwidth bound (bandwidth / bytes one step reads), the compute bound (the profile's
     * throughput / FLOPs one step computes) and the dispatch bound (1 / the least time of the step's graph nodes,
     * {@link DecodeStep}); each step yields one token per sequence, so all are per sequence at the assumed batch. The
     * compute bound is left out where the profile states no throughput, the dispatch bound where no layer count is
     * known.
     */
    static Decode decode(InferenceEstimator.Estimate estimate, HardwareProfile profile) {
        if (!estimate.generates() || estimate.bytesReadPerStep() <= 0) {
            return null;
        }
        Decode lowest = new Decode(profile.bandwidthBytesPerSecond() / estimate.bytesReadPerStep(),
                DecodeBound.BANDWIDTH);
        OptionalDouble flops = profile.computeFlopsPerSecond();
        if (flops.isPresent() && estimate.flopsPerStep() > 0) {
            lowest = lower(lowest, new Decode(flops.getAsDouble() / estimate.flopsPerStep(), DecodeBound.COMPUTE));
        }
        if (estimate.graphNodesPerStep() > 0) {
            lowest = lower(lowest, new Decode(1 / DecodeStep.leastSeconds(estimate.graphNodesPerStep()),
                    DecodeBound.DISPATCH));
        }
        return new Decode(round1(lowest.tokensPerSecond()), lowest.bound());
    }

    private static Decode lower(Decode a, Decode b) {
        return b.tokensPerSecond() < a.tokensPerSecond() ? b : a;
    }

    private static double round1(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_EVEN).doubleValue();
    }
}
