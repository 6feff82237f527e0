package dev.openaccess.core.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where a STORED (uncompressed) zip entry's bytes lie in the archive, so that a reader of a random-access format
 * (a FlatBuffer) can map them in place instead of copying them: MediaPipe stores the models of its {@code .task}
 * bundles uncompressed precisely so that they can be mapped. {@link ZipFile} does not say where an entry's data
 * starts, so the central directory and the entry's local header are read here (APPNOTE 4.3), zip64 included.
 *
 * <p>Anything unexpected gives no region rather than an error: the entry can still be read as a stream.
 */
final class StoredEntry {

    /** The end record's fixed part and the longest comment it may be followed by. */
    private static final int END_BYTES = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    private static final int END = 0x06054b50, ZIP64_LOCATOR = 0x07064b50, ZIP64_END = 0x06064b50,
            CENTRAL = 0x02014b50, LOCAL = 0x04034b50;
    private static final long MASK32 = 0xFFFFFFFFL;
    /**
     * A central directory past this is not read here (the entry is then streamed): 100,000 entries with long names
     * take a few megabytes.
     */
    private static final long MAX_CENTRAL_BYTES = 64L << 20;

    /** @param offset where the entry's data starts in the archive, @param size its length */
    record Region(long offset, long size) {
    }

    private StoredEntry() {
    }

    /** The region of {@code entryName}'s data in {@code archive}, or empty when it is compressed or not found. */
    static Optional<Region> of(Path archive, String entryName, String path) throws IOException {
        ZipEntry entry;
        try (ZipFile zip = ArchiveEntries.open(archive, path)) {
            entry = zip.getEntry(entryName);
        }
        if (entry == null || entry.getMethod() != ZipEntry.STORED || entry.getSize() < 0) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ)) {
            return find(channel, entry);
        }
    }

    private static Optional<Region> find(FileChannel channel, ZipEntry entry) throws IOException {
        long fileSize = channel.size();
        int tailBytes = (int) Math.min(fileSize, END_BYTES + MAX_COMMENT);
        ByteBuffer tail = read(channel, fileSize - tailBytes, tailBytes);
        int end = -1;
        for (int at = tailBytes - END_BYTES; at >= 0; at--) {
            if (tail.getInt(at) == END && at + END_BYTES + u16(tail, at + 20) == tailBytes) {
                end = at;
                break;
            }
        }
        if (end < 0) {
            return Optional.empty();
        }
        long endPosition = fileSize - tailBytes + end;
        long entries = u16(tail, end + 10);
        long centralSize = tail.getInt(end + 12) & MASK32;
        long centralOffset = tail.getInt(end + 16) & MASK32;
        if (entries == 0xFFFF || centralSize == MASK32 || centralOffset == MASK32) {
            if (endPosition < 20) {
                return Optional.empty();
            }
            ByteBuffer locator = read(channel, endPosition - 20, 20);
            if (locator.getInt(0) != ZIP64_LOCATOR) {
                return Optional.empty();
            }
            endPosition = locator.getLong(8);
            if (endPosition < 0 || endPosition > fileSize - 56) {
                return Optional.empty();
            }
            ByteBuffer end64 = read(channel, endPosition, 56);
            if (end64.getInt(0) != ZIP64_END) {
                return Optional.empty();
            }
            entries = end64.getLong(32);
            centralSize = end64.getLong(40);
            centralOffset = end64.getLong(48);
        }
        // as ZipFile does: bytes before the archive (a self-extracting stub) shift every offset it records
        long base = endPosition - centralSize - centralOffset;
        if (centralSize < 0 || centralOffset < 0 || base < 0 || entries > ArchiveEntries.MAX_ENTRIES
                || centralSize > MAX_CENTRAL_BYTES || base + centralOffset > fileSize - centralSize) {
            return Optional.empty();
        }
        ByteBuffer central = read(channel, base + centralOffset, (int) centralSize);
        byte[] wanted = entry.getName().getBytes(StandardCharsets.UTF_8);
        for (int at = 0, n = 0; n < entries && at + 46 <= central.limit(); n++) {
            if (central.getInt(at) != CENTRAL) {
                return Optional.empty();
            }
            int nameLength = u16(central, at + 28);
            int extraLength = u16(central, at + 30);
            int next = at + 46 + nameLength + extraLength + u16(central, at + 32);
            if (next > central.limit()) {
                return Optional.empty();
            }
            if (nameLength == wanted.length && Arrays.equals(bytes(central, at + 46, nameLength), wanted)) {
                long local = central.getInt(at + 42) & MASK32;
                if (local == MASK32) {
                    local = zip64Offset(central, at, nameLength, extraLength);
                }
                return local < 0 ? Optional.empty() : data(channel, base + local, wanted, entry, fileSize);
            }
            at = next;
        }
        return Optional.empty();
    }

    /** The local header's offset from the zip64 extra field: sizes first, each only where its 32-bit field is full. */
    private static long zip64Offset(ByteBuffer central, int at, int nameLength, int extraLength) {
        int extra = at + 46 + nameLength;
        for (int field = extra; field + 4 <= extra + extraLength; ) {
            int id = u16(central, field);
            int length = u16(central, field + 2);
            if (id == 1) {
                int value = field + 4;
                value += (central.getInt(at + 24) & MASK32) == MASK32 ? 8 : 0; // size
                value += (central.getInt(at + 20) & MASK32) == MASK32 ? 8 : 0; // compressed size
                return value + 8 <= field + 4 + length ? central.getLong(value) : -1;
            }
            field += 4 + length;
        }
        return -1;
    }

    /** The data after the local header, if the header is the entry's own (same name, stored) and the data fits. */
    private static Optional<Region> data(FileChannel channel, long local, byte[] name, ZipEntry entry,
                                         long fileSize) throws IOException {
        if (local < 0 || local > fileSize - 30 - name.length) {
            return Optional.empty();
        }
        ByteBuffer header = read(channel, local, 30 + name.length);
        if (header.getInt(0) != LOCAL || u16(header, 8) != ZipEntry.STORED || u16(header, 26) != name.length
                || !Arrays.equals(bytes(header, 30, name.length), name)) {
            return Optional.empty();
        }
        long offset = local + 30 + name.length + u16(header, 28);
        return offset <= fileSize - entry.getSize() ? Optional.of(new Region(offset, entry.getSize()))
                : Optional.empty();
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new java.io.EOFException("the archive ended while it was read: it changed meanwhile");
            }
        }
        return buffer.flip();
    }

    private static byte[] bytes(ByteBuffer buffer, int at, int length) {
        byte[] bytes = new byte[length];
        buffer.get(at, bytes);
        return bytes;
    }

    private static int u16(ByteBuffer buffer, int at) {
        return buffer.getShort(at) & 0xFFFF;
    }
}
