package dev.openaccess.core.descriptor;

/**
 * Memory to fine-tune the artifact's models by each common method, under the assumptions in
 * {@code requirements.assumptions.fineTuning}.
 *
 * @param full  every weight trained with mixed-precision Adam
 * @param lora  frozen base at its stored precision, low-rank adapters trained
 * @param qlora frozen base quantized to 4-bit NormalFloat, low-rank adapters trained
 */
public record FineTuning(FineTuningNeed full, FineTuningNeed lora, FineTuningNeed qlora) {
}
