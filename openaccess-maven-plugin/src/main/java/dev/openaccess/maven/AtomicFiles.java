package dev.openaccess.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.maven.plugin.MojoExecutionException;

/** Writes build outputs whole or not at all. */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes through a temporary file beside the target, so a failed write never leaves half a file. */
    static void write(Path target, byte[] content) throws MojoExecutionException {
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            try {
                Files.write(temporary, content);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("openaccess: cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
