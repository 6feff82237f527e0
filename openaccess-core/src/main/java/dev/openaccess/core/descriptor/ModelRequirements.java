package dev.openaccess.core.descriptor;

/**
 * Inference requirements of one model of the artifact, as if it ran alone.
 *
 * @param path the model's {@code models[].path}
 */
public record ModelRequirements(String path, Inference inference) {
}
