package dev.openaccess.core.descriptor;

import java.util.List;

/**
 * How the artifact fares on one hardware profile of the catalog.
 *
 * @param fitsInference         inference at the stored precision fits the profile's usable memory
 * @param fitsFineTuning        at least one fine-tuning method fits
 * @param fineTuningMethods     the methods that fit ({@code full}, {@code lora}, {@code qlora}), most capable first
 * @param fitsTraining          one training replica (the full fine-tuning recipe) fits
 * @param decodeTokensPerSecond upper bound on tokens generated per second for each sequence: the lowest of the
 *                              bandwidth bound (memory bandwidth divided by the bytes one decode step reads: the
 *                              active decoder weights and the KV cache of the whole batch), the compute bound (the
 *                              profile's throughput divided by the FLOPs of one step, 2 × active decoder parameters ×
 *                              batch) and the dispatch bound (one step over the runtime's least time for the nodes of
 *                              the step's graph); null when the artifact does not fit the profile or generates no
 *                              tokens
 * @param decodeBound           which bound {@code decodeTokensPerSecond} is; null with it
 */
public record ProfileFit(
        String id,
        boolean fitsInference,
        boolean fitsFineTuning,
        List<FineTuningMethod> fineTuningMethods,
        boolean fitsTraining,
        Double decodeTokensPerSecond,
        DecodeBound decodeBound) {

    public ProfileFit {
        fineTuningMethods = List.copyOf(fineTuningMethods);
    }

    /** A fit without the name of the decode bound (as older descriptors state it). */
    public ProfileFit(String id, boolean fitsInference, boolean fitsFineTuning, List<FineTuningMethod> fineTuningMethods,
                      boolean fitsTraining, Double decodeTokensPerSecond) {
        this(id, fitsInference, fitsFineTuning, fineTuningMethods, fitsTraining, decodeTokensPerSecond,
                decodeTokensPerSecond == null ? null : DecodeBound.BANDWIDTH);
    }
}
