package dev.openaccess.core.descriptor;

import java.util.List;

/**
 * Hardware requirements of the artifact, under the stated assumptions.
 *
 * @param inference  all models of the artifact loaded and run together
 * @param models     each model's inference requirements as if it ran alone
 * @param fineTuning memory per fine-tuning method
 * @param training   compute and memory to train from scratch
 * @param profiles   the artifact on each profile of the catalog, smallest rung first
 */
public record Requirements(
        Assumptions assumptions,
        Inference inference,
        List<ModelRequirements> models,
        FineTuning fineTuning,
        Training training,
        List<ProfileFit> profiles) {

    public Requirements {
        models = List.copyOf(models);
        profiles = List.copyOf(profiles);
    }

    /** The same requirements with what the producer declares about the run that trained the models. */
    public Requirements withDeclaredTraining(String hardware, Double energyKwh) {
        return new Requirements(assumptions, inference, models, fineTuning, training.withDeclared(hardware, energyKwh),
                profiles);
    }
}
