package dev.openaccess.core.estimate;

import java.util.List;
import java.util.Objects;

/**
 * What the user assumes about how the artifact will be used; every estimate states these in the descriptor.
 *
 * @param contextLength             inference tokens per sequence, or null for each model's own context
 * @param batchSize                 inference sequences at once
 * @param kvCacheDtype              data type of the inference KV cache
 * @param fineTuningSequenceLength  tokens per fine-tuning sequence (capped at a model's own context)
 * @param fineTuningBatchSize       fine-tuning sequences per step on one device
 * @param gradientCheckpointing     whether fine-tuning recomputes activations instead of keeping them
 * @param loraRank                  rank of LoRA/QLoRA adapters
 * @param loraTargets               projections that get adapters
 * @param trainingTokens            tokens the producer trained on, or null when not declared
 * @param trainingUtilization       share of the GPUs' dense BF16 peak a training run sustains
 * @param maxTrainingDays           the longest training run a persona is assumed to afford
 * @param runtime                   the inference runtime whose memory is modelled, or null for each model's
 *                                  format's usual one (llama.cpp for GGUF, ONNX Runtime for ONNX, else transformers)
 * @param cpuWeightRepack           whether llama.cpp repacks matrices for the CPU (its default), holding them twice
 * @param fineTuningReferenceTokens tokens of the reference fine-tuning run (one epoch) a profile must finish in time
 * @param fineTuningMaxHours        the longest the reference run may take for a method to fit a profile
 * @param cpuTrainingUtilization    share of a CPU profile's fp32 peak a fine-tuning run sustains
 */
public record EstimateSettings(
        Integer contextLength,
        int batchSize,
        KvCacheDtype kvCacheDtype,
        int fineTuningSequenceLength,
        int fineTuningBatchSize,
        boolean gradientCheckpointing,
        int loraRank,
        List<LoraTarget> loraTargets,
        Long trainingTokens,
        double trainingUtilization,
        int maxTrainingDays,
        InferenceRuntime runtime,
        boolean cpuWeightRepack,
        long fineTuningReferenceTokens,
        double fineTuningMaxHours,
        double cpuTrainingUtilization) {

    /** Settings with the default fine-tuning reference run. */
    public EstimateSettings(Integer contextLength, int batchSize, KvCacheDtype kvCacheDtype,
                            int fineTuningSequenceLength, int fineTuningBatchSize, boolean gradientCheckpointing,
                            int loraRank, List<LoraTarget> loraTargets, Long trainingTokens,
                            double trainingUtilization, int maxTrainingDays, InferenceRuntime runtime,
                            boolean cpuWeightRepack) {
        this(contextLength, batchSize, kvCacheDtype, fineTuningSequenceLength, fineTuningBatchSize,
                gradientCheckpointing, loraRank, loraTargets, trainingTokens, trainingUtilization, maxTrainingDays,
                runtime, cpuWeightRepack, DEFAULT_FINE_TUNING_REFERENCE_TOKENS, DEFAULT_FINE_TUNING_MAX_HOURS,
                DEFAULT_CPU_TRAINING_UTILIZATION);
    }

    /** Settings with each format's usual runtime and llama.cpp's default CPU repacking. */
    public EstimateSettings(Integer contextLength, int batchSize, KvCacheDtype kvCacheDtype,
                            int fineTuningSequenceLength, int fineTuningBatchSize, boolean gradientCheckpointing,
                            int loraRank, List<LoraTarget> loraTargets, Long trainingTokens,
                            double trainingUtilization, int maxTrainingDays) {
        this(contextLength, batchSize, kvCacheDtype, fineTuningSequenceLength, fineTuningBatchSize,
                gradientCheckpointing, loraRank, loraTargets, trainingTokens, trainingUtilization, maxTrainingDays,
                null, true);
    }

    /** A common fine-tuning sequence length for chat and instruction data; set it to the length of your data. */
    public static final int DEFAULT_FINE_TUNING_SEQUENCE_LENGTH = 2048;
    /** PEFT's {@code LoraConfig} default rank. */
    public static final int DEFAULT_LORA_RANK = 8;
    /**
     * Model FLOPs utilisation of large training runs: Llama 3 405B sustained 38–43% of H100 BF16 peak (Dubey et al.
     * 2024, "The Llama 3 Herd of Models", Table 4); PaLM 540B 46% on TPU v4 (Chowdhery et al. 2022).
     */
    public static final double DEFAULT_TRAINING_UTILIZATION = 0.4;
    public static final int DEFAULT_MAX_TRAINING_DAYS = 30;
    /**
     * The reference fine-tuning run a profile must finish in time: one epoch of a million tokens (2,000 examples of
     * 500 tokens, a small instruction or domain set). A stated assumption, not a measurement: set it to your data.
     */
    public static final long DEFAULT_FINE_TUNING_REFERENCE_TOKENS = 1_000_000L;
    /** The reference run may take a day on the profile (a stated assumption: a run left overnight and a morning). */
    public static final double DEFAULT_FINE_TUNING_MAX_HOURS = 24;
    /**
     * Share of a CPU's fp32 peak (at its base clock) that PyTorch fine-tuning sustains: the best full training step of
     * a 16.9M-parameter decoder (256 tokens × 4) reached 68.3 GFLOP/s of model FLOPs (6 × parameters × tokens) on 2
     * AMD EPYC cores whose peak is 2 × 32 FLOPs per cycle × 2.445 GHz = 156.5 GFLOP/s: 0.44, rounded down to 0.4
     * ({@code benchmarks/cpu-fine-tuning/measure.py}, RESULTS.md there; the machine was shared, every other run was
     * slower, so the best is the least disturbed). A laptop that throttles under sustained load sustains less.
     */
    public static final double DEFAULT_CPU_TRAINING_UTILIZATION = 0.4;

    public EstimateSettings {
        Objects.requireNonNull(kvCacheDtype, "kvCacheDtype");
        loraTargets = List.copyOf(loraTargets);
        if (contextLength != null && contextLength < 1) {
            throw new IllegalArgumentException("context length must be at least 1, not " + contextLength);
        }
        positive("batch size", batchSize);
        positive("fine-tuning sequence length", fineTuningSequenceLength);
        positive("fine-tuning batch size", fineTuningBatchSize);
        positive("LoRA rank", loraRank);
        positive("days a training run may take", maxTrainingDays);
        if (loraTargets.isEmpty()) {
            throw new IllegalArgumentException("LoRA needs at least one target module");
        }
        if (trainingTokens != null && trainingTokens < 1) {
            throw new IllegalArgumentException("training tokens must be at least 1, not " + trainingTokens);
        }
        if (!(trainingUtilization > 0 && trainingUtilization <= 1)) {
            throw new IllegalArgumentException("training utilisation must be above 0 and at most 1, not "
                    + trainingUtilization);
        }
        if (!(cpuTrainingUtilization > 0 && cpuTrainingUtilization <= 1)) {
            throw new IllegalArgumentException("CPU training utilisation must be above 0 and at most 1, not "
                    + cpuTrainingUtilization);
        }
        if (fineTuningReferenceTokens < 1) {
            throw new IllegalArgumentException("fine-tuning reference tokens must be at least 1, not "
                    + fineTuningReferenceTokens);
        }
        if (!(fineTuningMaxHours > 0) || Double.isInfinite(fineTuningMaxHours)) {
            throw new IllegalArgumentException("hours a fine-tuning reference run may take must be above 0, not "
                    + fineTuningMaxHours);
        }
    }

    /** The defaults: each model's own context, batch 1, fp16 KV cache, PEFT's LoRA, no declared training tokens. */
    public static EstimateSettings defaults() {
        return new EstimateSettings(null, 1, KvCacheDtype.F16, DEFAULT_FINE_TUNING_SEQUENCE_LENGTH, 1, true,
                DEFAULT_LORA_RANK, LoraTarget.DEFAULT, null, DEFAULT_TRAINING_UTILIZATION, DEFAULT_MAX_TRAINING_DAYS);
    }

    public EstimateSettings withInference(Integer contextLength, int batchSize, KvCacheDtype kvCacheDtype) {
        return new EstimateSettings(contextLength, batchSize, kvCacheDtype, fineTuningSequenceLength,
                fineTuningBatchSize, gradientCheckpointing, loraRank, loraTargets, trainingTokens, trainingUtilization,
                maxTrainingDays, runtime, cpuWeightRepack, fineTuningReferenceTokens, fineTuningMaxHours,
                cpuTrainingUtilization);
    }

    /** The same settings for {@code runtime} (null: each format's usual one), repacking or not for the CPU. */
    public EstimateSettings withRuntime(InferenceRuntime runtime, boolean cpuWeightRepack) {
        return new EstimateSettings(contextLength, batchSize, kvCacheDtype, fineTuningSequenceLength,
                fineTuningBatchSize, gradientCheckpointing, loraRank, loraTargets, trainingTokens, trainingUtilization,
                maxTrainingDays, runtime, cpuWeightRepack, fineTuningReferenceTokens, fineTuningMaxHours,
                cpuTrainingUtilization);
    }

    public EstimateSettings withFineTuning(int sequenceLength, int batchSize, boolean checkpointing, int rank,
                                           List<LoraTarget> targets) {
        return new EstimateSettings(contextLength, this.batchSize, kvCacheDtype, sequenceLength, batchSize,
                checkpointing, rank, targets, trainingTokens, trainingUtilization, maxTrainingDays, runtime,
                cpuWeightRepack, fineTuningReferenceTokens, fineTuningMaxHours, cpuTrainingUtilization);
    }

    /**
     * The same settings with another fine-tuning reference run: {@code tokens} in at most {@code maxHours}, a CPU
     * sustaining {@code cpuUtilization} of its fp32 peak.
     */
    public EstimateSettings withFineTuningReferenceRun(long tokens, double maxHours, double cpuUtilization) {
        return new EstimateSettings(contextLength, batchSize, kvCacheDtype, fineTuningSequenceLength,
                fineTuningBatchSize, gradientCheckpointing, loraRank, loraTargets, trainingTokens, trainingUtilization,
                maxTrainingDays, runtime, cpuWeightRepack, tokens, maxHours, cpuUtilization);
    }

    public EstimateSettings withTraining(Long tokens, double utilization, int maxDays) {
        return new EstimateSettings(contextLength, batchSize, kvCacheDtype, fineTuningSequenceLength,
                fineTuningBatchSize, gradientCheckpointing, loraRank, loraTargets, tokens, utilization, maxDays,
                runtime, cpuWeightRepack, fineTuningReferenceTokens, fineTuningMaxHours, cpuTrainingUtilization);
    }

    private static void positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, not " + value);
        }
    }
}
