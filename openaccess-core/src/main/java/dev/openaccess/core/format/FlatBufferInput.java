package dev.openaccess.core.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A FlatBuffer's bytes for random access, without reading the megabytes or gigabytes of data its vectors hold. A file
 * on disk, and an uncompressed (STORED) entry of a zip on disk, are mapped: the operating system then reads only the
 * pages the verifier and the reader touch (the tables, and each vector's length, never the weights themselves).
 * Anything else, a compressed entry or bytes that are not on disk, is read into memory, up to {@link #MAX_READ_BYTES}.
 */
final class FlatBufferInput {

    /**
     * FlatBuffers address their bytes with signed 32-bit offsets, so a FlatBuffer holds at most 2 GiB − 1; a larger
     * TensorFlow Lite file keeps its buffers after it ({@code Buffer.offset}), which are checked against the file's
     * size, never mapped.
     */
    static final int MAX_FLATBUFFER_BYTES = Integer.MAX_VALUE;
    /**
     * What is copied into memory when the bytes cannot be mapped (a compressed entry of a jar, bytes not on disk):
     * real models kept compressed in jars are a few megabytes.
     */
    static final int MAX_READ_BYTES = 64 << 20;

    private FlatBufferInput() {
    }

    /**
     * The first {@code min(size, 2 GiB − 1)} bytes of {@code source}, little-endian, from position 0.
     *
     * @param what the format in words, for the message when the bytes are too many to copy
     */
    static ByteBuffer of(ModelSource source, String what) throws IOException {
        long length = Math.min(source.size(), MAX_FLATBUFFER_BYTES);
        ModelFile origin = source.origin();
        if (origin != null && origin.entry() == null) {
            return map(origin.file(), 0, length);
        }
        if (origin != null) {
            Optional<StoredEntry.Region> stored = StoredEntry.of(origin.file(), origin.entry(), source.path());
            if (stored.isPresent() && stored.get().size() == source.size()) {
                return map(origin.file(), stored.get().offset(), length);
            }
        }
        if (source.size() > MAX_READ_BYTES) {
            throw new ModelFormatException(source.path(), "is " + what + " of " + source.size() + " bytes that is"
                    + (origin == null ? " not a file on disk" : " compressed inside an archive") + ": its tables can"
                    + " be read in place only from a file or an uncompressed (stored) entry, and more than "
                    + MAX_READ_BYTES + " bytes are not copied into memory (extract it, or store it uncompressed)");
        }
        byte[] bytes;
        try (InputStream in = source.open()) {
            bytes = in.readNBytes((int) source.size());
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer map(Path file, long offset, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            // the mapping stays valid once the channel is closed; it is released with the buffer
            return channel.map(FileChannel.MapMode.READ_ONLY, offset, Math.max(0, Math.min(length, channel.size() - offset)))
                    .order(ByteOrder.LITTLE_ENDIAN);
        }
    }
}
