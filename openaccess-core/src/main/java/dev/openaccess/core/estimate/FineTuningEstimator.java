package dev.openaccess.core.estimate;

import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.descriptor.Assumptions;
import dev.openaccess.core.descriptor.FineTuning;
import dev.openaccess.core.descriptor.FineTuningNeed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Memory to fine-tune models by full fine-tuning, LoRA and QLoRA.
 *
 * <ul>
 *   <li>Full: mixed-precision Adam keeps a 16-bit copy of the weights (2 bytes per parameter), 16-bit gradients (2)
 *       and fp32 master weights with Adam's two moments (12): 16 bytes per parameter (Rajbhandari et al. 2020,
 *       "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models", §3.1).</li>
 *   <li>LoRA: the frozen base at its stored precision, plus adapters of {@code r × (in + out)} parameters on each
 *       target projection, trained in fp32 with Adam: 4 (weights) + 4 (gradients) + 8 (moments) bytes each.</li>
 *   <li>QLoRA: the frozen base in 4-bit NormalFloat with double quantization, 4.127 bits per parameter (Dettmers
 *       et al. 2023, "QLoRA: Efficient Finetuning of Quantized LLMs", §3), except the embedding tables, which
 *       bitsandbytes keeps in 16-bit; adapters as LoRA.</li>
 * </ul>
 * Each adds the activations of {@link ActivationMemory} and the framework's runtime of {@link RuntimeOverhead}.
 *
 * <p>A method fits a profile when its memory fits there (with that profile's framework figure: a CUDA context per
 * GPU, or PyTorch's CPU libraries) and the stated reference run, {@link ReferenceRun}, ends there within its hours:
 * a CPU profile fine-tunes small models, not large ones. The minimum profile is the smallest that fits.
 */
public final class FineTuningEstimator {

    static final int FULL_WEIGHT_BYTES = 2;
    static final int FULL_GRADIENT_BYTES = 2;
    static final int FULL_OPTIMIZER_BYTES = 12;
    static final int ADAPTER_WEIGHT_BYTES = 4;
    static final int ADAPTER_GRADIENT_BYTES = 4;
    static final int ADAPTER_OPTIMIZER_BYTES = 8;

    public static final List<String> RULES = List.of(
            "full: 16 bytes per parameter for mixed-precision Adam (16-bit weights and gradients, fp32 master weights"
                    + " and two moments; Rajbhandari et al. 2020, ZeRO, section 3.1) + activations + runtime",
            "lora: frozen base at its stored precision + r x (in + out) adapter parameters per target projection and"
                    + " layer (Hu et al. 2021) at 16 bytes each (fp32 weights, gradients, Adam moments) + activations"
                    + " + runtime",
            "qlora: frozen base in 4-bit NormalFloat with double quantization, 4.127 bits per parameter (Dettmers et"
                    + " al. 2023, section 3), embedding tables in 16-bit + adapters as lora + activations + runtime",
            "activations: per token and layer 11h (attention) + 3h + 4I (MLP; 2h + 6I gated) + 4h (norms) bytes in"
                    + " 16-bit, attention scores not kept (memory-efficient attention), after Korthikanti et al. 2022;"
                    + " with gradient checkpointing 2h per layer + one layer; decoders add 6 bytes per vocabulary"
                    + " entry and token for the logits",
            "runtime: " + RuntimeOverhead.TRAINING_RULE,
            "compute: FLOPs per trained token: full 6 x active parameters (2N forward, 4N backward: Kaplan et al."
                    + " 2020, section 2.1), lora and qlora 4N + 6 x adapter parameters (the frozen base gets no"
                    + " weight gradients: the backward pass's 2N for them falls away), + 2N with gradient"
                    + " checkpointing (one more forward pass: Chen et al. 2016); a method fits a profile when its"
                    + " memory fits and the reference run (referenceTokens) ends within maxHours at the profile's"
                    + " dense BF16 peak x training.utilization (GPUs) or its fp32 peak x cpuUtilization (CPUs)");

    /**
     * The run a method must finish on a profile to fit it: {@code tokens} in at most {@code maxHours}, a GPU
     * sustaining {@code gpuUtilization} of its BF16 peak and a CPU {@code cpuUtilization} of its fp32 peak.
     */
    public record ReferenceRun(long tokens, double maxHours, double gpuUtilization, double cpuUtilization) {

        public static ReferenceRun of(EstimateSettings settings) {
            return new ReferenceRun(settings.fineTuningReferenceTokens(), settings.fineTuningMaxHours(),
                    settings.trainingUtilization(), settings.cpuTrainingUtilization());
        }

        /** The run a descriptor's assumptions state; empty for a descriptor of an older openaccess that states none. */
        public static Optional<ReferenceRun> of(Assumptions assumptions) {
            if (assumptions == null || assumptions.fineTuning() == null
                    || assumptions.fineTuning().referenceTokens() == null || assumptions.fineTuning().maxHours() == null
                    || assumptions.fineTuning().cpuUtilization() == null || assumptions.training() == null) {
                return Optional.empty();
            }
            return Optional.of(new ReferenceRun(assumptions.fineTuning().referenceTokens(),
                    assumptions.fineTuning().maxHours(), assumptions.training().utilization(),
                    assumptions.fineTuning().cpuUtilization()));
        }

        /** Hours the run takes at {@code flopsPerToken} on {@code profile}; empty where it states no throughput. */
        public Optional<Double> hours(long flopsPerToken, HardwareProfile profile) {
            if (profile.computeFlopsPerSecond().isEmpty()) {
                return Optional.empty();
            }
            double sustained = profile.computeFlopsPerSecond().getAsDouble()
                    * (profile.gpus() > 0 ? gpuUtilization : cpuUtilization);
            return Optional.of((double) flopsPerToken * tokens / sustained / SECONDS_PER_HOUR);
        }
    }

    private static final double SECONDS_PER_HOUR = 3600;

    private final HardwareCatalog catalog;

    public FineTuningEstimator(HardwareCatalog catalog) {
        this.catalog = catalog;
    }

    /** The three methods for all {@code models} together; gaps in what the files declare are added to {@code notes}. */
    public FineTuning estimate(List<ModelShape> models, EstimateSettings settings, List<String> notes) {
        long parameters = 0;
        long storedWeights = 0;
        long adapters = 0;
        long quantizedBase = 0;
        long activations = 0;
        long active = 0;
        int sequenceLength = sequenceLength(models, settings);
        for (ModelShape model : models) {
            parameters = Math.addExact(parameters, model.totalParameters());
            active = Math.addExact(active, model.activeParameters());
            storedWeights = Math.addExact(storedWeights, model.weightsBytes());
            adapters = Math.addExact(adapters, adapterParameters(model, settings, notes));
            quantizedBase = Math.addExact(quantizedBase, qloraBaseBytes(model));
            activations = Math.addExact(activations, activations(model, sequenceLength, settings, notes));
        }
        long runtime = RuntimeOverhead.TRAINING_RUNTIME_BYTES;
        ReferenceRun run = ReferenceRun.of(settings);
        long recompute = settings.gradientCheckpointing() ? Math.multiplyExact(2L, active) : 0;
        FineTuningNeed full = need(parameters, Math.multiplyExact(parameters, FULL_WEIGHT_BYTES),
                Math.multiplyExact(parameters, FULL_GRADIENT_BYTES),
                Math.multiplyExact(parameters, FULL_OPTIMIZER_BYTES),
                activations, runtime, Math.addExact(Math.multiplyExact(6L, active), recompute), run);
        long adapterFlops = Math.addExact(Math.addExact(Math.multiplyExact(4L, active),
                Math.multiplyExact(6L, adapters)), recompute);
        return new FineTuning(full, adapterNeed(adapters, storedWeights, activations, runtime, adapterFlops, run),
                adapterNeed(adapters, quantizedBase, activations, runtime, adapterFlops, run));
    }

    private FineTuningNeed adapterNeed(long adapters, long frozenBase, long activations, long runtime,
                                       long flopsPerToken, ReferenceRun run) {
        return need(adapters, Math.addExact(frozenBase, Math.multiplyExact(adapters, ADAPTER_WEIGHT_BYTES)),
                Math.multiplyExact(adapters, ADAPTER_GRADIENT_BYTES),
                Math.multiplyExact(adapters, ADAPTER_OPTIMIZER_BYTES), activations, runtime, flopsPerToken, run);
    }

    private FineTuningNeed need(long trainable, long weights, long gradients, long optimizer, long activations,
                                long runtime, long flopsPerToken, ReferenceRun run) {
        long total = Math.addExact(Math.addExact(Math.addExact(weights, gradients), Math.addExact(optimizer,
                activations)), runtime);
        Map<String, Double> hours = new TreeMap<>();
        for (HardwareProfile profile : catalog.profiles()) {
            run.hours(flopsPerToken, profile).ifPresent(h -> hours.put(profile.id(), TrainingEstimator.significant(h)));
        }
        FineTuningNeed need = new FineTuningNeed(total, null, trainable, weights, gradients, optimizer, activations,
                runtime, flopsPerToken, hours);
        String minimum = catalog.profiles().stream().filter(profile -> fits(need, profile, Optional.of(run)))
                .map(HardwareProfile::id).findFirst().orElse(null);
        return new FineTuningNeed(total, minimum, trainable, weights, gradients, optimizer, activations, runtime,
                flopsPerToken, hours);
    }

    /**
     * Memory {@code need} takes on {@code profile}: its total with the profile's framework figure in place of the
     * one-GPU figure it states ({@link RuntimeOverhead#trainingFrameworkBytes}).
     */
    public static long bytesOn(FineTuningNeed need, HardwareProfile profile) {
        return Math.addExact(need.totalBytes() - need.overheadBytes(), RuntimeOverhead.trainingFrameworkBytes(profile));
    }

    /**
     * Whether {@code need} fits {@code profile}: its memory there fits, and the reference run ends within its hours.
     * Without a reference run or the method's FLOPs (a descriptor of an older openaccess), or on a GPU profile that
     * states no throughput, memory alone decides on GPUs and a CPU profile does not fit.
     */
    public static boolean fits(FineTuningNeed need, HardwareProfile profile, Optional<ReferenceRun> run) {
        if (!HardwareCatalog.fits(bytesOn(need, profile), profile)) {
            return false;
        }
        Optional<Double> hours = run.isEmpty() || need.flopsPerToken() == null ? Optional.empty()
                : run.get().hours(need.flopsPerToken(), profile);
        if (hours.isEmpty()) {
            return profile.gpus() > 0;
        }
        return hours.get() <= run.get().maxHours();
    }

    /**
     * Tokens per fine-tuning sequence for all models: the assumed length, capped at the longest context among them
     * (a model is not fine-tuned on sequences longer than it reads).
     */
    public static int sequenceLength(List<ModelShape> models, EstimateSettings settings) {
        int longest = 0;
        for (ModelShape model : models) {
            Integer context = model.architecture() == null ? null : model.architecture().contextLength();
            if (context == null) {
                return settings.fineTuningSequenceLength();
            }
            longest = Math.max(longest, context);
        }
        return models.isEmpty() ? settings.fineTuningSequenceLength()
                : Math.min(longest, settings.fineTuningSequenceLength());
    }

    static long activations(ModelShape model, int sequenceLength, EstimateSettings settings, List<String> notes) {
        long sequence = sequenceLength;
        Architecture arch = model.architecture();
        if (arch != null && arch.contextLength() != null && arch.contextLength() < sequence) {
            sequence = arch.contextLength();
            notes.add(model.path() + ": fine-tuned at its own context of " + sequence + " tokens");
        }
        if (arch != null && arch.hiddenSize() != null && arch.layers() != null && arch.intermediateSize() == null) {
            notes.add(model.path() + ": MLP width not declared: activations assume the common 4 x hidden size");
        }
        if (arch == null) {
            model.noteUnknownArchitecture(notes);
            return 0;
        }
        return ActivationMemory.training(arch, sequence, settings.fineTuningBatchSize(),
                settings.gradientCheckpointing()).orElseGet(() -> {
                    notes.add(model.path() + ": layer shape unknown (layers or hidden size missing): fine-tuning"
                            + " activations not included");
                    return 0L;
                });
    }

    /** Trainable adapter parameters: {@code rank × (in + out)} per target projection, per layer (and expert). */
    static long adapterParameters(ModelShape model, EstimateSettings settings, List<String> notes) {
        Architecture arch = model.architecture();
        if (arch == null) {
            model.noteUnknownArchitecture(notes);
            return 0;
        }
        if (arch.layers() == null) {
            notes.add(model.path() + ": layer count unknown: LoRA adapters not counted");
            return 0;
        }
        long perLayer = 0;
        for (LoraTarget target : settings.loraTargets()) {
            if (!target.presentIn(arch)) {
                notes.add(model.path() + ": LoRA target '" + target.id() + "' does not exist in a "
                        + (arch.family() == null ? "non-gated" : arch.family()) + " layer; skipped");
                continue;
            }
            long inPlusOut = target.inPlusOut(arch);
            if (inPlusOut < 0) {
                notes.add(model.path() + ": shape of LoRA target '" + target.id() + "' not declared; not counted");
                continue;
            }
            long copies = target.perExpert() && arch.experts() != null ? arch.experts() : 1;
            perLayer = Math.addExact(perLayer, Math.multiplyExact(Math.multiplyExact(inPlusOut, settings.loraRank()),
                    copies));
        }
        return Math.multiplyExact(perLayer, arch.allLayers()); // adapters go in the encoder's layers as well
    }

    /** The base quantized to NF4 with double quantization; the embedding tables stay 16-bit. */
    static long qloraBaseBytes(ModelShape model) {
        Architecture arch = model.architecture();
        long tables = 0;
        if (arch != null && arch.vocabSize() != null && arch.hiddenSize() != null) {
            // Decoders are assumed to have an untied output head as well: bitsandbytes keeps lm_head unquantized.
            tables = Math.min(model.totalParameters(),
                    Math.multiplyExact((long) arch.vocabSize() * arch.hiddenSize(), arch.isEncoder() ? 1 : 2));
        }
        return Math.addExact(Math.multiplyExact(tables, 2), nf4Bytes(model.totalParameters() - tables));
    }

    /**
     * NF4 with double quantization: 4 bits per weight, an 8-bit scale per block of 64 weights and an fp32 scale per
     * 256 blocks.
     */
    static long nf4Bytes(long parameters) {
        long blocks = ceilDiv(parameters, 64);
        return Math.addExact(Math.addExact(ceilDiv(parameters, 2), blocks), 4 * ceilDiv(blocks, 256));
    }

    private static long ceilDiv(long value, long divisor) {
        return -Math.floorDiv(-value, divisor);
    }
}
