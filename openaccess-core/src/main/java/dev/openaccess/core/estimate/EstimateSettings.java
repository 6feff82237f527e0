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
        boolean cpuWeightRepack) {

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
    }

    /** The defaults: each model's own context, batch 1, fp16 KV cache, PEFT's LoRA, no declared training tokens. */
    public static EstimateSettings defaults() {
        return new EstimateSettings(null, 1, KvCacheDtype.F16, DEFAULT_FINE_TUNING_SEQUENCE_LENGTH, 1, true,
                DEFAULT_LORA_RANK, LoraTarget.DEFAULT, null, DEFAULT_TRAINING_UTILIZATION, DEFAULT_MAX_TRAINING_DAYS);
    }

    public EstimateSettings withInference(Integer contextLength, int batchSize, KvCacheDtype kvCacheDtype) {
        return new EstimateSettings(contextLength, batchSize, kvCacheDtype, fineTuningSequenceLength,
                fineTuningBatchSize, gradientCheckpointing, loraRank, loraTargets, trainingTokens, trainingUtilization,
                maxTrainingDays, runtime, cpuWeightRepack);
    }

    /** The same settings for {@code runtime} (null: each format's usual one), repacking or not for the CPU. */
    public EstimateSettings withRuntime(InferenceRuntime runtime, boolean cpuWeightRepack) {
        return new EstimateSettings(contextLength, batchSize, kvCacheDtype, fineTuningSequenceLength,
                fineTuningBatchSize, gradientCheckpointing, loraRank, loraTargets, trainingTokens, trainingUtilization,
                maxTrainingDays, runtime, cpuWeightRepack);
    }

    public EstimateSettings withFineTuning(int sequenceLength, int batchSize, boolean checkpointing, int rank,
                                           List<LoraTarget> targets) {
        return new EstimateSettings(contextLength, this.batchSize, kvCacheDtype, sequenceLength, batchSize,
                checkpointing, rank, targets, trainingTokens, trainingUtilization, maxTrainingDays, runtime,
                cpuWeightRepack);
    }

    public EstimateSettings withTraining(Long tokens, double utilization, int maxDays) {
        return new EstimateSettings(contextLength, batchSize, kvCacheDtype, fineTuningSequenceLength,
                fineTuningBatchSize, gradientCheckpointing, loraRank, loraTargets, tokens, utilization, maxDays,
                runtime, cpuWeightRepack);
    }

    private static void positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, not " + value);
        }
    }
}
