package dev.openaccess.core.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * What {@link FormatTable} looks at to recognise a file: its name, its first bytes, and for a zip the names of its
 * entries (all of them for a zip on disk, from its central directory; those whose local headers lie in the first
 * bytes for a zip inside another archive).
 *
 * @param name     the file's own name, lower case, without its folder
 * @param bytes    the first {@link #BYTES} bytes (fewer for a shorter file)
 * @param entries  a zip's entry names, or empty when the file is no zip or they are not known
 * @param siblings whether a file of that name lies beside this one
 */
record FileHead(String name, byte[] bytes, List<String> entries, Predicate<String> siblings) {

    /** Enough for every magic number and for the opening of an XML or JSON model description. */
    static final int BYTES = 4096;
    /** Local headers looked at in the first bytes of a zip inside an archive; bounds the scan. */
    private static final int MAX_LOCAL_HEADERS = 64;
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    FileHead {
        name = name.toLowerCase(Locale.ROOT);
        entries = List.copyOf(entries);
    }

    /** The head of a file on disk; a zip that is not a container is listed from its central directory. */
    static FileHead of(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(BYTES);
        }
        String name = file.getFileName().toString();
        List<String> entries = List.of();
        if (isZip(bytes) && !FormatTable.isContainer(name.toLowerCase(Locale.ROOT))) {
            entries = centralDirectory(file);
        }
        return new FileHead(name, bytes, entries, sibling -> Files.isRegularFile(file.resolveSibling(sibling)));
    }

    /** The head of an archive entry: a zip inside it is listed as far as its first bytes tell. */
    static FileHead ofEntry(String entryName, byte[] bytes, Predicate<String> siblings) {
        String name = entryName.substring(entryName.lastIndexOf('/') + 1);
        return new FileHead(name, bytes, isZip(bytes) ? localNames(bytes) : List.of(), siblings);
    }

    /** Bytes that start with {@code magic} at {@code offset}. */
    boolean has(int offset, byte[] magic) {
        return bytes.length >= offset + magic.length
                && Arrays.equals(bytes, offset, offset + magic.length, magic, 0, magic.length);
    }

    boolean isZip() {
        return isZip(bytes);
    }

    /** Whether the head, read as Latin-1 text, holds {@code text}: enough for the tags and keys of XML and JSON. */
    boolean mentions(String text) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
    }

    /** Whether an entry of the zip matches. */
    boolean hasEntry(Predicate<String> entry) {
        return entries.stream().anyMatch(entry);
    }

    private static boolean isZip(byte[] bytes) {
        return bytes.length >= 4 && Arrays.equals(bytes, 0, 4, ZIP_MAGIC, 0, 4);
    }

    /** A damaged zip lists nothing here: its reader, if it has one, reports the damage. */
    private static List<String> centralDirectory(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > ArchiveEntries.MAX_ENTRIES) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (ZipEntry entry : Collections.list(zip.entries())) {
                names.add(entry.getName());
            }
            return names;
        } catch (ZipException | java.io.EOFException | IllegalArgumentException e) {
            return List.of();
        }
    }

    /**
     * The names in the local headers that lie wholly in {@code bytes}, in order, up to the first entry whose size
     * only a data descriptor after its data gives (flag bit 3). Zip, APPNOTE 4.3.7: signature, version, flags (6),
     * method, time, date, CRC, compressed size (18), size, name length (26), extra length (28), name (30).
     */
    static List<String> localNames(byte[] bytes) {
        List<String> names = new ArrayList<>();
        long offset = 0;
        while (names.size() < MAX_LOCAL_HEADERS && offset + 30 <= bytes.length
                && Arrays.equals(bytes, (int) offset, (int) offset + 4, ZIP_MAGIC, 0, 4)) {
            int at = (int) offset;
            int flags = u16(bytes, at + 6);
            long compressed = u32(bytes, at + 18);
            int nameLength = u16(bytes, at + 26);
            int extraLength = u16(bytes, at + 28);
            if (at + 30L + nameLength > bytes.length) {
                break;
            }
            names.add(new String(bytes, at + 30, nameLength, StandardCharsets.UTF_8));
            if ((flags & 8) != 0) {
                break;
            }
            offset = at + 30L + nameLength + extraLength + compressed;
        }
        return names;
    }

    private static int u16(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] bytes, int at) {
        return u16(bytes, at) | (long) u16(bytes, at + 2) << 16;
    }
}
