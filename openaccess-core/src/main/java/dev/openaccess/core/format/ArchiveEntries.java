package dev.openaccess.core.format;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Models inside {@code .jar} and {@code .zip} archives, read in place: sizes from the central directory, bytes
 * inflated as a stream, only as far as a reader asks. Nothing is extracted to disk.
 */
final class ArchiveEntries {

    /** Far more entries than any model jar holds; a central directory beyond it is refused before it is walked. */
    static final int MAX_ENTRIES = 100_000;
    /**
     * Model weights barely compress (about 1.1:1); an entry over 1 MiB that claims to inflate more than 100-fold
     * is treated as a zip bomb, so a digest never inflates gigabytes out of a few kilobytes.
     */
    static final long MAX_RATIO = 100;
    private static final long RATIO_CHECK_FROM_BYTES = 1L << 20;

    private ArchiveEntries() {
    }

    /**
     * The model entries of {@code archive}, sorted by name, added to {@code models}; entries that look like models
     * but that no reader counts here go to {@code unread}. Only entries the format table names as possible models
     * are opened (their first bytes inflated); every other entry is judged by its name alone.
     *
     * @param archivePath the archive's name in the descriptor
     */
    static void models(Path archive, String archivePath, List<ModelFile> models, List<ModelFinder.Unread> unread)
            throws IOException {
        try (ZipFile zip = open(archive, archivePath)) {
            if (zip.size() > MAX_ENTRIES) {
                throw new ModelFormatException(archivePath, "holds " + zip.size() + " entries, more than the "
                        + MAX_ENTRIES + " an archive of models is allowed");
            }
            for (ZipEntry entry : sortedEntries(zip, archivePath)) {
                String folder = entry.getName().substring(0, entry.getName().lastIndexOf('/') + 1);
                Predicate<String> siblings = name -> zip.getEntry(folder + name) != null;
                if (entry.isDirectory() || !FormatTable.mayBeModel(entry.getName(), siblings)) {
                    continue;
                }
                String path = archivePath + "!/" + safeName(archivePath, entry.getName());
                byte[] head;
                try (InputStream in = zip.getInputStream(entry)) {
                    head = in.readNBytes(FileHead.BYTES);
                } catch (ZipException | EOFException e) {
                    throw damaged(path, e);
                }
                Optional<FormatTable> kind = FormatTable.detect(FileHead.ofEntry(entry.getName(), head, siblings));
                if (kind.isEmpty()) {
                    continue;
                }
                ModelFile model = ModelFile.inArchive(archive, entry.getName(), path, kind.get());
                Optional<String> why = kind.get().unreadBecause(true);
                if (why.isPresent()) {
                    unread.add(new ModelFinder.Unread(model, why.get()));
                } else if (kind.get() != FormatTable.HF_CONFIG
                        || new HfConfigReader().parse(model.source()).isModelConfig()) {
                    models.add(model);
                }
            }
        }
    }

    /** The archive's entries, sorted by name. */
    static List<ZipEntry> sortedEntries(ZipFile zip, String path) throws ModelFormatException {
        List<ZipEntry> entries;
        try {
            entries = new ArrayList<>(Collections.list(zip.entries()));
        } catch (IllegalArgumentException e) {
            // Found by fuzzing: an entry flagged as UTF-8 whose name is not fails the iteration with this.
            throw new ModelFormatException(path, "has an entry whose name is not valid UTF-8: " + e.getMessage());
        }
        entries.sort((a, b) -> a.getName().compareTo(b.getName()));
        return entries;
    }

    /** Whether the archive holds an entry of that name. */
    static boolean contains(Path archive, String entryName, String path) throws IOException {
        try (ZipFile zip = open(archive, path)) {
            return zip.getEntry(entryName) != null;
        }
    }

    /** The entry's bytes as a source: size from the central directory, inflated on demand, never past that size. */
    static ModelSource source(Path archive, String entryName, String path) throws IOException {
        long size;
        try (ZipFile zip = open(archive, path)) {
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null) {
                throw new ModelFormatException(path, "entry is missing from the archive");
            }
            size = entry.getSize();
            if (size < 0) {
                throw new ModelFormatException(path, "the archive does not record the entry's size");
            }
            long compressed = entry.getCompressedSize();
            if (size >= RATIO_CHECK_FROM_BYTES && compressed >= 0 && size / Math.max(compressed, 1) > MAX_RATIO) {
                throw new ModelFormatException(path, "claims to inflate " + compressed + " bytes to " + size
                        + ", a ratio no real compression reaches: refused as a zip bomb");
            }
        }
        long declared = size;
        return new ModelSource(path, size, () -> {
            ZipFile zip = open(archive, path);
            try {
                ZipEntry entry = zip.getEntry(entryName);
                return new EntryStream(zip, zip.getInputStream(entry), declared, path);
            } catch (ZipException | EOFException e) {
                zip.close();
                throw damaged(path, e);
            } catch (IOException | RuntimeException e) {
                zip.close();
                throw e;
            }
        });
    }

    /** Opens the archive; a damaged one is refused with its name, whichever way {@link ZipFile} fails on it. */
    static ZipFile open(Path archive, String path) throws IOException {
        try {
            return new ZipFile(archive.toFile());
        } catch (ZipException | EOFException e) {
            // Found by fuzzing: an end record pointing past the file fails with a bare EOFException.
            throw new ModelFormatException(path, "is not a readable zip archive: "
                    + (e.getMessage() == null ? "it ends inside its own directory" : e.getMessage()));
        }
    }

    /**
     * Found by fuzzing: the central directory can be sound while an entry's local header or its DEFLATE stream is
     * not, and {@link ZipFile} then fails with a bare {@link ZipException} or {@link EOFException} on read.
     */
    static ModelFormatException damaged(String path, IOException e) {
        return new ModelFormatException(path, "is damaged inside the archive: " + e.getMessage(), e);
    }

    /** Entry names become descriptor paths: one that is absolute or climbs out with {@code ..} is refused. */
    static String safeName(String archivePath, String name) throws ModelFormatException {
        String normalized = name.replace('\\', '/');
        if (ModelSource.leavesFolder(normalized)) {
            throw new ModelFormatException(archivePath, "entry '" + name + "' escapes the archive (absolute path or"
                    + " '..')");
        }
        return normalized;
    }

    /** Inflated entry bytes, refused past the declared size; closing it closes the archive too. */
    private static final class EntryStream extends FilterInputStream {
        private final ZipFile zip;
        private final String path;
        private final long declared;
        private long left;

        EntryStream(ZipFile zip, InputStream in, long declared, String path) {
            super(in);
            this.zip = zip;
            this.declared = declared;
            this.left = declared;
            this.path = path;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                if (left <= 0) {
                    if (super.read() >= 0) {
                        throw new ModelFormatException(path, "inflates past the size the archive declares: refused");
                    }
                    return -1;
                }
                int n = super.read(buffer, offset, (int) Math.min(length, left));
                if (n > 0) {
                    left -= n;
                } else if (n < 0) {
                    // the digest would otherwise be of fewer bytes than the descriptor's size says
                    throw new ModelFormatException(path, "truncated: inflates to fewer bytes than the " + declared
                            + " the archive declares");
                }
                return n;
            } catch (ZipException | EOFException e) {
                throw damaged(path, e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                long skipped = super.skip(Math.min(Math.max(n, 0), left));
                left -= skipped;
                return skipped;
            } catch (ZipException | EOFException e) {
                throw damaged(path, e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                zip.close();
            }
        }
    }
}
