package dev.openaccess.core.format;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A zip on disk read in place, for readers of {@link Layout#ARCHIVE} formats: its entries from the central
 * directory, sorted by name, each entry's bytes as a {@link ModelSource} named {@code archive!/entry}. Closing it
 * closes the directory; entry sources open the archive anew.
 */
public final class ZipArchive implements Closeable {

    private final Path file;
    private final String path;
    private final ZipFile zip;

    ZipArchive(Path file, String path) throws IOException {
        this.file = file;
        this.path = path;
        this.zip = ArchiveEntries.open(file, path);
        if (zip.size() > ArchiveEntries.MAX_ENTRIES) {
            zip.close();
            throw new ModelFormatException(path, "holds " + zip.size() + " entries, more than the "
                    + ArchiveEntries.MAX_ENTRIES + " an archive of models is allowed");
        }
    }

    /** How many entries the central directory lists. */
    public int size() {
        return zip.size();
    }

    /** The entries that are files (not folders), sorted by name. */
    public List<ZipEntry> files() throws ModelFormatException {
        return ArchiveEntries.sortedEntries(zip, path).stream().filter(entry -> !entry.isDirectory()).toList();
    }

    /**
     * An entry's bytes, named {@code archive!/entry}, with the entry as their origin: a reader of a random-access
     * format may then map a stored entry in place ({@link StoredEntry}).
     *
     * @throws ModelFormatException when the entry's name escapes the archive (absolute or {@code ..}), it is missing,
     *                              or it claims a compression ratio no real data reaches
     */
    public ModelSource entry(String name) throws IOException {
        String entryPath = path + "!/" + ArchiveEntries.safeName(path, name);
        return ModelFile.inArchive(file, name, entryPath, null).source();
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
