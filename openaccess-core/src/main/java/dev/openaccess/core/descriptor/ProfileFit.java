package dev.openaccess.core.descriptor;

import java.util.List;

/**
 * How the artifact fares on one hardware profile of the catalog.
 *
 * @param fitsInference         inference at the stored precision fits the profile's usable memory
 * @param fitsFineTuning        at least one fine-tuning method fits
 * @param fineTuningMethods     the methods that fit ({@code full}, {@code lora}, {@code qlora}), most capable first
 * @param fitsTraining          one training replica (the full fine-tuning recipe) fits
 * @param decodeTokensPerSecond upper bound on tokens generated per second for each sequence: memory bandwidth divided
 *                              by the bytes one decode step reads (the active decoder weights and the KV cache of the
 *                              whole batch); null when the artifact does not fit the profile or generates no tokens
 */
public record ProfileFit(
        String id,
        boolean fitsInference,
        boolean fitsFineTuning,
        List<FineTuningMethod> fineTuningMethods,
        boolean fitsTraining,
        Double decodeTokensPerSecond) {

    public ProfileFit {
        fineTuningMethods = List.copyOf(fineTuningMethods);
    }
}
