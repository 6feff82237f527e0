package dev.openaccess.core.descriptor;

/**
 * How the artifact fares on one hardware profile of the catalog.
 *
 * @param decodeTokensPerSecond upper bound on generated tokens per second (memory bandwidth divided by the bytes
 *                              read per token), null when the artifact does not fit the profile
 */
public record ProfileFit(String id, boolean fitsInference, Double decodeTokensPerSecond) {
}
