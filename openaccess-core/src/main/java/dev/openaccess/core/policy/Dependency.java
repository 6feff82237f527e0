package dev.openaccess.core.policy;

import java.nio.file.Path;

/**
 * A dependency as the consumer's build resolved it.
 *
 * @param version   the base version of a snapshot, as its descriptor is published under
 * @param extension the file's type ({@code jar}, {@code zip}, {@code onnx}, ...)
 * @param file      the resolved file (or a reactor module's output folder); null when the build has none
 */
public record Dependency(String groupId, String artifactId, String version, String extension, Path file) {

    /** {@code groupId:artifactId:version}. */
    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version;
    }
}
