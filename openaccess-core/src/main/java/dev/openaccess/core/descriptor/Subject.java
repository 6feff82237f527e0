package dev.openaccess.core.descriptor;

/** The artifact a descriptor describes; {@code sha256} is null when the artifact file was not built yet. */
public record Subject(String groupId, String artifactId, String version, String packaging, String sha256) {
}
