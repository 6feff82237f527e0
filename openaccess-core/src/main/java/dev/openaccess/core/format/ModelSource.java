package dev.openaccess.core.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bytes a reader reads: a stream with a known size and a name for messages and descriptors, and, for formats
 * that are more than one stream, the files beside it ({@link #resolve}) and the entries of a zip read in place
 * ({@link #archive}).
 *
 * <p>Readers only ever read a prefix of the stream (the header), so a source may be a file or an entry streamed
 * out of an archive.
 *
 * @param path   where the bytes are, relative to the project base directory, {@code /}-separated
 * @param size   total size in bytes
 * @param opener opens a fresh stream positioned at the first byte
 * @param folder the folder holding the file on disk, for formats that refer to files beside it (ONNX external
 *               data); null for a source that is not a file, such as an archive entry
 * @param origin the file (or archive entry) found on disk that the bytes come from; null for bytes that have none,
 *               such as a test's or a fuzzer's
 */
public record ModelSource(String path, long size, Opener opener, Path folder, ModelFile origin) {

    /** A source with no folder on disk and no origin: bytes and nothing beside them. */
    public ModelSource(String path, long size, Opener opener) {
        this(path, size, opener, null, null);
    }

    /** A source in {@code folder} with no origin. */
    public ModelSource(String path, long size, Opener opener, Path folder) {
        this(path, size, opener, folder, null);
    }

    /** Opens a new stream over the source's bytes. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public InputStream open() throws IOException {
        return opener.open();
    }

    /** A file on disk, named in messages and descriptors by {@code path}. */
    public static ModelSource ofFile(Path file, String path) throws IOException {
        return new ModelSource(path, Files.size(file), () -> Files.newInputStream(file),
                file.toAbsolutePath().getParent(), null);
    }

    /**
     * The file at {@code relative} beside this one (a shard beside its index, {@code variables/variables.index}
     * beside {@code saved_model.pb}): on disk, or in the same archive. Empty when it is not there, or when this source
     * has no origin to look beside.
     *
     * @throws ModelFormatException when {@code relative} is absolute or climbs out of this source's folder: names a
     *                              file declares must never reach outside the model (zip-slip, CVE-2022-25882)
     */
    public Optional<ModelSource> resolve(String relative) throws IOException {
        String normalized = relative.replace('\\', '/');
        if (normalized.isEmpty() || leavesFolder(normalized)) {
            throw new ModelFormatException(path, "names '" + relative + "', which is not a file beside it");
        }
        if (origin == null) {
            return Optional.empty();
        }
        ModelFile sibling = origin.sibling(normalized, null);
        return sibling.exists() ? Optional.of(sibling.source()) : Optional.empty();
    }

    private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:.*");

    /**
     * Whether a name a file declares (with {@code /} as its separator) is absolute, starts with a Windows drive, or
     * climbs out with {@code ..}: the one test for every name that must stay inside a model's folder or archive.
     */
    static boolean leavesFolder(String normalized) {
        return normalized.startsWith("/") || DRIVE.matcher(normalized).matches()
                || ("/" + normalized + "/").contains("/../");
    }

    /**
     * The entries of this source read as a zip in place ({@link Layout#ARCHIVE}): by its central directory, each
     * entry inflated only as far as a reader reads it.
     *
     * @throws ModelFormatException when the source is not a file on disk (an entry of another archive cannot be
     *                              read in place), or not a readable zip
     */
    public ZipArchive archive() throws IOException {
        if (origin == null || origin.entry() != null) {
            throw new ModelFormatException(path, "is a zip archive inside another archive or not on disk: it can"
                    + " only be read as a file on disk");
        }
        return new ZipArchive(origin.file(), path);
    }
}
