package dev.openaccess.core.descriptor;

import java.util.List;

/**
 * The verdict: the smallest hardware rung that runs the artifact, per persona answers, and what stands in the way.
 *
 * @param tier     {@code laptop}, {@code single-consumer-gpu}, {@code single-datacenter-gpu}, {@code multi-gpu-node}
 *                 or {@code cluster}
 * @param blockers plain-words obstacles to access, empty when there are none
 */
public record Readiness(Tier tier, Personas personas, List<String> blockers) {

    public Readiness {
        blockers = List.copyOf(blockers);
    }

    /** The three kinds of user an artifact is assessed for. */
    public record Personas(Persona individual, Persona lab, Persona enterprise) {
    }

    /**
     * One persona's answer.
     *
     * @param canRunInference   whether hardware this persona typically owns runs inference at the stored precision
     * @param profile           the smallest such profile, null when none of the persona's profiles fits
     * @param canFineTune       whether one of the persona's profiles holds at least one fine-tuning method
     * @param fineTuning        the most capable method that fits ({@code full}, {@code lora} or {@code qlora}), null
     *                          when none does
     * @param fineTuningProfile the smallest of the persona's profiles that holds that method
     * @param canRetrain        whether one of the persona's GPU profiles holds a training replica and finishes the
     *                          run within the assumed days, for the declared training tokens (or, undeclared, the
     *                          compute-optimal 20 per parameter)
     */
    public record Persona(boolean canRunInference, String profile, boolean canFineTune, FineTuningMethod fineTuning,
                          String fineTuningProfile, boolean canRetrain) {
    }
}
