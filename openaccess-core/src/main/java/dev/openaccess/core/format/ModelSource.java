package dev.openaccess.core.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes a reader can open as a stream, with a known size and a name for messages and descriptors.
 *
 * <p>Readers only ever read a prefix of the stream (the header), so a source may be a file or an entry streamed
 * out of an archive.
 *
 * @param path   where the bytes are, relative to the project base directory, {@code /}-separated
 * @param size   total size in bytes
 * @param opener opens a fresh stream positioned at the first byte
 * @param folder the folder holding the file on disk, for formats that refer to files beside it (ONNX external
 *               data); null for a source that is not a file, such as an archive entry
 */
public record ModelSource(String path, long size, Opener opener, Path folder) {

    /** A source with no folder on disk. */
    public ModelSource(String path, long size, Opener opener) {
        this(path, size, opener, null);
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
                file.toAbsolutePath().getParent());
    }
}
