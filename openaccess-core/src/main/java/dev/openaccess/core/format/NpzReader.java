package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Parameters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a NumPy {@code .npz} archive (one {@code .npy} per array, as {@code numpy.savez} writes) as one model:
 * the central directory lists the arrays, each array's header is read through the archive.
 */
public final class NpzReader {

    /** Far more arrays than any model holds; a larger archive is refused before it is walked. */
    static final int MAX_ARRAYS = 100_000;

    public ModelFacts read(ModelFile npz) throws IOException {
        if (npz.entry() != null) {
            throw new ModelFormatException(npz.path(), ".npz archives inside another archive are not read");
        }
        Map<String, Long> byDtype = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        long bytes = 0;
        long arrays = 0;
        try (ZipFile zip = ArchiveEntries.open(npz.file(), npz.path())) {
            if (zip.size() > MAX_ARRAYS) {
                throw new ModelFormatException(npz.path(), "holds " + zip.size() + " entries, more than "
                        + MAX_ARRAYS);
            }
            for (ZipEntry entry : ArchiveEntries.sortedEntries(zip, npz.path())) {
                if (entry.isDirectory()) {
                    continue;
                }
                // entry names become descriptor paths, as in any archive: none may climb out of it
                String path = npz.path() + "!/" + ArchiveEntries.safeName(npz.path(), entry.getName());
                NpyReader.Array array = NpyReader.readArray(ArchiveEntries.source(npz.file(), entry.getName(), path));
                try {
                    byDtype.merge(array.dtype(), array.elements(), Math::addExact);
                    if (array.bytes() != null) {
                        bytes = Math.addExact(bytes, array.bytes());
                    }
                } catch (ArithmeticException e) {
                    // Arrays of structured dtypes are counted but not sized, so their shapes are bounded by
                    // nothing in the file: two of 2^62 elements overflow the sum.
                    throw new ModelFormatException(npz.path(), "its arrays declare more than 2^63 - 1 elements in"
                            + " all, at " + path);
                }
                if (array.bytes() == null) {
                    warnings.add(path + ": dtype " + array.descr() + " has no fixed-size numeric form here; its "
                            + array.elements() + " elements are counted, its bytes are not");
                }
                arrays++;
            }
        }
        long total;
        try {
            total = byDtype.values().stream().mapToLong(Long::longValue).reduce(0, Math::addExact);
        } catch (ArithmeticException e) {
            throw new ModelFormatException(npz.path(), "its arrays declare more than 2^63 - 1 elements in all");
        }
        return new ModelFacts(ModelFormat.NPZ, new Parameters(total, total, byDtype, true), bytes, arrays, null,
                Map.of(), warnings);
    }
}
