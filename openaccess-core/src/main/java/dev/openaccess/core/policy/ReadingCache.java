package dev.openaccess.core.policy;

import dev.openaccess.core.Generators;
import dev.openaccess.core.descriptor.DescriptorException;
import dev.openaccess.core.descriptor.DescriptorJson;
import dev.openaccess.core.descriptor.ModelEntry;
import dev.openaccess.core.descriptor.UnreadFile;
import dev.openaccess.core.digest.Sha256;
import dev.openaccess.core.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The consumer's readings of dependency files, remembered between builds so that a second build reads no model
 * again: one small JSON file per dependency file and openaccess version, named by the file's SHA-256 and the
 * version's. Builds running at once ({@code -T}, several processes) each replace whole files atomically, so they share
 * the folder without merging; a file that is damaged, too big, from another version or about other bytes is read
 * anew and replaced, never trusted.
 */
public final class ReadingCache {

    /** A reading of a real model jar is a few kilobytes; a larger file is not ours. */
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** What one file holds. */
    record Entry(String reader, String sha256, List<ModelEntry> models, List<String> warnings,
                 List<UnreadFile> unreadFiles) {
    }

    private final Path folder;
    private final String reader;
    private final String readerKey;

    private ReadingCache(Path folder, String reader) {
        this.folder = folder;
        this.reader = reader;
        this.readerKey = Sha256.of(reader.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    }

    /** The cache in {@code folder} (created when the first reading is saved). */
    public static ReadingCache in(Path folder) {
        return new ReadingCache(folder.toAbsolutePath().normalize(), readerVersion());
    }

    /** The reading of the file with this digest, if an earlier build of this openaccess version saved one. */
    public Optional<Entry> get(String sha256) {
        Path file = fileFor(sha256);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE_BYTES) {
                return Optional.empty();
            }
            Entry entry;
            try (InputStream in = Files.newInputStream(file)) {
                entry = DescriptorJson.readValue(in, Entry.class, file.toString());
            }
            if (!reader.equals(entry.reader()) || !sha256.equals(entry.sha256()) || entry.models() == null
                    || entry.models().contains(null)) {
                return Optional.empty();
            }
            return Optional.of(new Entry(entry.reader(), entry.sha256(), List.copyOf(entry.models()),
                    entry.warnings() == null ? List.of() : List.copyOf(entry.warnings()),
                    entry.unreadFiles() == null || entry.unreadFiles().contains(null) ? List.of()
                            : List.copyOf(entry.unreadFiles())));
        } catch (IOException | DescriptorException | RuntimeException e) {
            return Optional.empty(); // a damaged cache is an empty one
        }
    }

    /** Remembers a reading; a cache that cannot be written costs speed only, never the build. */
    public void put(String sha256, List<ModelEntry> models, List<String> warnings) {
        put(sha256, models, warnings, List.of());
    }

    /** Remembers a reading with the files in it that no reader counts. */
    public void put(String sha256, List<ModelEntry> models, List<String> warnings, List<UnreadFile> unread) {
        Path file = fileFor(sha256);
        try {
            AtomicFiles.write(file, DescriptorJson.valueToBytes(new Entry(reader, sha256, models, warnings, unread)));
        } catch (IOException | RuntimeException e) {
            // Only speed is lost: the next build reads the file again.
        }
    }

    private Path fileFor(String sha256) {
        if (!SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 digest: " + sha256);
        }
        return folder.resolve(sha256 + "." + readerKey + ".json");
    }

    /** The version of the readers: openaccess's, and for a snapshot its build. */
    static String readerVersion() {
        return Generators.build(ReadingCache.class);
    }
}
