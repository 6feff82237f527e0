package dev.openaccess.core.estimate;

import dev.openaccess.core.descriptor.Assumptions.FineTuningAssumptions;
import dev.openaccess.core.descriptor.Assumptions.TrainingAssumptions;
import dev.openaccess.core.descriptor.Assumptions;
import dev.openaccess.core.descriptor.FineTuning;
import dev.openaccess.core.descriptor.FineTuningMethod;
import dev.openaccess.core.descriptor.FineTuningNeed;
import dev.openaccess.core.descriptor.ModelRequirements;
import dev.openaccess.core.descriptor.ProfileFit;
import dev.openaccess.core.descriptor.Requirements;
import dev.openaccess.core.descriptor.Training;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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
            // Each step yields one token per sequence, so this bound is per sequence at the assumed batch.
            Double decode = fitsInference && together.generates() && together.bytesReadPerStep() > 0
                    ? round1(profile.bandwidthBytesPerSecond() / together.bytesReadPerStep()) : null;
            List<FineTuningMethod> methods = fittingMethods(tuning, profile);
            fits.add(new ProfileFit(profile.id(), fitsInference, !methods.isEmpty(), methods,
                    HardwareCatalog.fitsTraining(train.totalBytes(), profile), decode));
        }
        Assumptions assumptions = new Assumptions(together.contextLength(), settings.batchSize(),
                settings.kvCacheDtype().name(), RuntimeOverhead.INFERENCE_RULE, HardwareCatalog.FIT_FRACTION,
                catalog.version(),
                new FineTuningAssumptions(FineTuningEstimator.sequenceLength(models, settings),
                        settings.fineTuningBatchSize(),
                        settings.gradientCheckpointing(), settings.loraRank(),
                        settings.loraTargets().stream().map(LoraTarget::id).toList(), FineTuningEstimator.RULES),
                new TrainingAssumptions(settings.trainingUtilization(), settings.maxTrainingDays(),
                        TrainingEstimator.COMPUTE_OPTIMAL_TOKENS_PER_PARAMETER, TrainingEstimator.RULE),
                notes.stream().distinct().toList());
        return new Requirements(assumptions, together.inference(), perModel, tuning, train, fits);
    }

    /** The fine-tuning methods, most capable first. */
    public static Map<FineTuningMethod, FineTuningNeed> methods(FineTuning tuning) {
        Map<FineTuningMethod, FineTuningNeed> methods = new EnumMap<>(FineTuningMethod.class);
        methods.put(FineTuningMethod.FULL, tuning.full());
        methods.put(FineTuningMethod.LORA, tuning.lora());
        methods.put(FineTuningMethod.QLORA, tuning.qlora());
        return methods;
    }

    private static List<FineTuningMethod> fittingMethods(FineTuning tuning, HardwareProfile profile) {
        return methods(tuning).entrySet().stream()
                .filter(method -> HardwareCatalog.fitsTraining(method.getValue().totalBytes(), profile))
                .map(Map.Entry::getKey).toList();
    }

    private static double round1(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_EVEN).doubleValue();
    }
}
