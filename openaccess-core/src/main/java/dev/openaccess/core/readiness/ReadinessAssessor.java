package dev.openaccess.core.readiness;

import dev.openaccess.core.descriptor.Access;
import dev.openaccess.core.descriptor.Assumptions.TrainingAssumptions;
import dev.openaccess.core.descriptor.FineTuningMethod;
import dev.openaccess.core.descriptor.FineTuningNeed;
import dev.openaccess.core.descriptor.Inference;
import dev.openaccess.core.descriptor.ModelEntry;
import dev.openaccess.core.descriptor.Openness;
import dev.openaccess.core.descriptor.Readiness.Persona;
import dev.openaccess.core.descriptor.Readiness.Personas;
import dev.openaccess.core.descriptor.Readiness;
import dev.openaccess.core.descriptor.Requirements;
import dev.openaccess.core.descriptor.Tier;
import dev.openaccess.core.descriptor.Training;
import dev.openaccess.core.descriptor.Variant;
import dev.openaccess.core.estimate.Bytes;
import dev.openaccess.core.estimate.FineTuningEstimator;
import dev.openaccess.core.estimate.FineTuningEstimator.ReferenceRun;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.HardwareProfile;
import dev.openaccess.core.estimate.RequirementsEstimator;
import dev.openaccess.core.estimate.TrainingEstimator;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The verdict on the hardware half of access: the smallest rung that runs inference, what each persona can do
 * (run, fine-tune, retrain), and what stands in the way, in plain words.
 *
 * <p>Personas own hardware up to a rung: an individual a laptop or one consumer GPU, a lab one datacenter GPU,
 * an enterprise a multi-GPU node.
 */
public final class ReadinessAssessor {

    private static final Set<Tier> INDIVIDUAL = EnumSet.of(Tier.LAPTOP, Tier.SINGLE_CONSUMER_GPU);
    private static final Set<Tier> LAB = EnumSet.of(Tier.LAPTOP, Tier.SINGLE_CONSUMER_GPU, Tier.SINGLE_DATACENTER_GPU);
    private static final Set<Tier> ENTERPRISE = EnumSet.of(Tier.LAPTOP, Tier.SINGLE_CONSUMER_GPU,
            Tier.SINGLE_DATACENTER_GPU, Tier.MULTI_GPU_NODE);

    private final HardwareCatalog catalog;

    public ReadinessAssessor(HardwareCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The verdict on hardware and openness together: the blockers of {@link #assess(Requirements)} and those of the
     * openness and access channels.
     */
    public Readiness assess(Requirements requirements, Openness openness, Access access) {
        Readiness hardware = assess(requirements);
        List<String> blockers = new ArrayList<>(hardware.blockers());
        blockers.addAll(new OpennessBlockers().blockers(openness, access, hardware.tier(),
                requirements.inference().minimumProfile()));
        return new Readiness(hardware.tier(), hardware.personas(), blockers);
    }

    /**
     * The verdict on hardware, openness and loading together: {@link #assess(Requirements, Openness, Access)} and
     * a blocker for each model whose loading executes code.
     */
    public Readiness assess(Requirements requirements, List<ModelEntry> models, Openness openness, Access access) {
        return withLoading(assess(requirements, openness, access), models);
    }

    /** The verdict on the hardware half and on loading the models. */
    public Readiness assess(Requirements requirements, List<ModelEntry> models) {
        return withLoading(assess(requirements), models);
    }

    private static Readiness withLoading(Readiness readiness, List<ModelEntry> models) {
        List<String> loading = new LoadingBlockers().blockers(models);
        if (loading.isEmpty()) {
            return readiness;
        }
        List<String> blockers = new ArrayList<>(loading); // first: it matters before any hardware does
        blockers.addAll(readiness.blockers());
        return new Readiness(readiness.tier(), readiness.personas(), blockers);
    }

    /** The verdict on the hardware half. */
    public Readiness assess(Requirements requirements) {
        Tier tier = tierOf(requirements.inference().minimumProfile());
        Personas personas = new Personas(persona(requirements, INDIVIDUAL), persona(requirements, LAB),
                persona(requirements, ENTERPRISE));
        List<String> blockers = new ArrayList<>(inferenceBlockers(requirements.inference(), tier));
        blockers.addAll(fineTuningBlockers(requirements));
        blockers.addAll(trainingBlockers(requirements, personas.enterprise().canRetrain()));
        return new Readiness(tier, personas, blockers);
    }

    private Tier tierOf(String profileId) {
        return Optional.ofNullable(profileId).flatMap(catalog::profile).map(HardwareProfile::tier).orElse(Tier.CLUSTER);
    }

    private Persona persona(Requirements requirements, Set<Tier> owned) {
        Optional<HardwareProfile> runs = smallestOwned(owned, requirements.inference().totalBytes(), false);
        FineTuningMethod method = null;
        String tuningProfile = null;
        for (Map.Entry<FineTuningMethod, FineTuningNeed> entry : RequirementsEstimator.methods(requirements.fineTuning())
                .entrySet()) {
            Optional<ReferenceRun> run = ReferenceRun.of(requirements.assumptions());
            Optional<HardwareProfile> fits = catalog.profiles().stream()
                    .filter(profile -> owned.contains(profile.tier()))
                    .filter(profile -> FineTuningEstimator.fits(entry.getValue(), profile, run))
                    .findFirst();
            if (fits.isPresent()) {
                method = entry.getKey();
                tuningProfile = fits.get().id();
                break;
            }
        }
        return new Persona(runs.isPresent(), runs.map(HardwareProfile::id).orElse(null), method != null, method,
                tuningProfile, canRetrain(requirements, owned));
    }

    /**
     * A replica fits one of the persona's GPU profiles and the run ends there within the assumed days: for the
     * declared training tokens, or the compute-optimal count when none is declared.
     */
    private boolean canRetrain(Requirements requirements, Set<Tier> owned) {
        Training training = requirements.training();
        TrainingAssumptions assumed = requirements.assumptions().training();
        long tokens = training.tokens() != null ? training.tokens()
                : Math.multiplyExact(training.flopsPerToken() / 6, (long) assumed.tokensPerParameterIfUndeclared());
        return catalog.profiles().stream()
                .filter(profile -> owned.contains(profile.tier()))
                .filter(profile -> HardwareCatalog.fitsTraining(training.totalBytes(), profile))
                .anyMatch(profile -> TrainingEstimator.days(training.flopsPerToken(), tokens, profile,
                        assumed.utilization()).map(days -> days <= assumed.maxDays()).orElse(false));
    }

    /** The smallest of the persona's profiles that holds {@code bytes}; for training work, one with a GPU. */
    private Optional<HardwareProfile> smallestOwned(Set<Tier> owned, long bytes, boolean training) {
        return catalog.profiles().stream()
                .filter(profile -> owned.contains(profile.tier()))
                .filter(profile -> training ? HardwareCatalog.fitsTraining(bytes, profile)
                        : HardwareCatalog.fits(bytes, profile))
                .findFirst();
    }

    private List<String> inferenceBlockers(Inference inference, Tier tier) {
        List<String> blockers = new ArrayList<>();
        if (tier.compareTo(Tier.SINGLE_CONSUMER_GPU) <= 0) {
            return blockers;
        }
        Variant stored = inference.variants().stream().filter(Variant::stored).findFirst().orElseThrow();
        String needs = stored.precision() + " inference needs " + Bytes.human(inference.totalBytes()) + " ("
                + Bytes.human(inference.weightsBytes()) + " weights, " + Bytes.human(inference.kvCacheBytes())
                + " KV cache, " + Bytes.human(inference.overheadBytes()) + " activations and runtime)";
        largestOf(INDIVIDUAL).ifPresent(consumer -> blockers.add(
                needs + "; the largest consumer hardware in the catalog, " + consumer.id() + ", offers "
                        + Bytes.human(HardwareCatalog.usableBytes(consumer)) + " usable"));
        if (tier.compareTo(Tier.SINGLE_DATACENTER_GPU) > 0) {
            // Only when it is so: weights that fit the GPU (the KV cache or overhead tipping the total) are no blocker.
            catalog.largestSingleGpu().filter(gpu -> inference.weightsBytes() > gpu.memoryBytes())
                    .ifPresent(gpu -> blockers.add(stored.precision() + " weights alone need "
                            + Bytes.human(inference.weightsBytes()) + "; the largest single GPU in the catalog ("
                            + gpu.id() + ") has " + Bytes.human(gpu.memoryBytes())));
        }
        if (tier == Tier.MULTI_GPU_NODE) {
            blockers.add("inference needs a multi-GPU node (" + inference.minimumProfile()
                    + "): beyond an individual or a lab with one GPU");
        }
        if (tier == Tier.CLUSTER) {
            blockers.add("inference needs more than any profile in the catalog offers" + largestUsable()
                    + ": a cluster");
        }
        inference.variants().stream()
                .filter(variant -> !variant.stored() && variant.minimumProfile() != null)
                .filter(variant -> tierOf(variant.minimumProfile()).compareTo(tier) < 0)
                .findFirst()
                .ifPresent(variant -> blockers.add("quantized to " + variant.precision() + ", the weights ("
                        + Bytes.human(variant.weightsBytes()) + "; " + Bytes.human(variant.totalBytes())
                        + " in all) would fit one " + variant.minimumProfile()));
        return blockers;
    }

    /**
     * Full fine-tuning beyond one consumer GPU is an obstacle; the cheaper methods that fit lower rungs say what is
     * still possible.
     */
    private List<String> fineTuningBlockers(Requirements requirements) {
        List<String> blockers = new ArrayList<>();
        FineTuningNeed full = requirements.fineTuning().full();
        Tier fullTier = tierOf(full.minimumProfile());
        if (fullTier.compareTo(Tier.SINGLE_CONSUMER_GPU) <= 0) {
            return blockers;
        }
        blockers.add("full fine-tuning needs " + Bytes.human(full.totalBytes()) + " ("
                + Bytes.human(Math.addExact(Math.addExact(full.weightsBytes(), full.gradientsBytes()),
                full.optimizerBytes())) + " for weights, gradients and Adam state at 16 bytes per parameter, "
                + Bytes.human(full.activationsBytes()) + " activations): " + where(full.minimumProfile(), fullTier));
        // The adapter methods that need less hardware than full fine-tuning say what remains possible.
        List<String> easier = new ArrayList<>();
        Tier cheapest = fullTier;
        FineTuningMethod cheapestMethod = FineTuningMethod.FULL;
        for (Map.Entry<FineTuningMethod, FineTuningNeed> method : RequirementsEstimator.methods(
                requirements.fineTuning())
                .entrySet()) {
            Tier needTier = tierOf(method.getValue().minimumProfile());
            if (needTier.compareTo(cheapest) < 0) {
                cheapest = needTier;
                cheapestMethod = method.getKey();
                easier.add("with " + method.getKey().displayName() + ", fine-tuning needs " + Bytes.human(method.getValue()
                        .totalBytes()) + " and would fit one " + method.getValue().minimumProfile());
            }
        }
        if (cheapest.compareTo(Tier.SINGLE_DATACENTER_GPU) <= 0) {
            blockers.addAll(easier);
        } else {
            FineTuningNeed least = RequirementsEstimator.methods(requirements.fineTuning()).get(cheapestMethod);
            blockers.add("no fine-tuning method fits one GPU; the least demanding, " + cheapestMethod.displayName()
                    + ", needs " + Bytes.human(least.totalBytes()) + ": " + where(least.minimumProfile(), cheapest));
        }
        return blockers;
    }

    private List<String> trainingBlockers(Requirements requirements, boolean enterpriseCanRetrain) {
        Training training = requirements.training();
        if (enterpriseCanRetrain || training.tokens() == null) {
            return List.of();
        }
        String compute = String.format(Locale.ROOT, "training from scratch on %,d tokens takes %.2e FLOPs",
                training.tokens(), training.flops().doubleValue());
        Optional<HardwareProfile> gpu = catalog.profiles().stream()
                .filter(profile -> training.gpuHours().containsKey(profile.id()) && profile.gpus() == 1)
                .reduce((a, b) -> b);
        if (gpu.isPresent()) {
            compute += String.format(Locale.ROOT, ", %,.0f GPU-hours on %s at %.0f%% utilisation",
                    training.gpuHours().get(gpu.get().id()), gpu.get().id(),
                    100 * requirements.assumptions().training().utilization());
        }
        Optional<String> fastest = training.wallClockDays() == null ? Optional.empty()
                : training.wallClockDays().entrySet().stream().min(Map.Entry.comparingByValue())
                .map(entry -> String.format(Locale.ROOT, "%,.0f days on one %s", entry.getValue(), entry.getKey()));
        String limit = fastest.map(days -> "; that is " + days + ", beyond the assumed "
                + requirements.assumptions().training().maxDays() + "-day budget")
                .orElse("; one replica (" + Bytes.human(training.totalBytes()) + ") does not fit one node: a cluster");
        return List.of(compute + limit);
    }

    private String where(String profileId, Tier tier) {
        return switch (tier) {
            case CLUSTER -> "more than any profile in the catalog offers" + largestUsable() + ": a cluster";
            case MULTI_GPU_NODE -> "a multi-GPU node (" + profileId + ")";
            default -> "one " + profileId;
        };
    }

    private String largestUsable() {
        return catalog.largest().map(p -> " (the largest, " + p.id() + ", has "
                + Bytes.human(HardwareCatalog.usableBytes(p)) + " usable)").orElse("");
    }

    private Optional<HardwareProfile> largestOf(Set<Tier> tiers) {
        return catalog.profiles().stream().filter(p -> tiers.contains(p.tier()))
                .reduce((a, b) -> b.memoryBytes() >= a.memoryBytes() ? b : a);
    }
}
