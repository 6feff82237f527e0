package dev.openaccess.maven;

import dev.openaccess.core.digest.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whether {@code describe} can keep the outputs of its last run: a fingerprint of everything the outputs depend on
 * (openaccess's build, the configuration, and the size and modification time of every file the models may come from)
 * is kept beside them with their own sizes and times. When both match, nothing is read or written again and the
 * descriptor stays byte-identical. Nothing is parsed to tell: the record is plain text, so an unchanged build loads no
 * JSON library.
 */
final class UpToDate {

    /** Deep enough for any model layout, as the model finder's own walk. */
    private static final int MAX_DEPTH = 32;

    private final Path record;
    private final List<String> inputs = new ArrayList<>();

    /** @param record where the fingerprint is kept ({@code target/openaccess.inputs}) */
    UpToDate(Path record) {
        this.record = record;
    }

    /** A configuration value the outputs depend on. */
    UpToDate value(String name, Object value) {
        inputs.add(name + "=" + value);
        return this;
    }

    /**
     * The size and modification time of {@code path} (a file), or of every file below it (a folder, walked without
     * reading); a path that does not exist counts as absent, so its appearing changes the fingerprint.
     */
    UpToDate files(Path path, Path excluded) throws IOException {
        if (!Files.exists(path)) {
            inputs.add("absent " + path);
            return this;
        }
        if (!Files.isDirectory(path)) {
            inputs.add(stamp(path));
            return this;
        }
        try (Stream<Path> files = Files.walk(path, MAX_DEPTH, FileVisitOption.FOLLOW_LINKS)) {
            files.filter(file -> excluded == null || path.startsWith(excluded) || !file.startsWith(excluded))
                    .filter(Files::isRegularFile).sorted().forEach(file -> inputs.add(stamp(file)));
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof FileSystemLoopException)) {
                throw e.getCause();
            }
            inputs.add("loop " + path); // describing says what is wrong, naming the loop
        }
        return this;
    }

    private static String stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return file.toAbsolutePath().normalize() + " " + attributes.size() + " "
                    + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String fingerprint() {
        return Sha256.of(String.join("\n", inputs).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the last run saw the same inputs and its outputs are as it left them. */
    boolean holds(List<Path> outputs) {
        try {
            if (!Files.isRegularFile(record) || Files.size(record) > 64 * 1024) {
                return false;
            }
            List<String> expected = new ArrayList<>();
            expected.add("inputs " + fingerprint());
            for (Path output : outputs) {
                if (!Files.isRegularFile(output)) {
                    return false;
                }
                expected.add("output " + stamp(output));
            }
            return Files.readAllLines(record, StandardCharsets.UTF_8).equals(expected);
        } catch (IOException | UncheckedIOException e) {
            return false; // when in doubt, describe again
        }
    }

    /** Records the inputs and the outputs just written; a record that cannot be written costs the next build time. */
    void record(List<Path> outputs) {
        List<String> lines = new ArrayList<>();
        lines.add("inputs " + fingerprint());
        try {
            for (Path output : outputs) {
                lines.add("output " + stamp(output));
            }
            Outputs.write(record, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (UncheckedIOException | org.apache.maven.plugin.MojoExecutionException e) {
            // only speed is lost: the next build describes again
        }
    }

    /** Forgets the last run, so a failed or changed build never leaves a record that vouches for old outputs. */
    void forget() {
        try {
            Files.deleteIfExists(record);
        } catch (IOException e) {
            // the record's inputs no longer match anyway once any input changed
        }
    }
}
