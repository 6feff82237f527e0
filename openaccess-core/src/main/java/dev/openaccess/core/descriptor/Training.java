package dev.openaccess.core.descriptor;

import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * What training the artifact's models from scratch takes: compute (when the producer declares the training token
 * count) and memory (the full fine-tuning recipe applied to every step).
 *
 * @param flopsPerToken  {@code 6 × active parameters}: a forward (2) and backward (4) pass per token
 * @param tokens         the declared training token count, null when not declared
 * @param flops          {@code flopsPerToken × tokens}, null when the tokens are not declared
 * @param gpuHours       per GPU profile of the catalog: hours of one such GPU at the assumed utilisation (a node of
 *                       eight counts eight GPU-hours per hour); null when the tokens are not declared
 * @param wallClockDays  per GPU profile: days the run takes on that profile alone, when its memory holds the job
 * @param totalBytes     memory one training replica needs (weights, gradients, Adam state, activations, runtime)
 * @param minimumProfile the smallest catalog profile that holds one replica, null when none does (a cluster)
 * @param hardware       the hardware the producer declares it trained on, in its words
 * @param energyKwh      the energy the producer declares the training took, in kilowatt-hours
 */
public record Training(
        long flopsPerToken,
        Long tokens,
        BigInteger flops,
        Map<String, Double> gpuHours,
        Map<String, Double> wallClockDays,
        long totalBytes,
        String minimumProfile,
        String hardware,
        Double energyKwh) {

    /** This estimate with what the producer declares about the run that trained the models. */
    public Training withDeclared(String declaredHardware, Double declaredEnergyKwh) {
        return new Training(flopsPerToken, tokens, flops, gpuHours, wallClockDays, totalBytes, minimumProfile,
                declaredHardware, declaredEnergyKwh);
    }

    public Training {
        gpuHours = gpuHours == null ? null : new TreeMap<>(gpuHours);
        wallClockDays = wallClockDays == null ? null : new TreeMap<>(wallClockDays);
    }
}
