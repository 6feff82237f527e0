package dev.openaccess.core.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Little-endian reads over the source stream with a small buffer, tracking the file offset; every declared
 * length is checked against the bytes left in the source before it is read, skipped or allocated.
 */
final class LittleEndianInput {

    /** Read ahead at most this much: the reader never takes much more of a file than its header. */
    static final int BUFFER_BYTES = 16 * 1024;

    private final InputStream in;
    private final String path;
    private final long size;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int head;
    private int tail;
    private long position;

    LittleEndianInput(InputStream in, String path, long size) {
        this.in = in;
        this.path = path;
        this.size = size;
    }

    String path() {
        return path;
    }

    long size() {
        return size;
    }

    long position() {
        return position;
    }

    long remaining() {
        return size - position;
    }

    ModelFormatException error(String problem) {
        return new ModelFormatException(path, problem);
    }

    /** A length the file declares: refused, before anything is read or allocated, when the file is shorter. */
    void declared(long bytes, String what) throws ModelFormatException {
        if (bytes < 0 || bytes > remaining()) {
            throw error(what + ", but only " + remaining() + " bytes remain in the file (at offset " + position
                    + " of " + size + ")");
        }
    }

    private void need(long bytes, String what) throws ModelFormatException {
        if (bytes > remaining()) {
            throw error("truncated: " + what + " needs " + bytes + " bytes at offset " + position
                    + " but the file ends at " + size);
        }
    }

    /** Makes {@code n ≤ buffer.length} bytes available at {@code head}. */
    private void fill(int n, String what) throws IOException {
        need(n, what);
        if (tail - head >= n) {
            return;
        }
        System.arraycopy(buffer, head, buffer, 0, tail - head);
        tail -= head;
        head = 0;
        while (tail < n) {
            int read = in.read(buffer, tail, buffer.length - tail);
            if (read < 0) {
                throw error("truncated: " + what + " needs " + n + " bytes at offset " + position
                        + " but the data ends at " + (position + tail) + ", before the " + size
                        + " bytes the source declares");
            }
            tail += read;
        }
    }

    private long littleEndian(int n, String what) throws IOException {
        fill(n, what);
        long value = 0;
        for (int i = n - 1; i >= 0; i--) {
            value = (value << 8) | (buffer[head + i] & 0xFF);
        }
        head += n;
        position += n;
        return value;
    }

    int u8(String what) throws IOException {
        return (int) littleEndian(1, what);
    }

    int u16(String what) throws IOException {
        return (int) littleEndian(2, what);
    }

    long u32(String what) throws IOException {
        return littleEndian(4, what);
    }

    long u64(String what) throws IOException {
        return littleEndian(8, what);
    }

    byte[] bytes(int n, String what) throws IOException {
        need(n, what);
        byte[] result = new byte[n];
        int copied = 0;
        while (copied < n) {
            fill(Math.min(n - copied, buffer.length), what);
            int chunk = Math.min(n - copied, tail - head);
            System.arraycopy(buffer, head, result, copied, chunk);
            head += chunk;
            position += chunk;
            copied += chunk;
        }
        return result;
    }

    /** A GGUF string of at most {@code maxBytes} bytes. */
    String string(int maxBytes, String what) throws IOException {
        long length = u64(what + " (string length)");
        if (length < 0 || length > maxBytes) {
            throw error(what + " declares " + Long.toUnsignedString(length) + " bytes, more than the "
                    + maxBytes + " the format allows");
        }
        declared(length, what + " declares " + length + " bytes");
        return new String(bytes((int) length, what), StandardCharsets.UTF_8);
    }

    void skip(long n, String what) throws IOException {
        if (n < 0 || n > remaining()) { // the message only when needed: vocabularies skip 100,000s of strings
            declared(n, what + " declares " + n + " bytes");
        }
        long buffered = Math.min(n, tail - head);
        head += (int) buffered;
        position += buffered;
        long left = n - buffered;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw error("truncated: " + what + " runs past the end of the data at offset " + position);
                }
                skipped = 1;
            }
            left -= skipped;
            position += skipped;
        }
    }
}
