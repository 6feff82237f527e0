package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Loading;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;

/**
 * Reads a NumPy {@code .npz} archive (one {@code .npy} per array, as {@code numpy.savez} writes) as one model:
 * the central directory lists the arrays, each array's header is read through the archive ({@link Layout#ARCHIVE}).
 */
public final class NpzReader implements ModelReader {

    /** Far more arrays than any model holds; a larger archive is refused before it is walked. */
    static final int MAX_ARRAYS = 100_000;

    @Override
    public ModelFormat format() {
        return ModelFormat.NPZ;
    }

    @Override
    public ModelFacts read(ModelSource npz) throws IOException {
        WeightCount count = new WeightCount(npz.path(), "its arrays");
        List<String> warnings = new ArrayList<>();
        boolean pickled = false;
        try (ZipArchive zip = npz.archive()) {
            if (zip.size() > MAX_ARRAYS) {
                throw new ModelFormatException(npz.path(), "holds " + zip.size() + " entries, more than "
                        + MAX_ARRAYS);
            }
            for (ZipEntry entry : zip.files()) {
                // entry names become descriptor paths, as in any archive: none may climb out of it
                ModelSource source = zip.entry(entry.getName());
                NpyReader.Array array = NpyReader.readArray(source);
                // Arrays of structured dtypes are counted but not sized, so their shapes are bounded by nothing in
                // the file: two of 2^62 elements overflow the sum, which the count refuses.
                count.tensor(array.dtype(), array.elements(), array.bytes());
                if (array.bytes() == null) {
                    warnings.add(source.path() + ": dtype " + array.descr() + " has no fixed-size numeric form here;"
                            + " its " + array.elements() + " elements are counted, its bytes are not");
                }
                if (array.pickled()) {
                    pickled = true;
                    warnings.add(array.pickleWarning(source.path()));
                }
            }
        }
        return new ModelFacts(ModelFormat.NPZ, count.parameters(), count.weightsBytes(), count.tensors(), null,
                Map.of(), warnings, pickled ? Loading.executesCode(List.of()) : Loading.SAFE, List.of());
    }
}
