package dev.openaccess.core.descriptor;

/**
 * How the artifact fares on one hardware profile of the catalog.
 *
 * @param decodeTokensPerSecond upper bound on tokens generated per second for each sequence: memory bandwidth divided
 *                              by the bytes one decode step reads (the active decoder weights and the KV cache of the
 *                              whole batch); null when the artifact does not fit the profile or generates no tokens
 */
public record ProfileFit(String id, boolean fitsInference, Double decodeTokensPerSecond) {
}
