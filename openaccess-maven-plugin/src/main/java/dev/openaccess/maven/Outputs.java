package dev.openaccess.maven;

import dev.openaccess.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;

/** Writes build outputs whole, several together or none, failing the build in one line that says why. */
final class Outputs {

    private Outputs() {
    }

    static void write(Path target, byte[] content) throws MojoExecutionException {
        try {
            AtomicFiles.write(target, content);
        } catch (IOException e) {
            throw new MojoExecutionException("openaccess: " + e.getMessage(), e);
        }
    }

    /** Replaces all of {@code contents}' targets or none (a descriptor and its ML-BOM never disagree). */
    static void writeAll(Map<Path, byte[]> contents) throws MojoExecutionException {
        try {
            AtomicFiles.writeAll(contents);
        } catch (IOException e) {
            throw new MojoExecutionException("openaccess: " + e.getMessage(), e);
        }
    }
}
