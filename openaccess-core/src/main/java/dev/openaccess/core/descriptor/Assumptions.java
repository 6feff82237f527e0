package dev.openaccess.core.descriptor;

import java.util.List;

/**
 * What the estimates assume.
 *
 * @param contextLength   tokens held in the KV cache per sequence (null when no model declares one)
 * @param batchSize       sequences processed at once
 * @param kvCacheDtype    data type of the KV cache entries
 * @param overhead        how the inference runtime and activation overhead is computed, in words, with its source
 * @param fitFraction     share of a profile's memory a requirement may use (the rest is runtime, driver,
 *                        fragmentation)
 * @param hardwareCatalog version of the hardware catalog the profiles come from ({@code +custom} when the build added
 *                        or replaced profiles)
 * @param fineTuning      what the fine-tuning estimates assume
 * @param training        what the training estimates assume
 * @param notes           gaps in the estimate, in plain words (e.g. a model whose attention shape is unknown)
 * @param runtime         the inference runtime whose memory the figures model ({@code llama.cpp},
 *                        {@code onnxruntime}, {@code transformers}; several, comma-separated, when the models run in
 *                        different ones)
 * @param cpuWeightRepack for llama.cpp: whether matrices are repacked for the CPU (and so held twice); null for the
 *                        other runtimes
 * @param decode          how {@code profiles[].decodeTokensPerSecond} is bounded, in words, with the sources; null in
 *                        descriptors of older openaccess versions
 */
public record Assumptions(
        Integer contextLength,
        int batchSize,
        String kvCacheDtype,
        String overhead,
        double fitFraction,
        String hardwareCatalog,
        FineTuningAssumptions fineTuning,
        TrainingAssumptions training,
        List<String> notes,
        String runtime,
        Boolean cpuWeightRepack,
        String decode) {

    /** Assumptions without the decode rule (as older descriptors state them). */
    public Assumptions(Integer contextLength, int batchSize, String kvCacheDtype, String overhead, double fitFraction,
                       String hardwareCatalog, FineTuningAssumptions fineTuning, TrainingAssumptions training,
                       List<String> notes, String runtime, Boolean cpuWeightRepack) {
        this(contextLength, batchSize, kvCacheDtype, overhead, fitFraction, hardwareCatalog, fineTuning, training,
                notes, runtime, cpuWeightRepack, null);
    }

    /** Assumptions that name no runtime. */
    public Assumptions(Integer contextLength, int batchSize, String kvCacheDtype, String overhead, double fitFraction,
                       String hardwareCatalog, FineTuningAssumptions fineTuning, TrainingAssumptions training,
                       List<String> notes) {
        this(contextLength, batchSize, kvCacheDtype, overhead, fitFraction, hardwareCatalog, fineTuning, training,
                notes, null, null);
    }

    public Assumptions {
        notes = notes == null || notes.isEmpty() ? null : List.copyOf(notes);
    }

    /**
     * @param sequenceLength        tokens per training sequence: the assumed length, capped at the longest context of
     *                              the models
     * @param batchSize             sequences per step on one device (a larger effective batch accumulates gradients)
     * @param gradientCheckpointing whether only each layer's input is kept and the rest recomputed in the backward pass
     * @param loraRank              rank of the LoRA and QLoRA adapters
     * @param loraTargetModules     the projections that get adapters ({@code q}, {@code k}, {@code v}, {@code o},
     *                              {@code gate}, {@code up}, {@code down})
     * @param rules                 how each figure is computed, with sources
     */
    /**
     * @param referenceTokens   tokens of the reference run (one epoch) a method must finish on a profile to fit it;
     *                          null in descriptors of older openaccess versions (memory alone decided, GPUs only)
     * @param maxHours          the longest the reference run may take
     * @param cpuUtilization    share of a CPU profile's fp32 peak the run sustains (a GPU's share is
     *                          {@code training.utilization})
     */
    public record FineTuningAssumptions(int sequenceLength, int batchSize, boolean gradientCheckpointing,
                                        int loraRank, List<String> loraTargetModules, List<String> rules,
                                        Long referenceTokens, Double maxHours, Double cpuUtilization) {

        public FineTuningAssumptions {
            loraTargetModules = List.copyOf(loraTargetModules);
            rules = List.copyOf(rules);
        }

        /** Assumptions without a reference run (as older descriptors state them). */
        public FineTuningAssumptions(int sequenceLength, int batchSize, boolean gradientCheckpointing,
                                     int loraRank, List<String> loraTargetModules, List<String> rules) {
            this(sequenceLength, batchSize, gradientCheckpointing, loraRank, loraTargetModules, rules, null, null,
                    null);
        }
    }

    /**
     * @param utilization    share of a GPU's dense BF16 peak a training run sustains (model FLOPs utilisation)
     * @param maxDays        the longest run a persona is assumed to afford when judging whether it can retrain
     * @param tokensPerParameterIfUndeclared tokens per parameter assumed for that judgement when the producer
     *                       declares no training token count (compute-optimal, Hoffmann et al. 2022)
     * @param rule           how compute is computed, with its source
     */
    public record TrainingAssumptions(double utilization, int maxDays, int tokensPerParameterIfUndeclared,
                                      String rule) {
    }
}
