package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Loading;
import dev.openaccess.core.descriptor.Parameters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a NumPy {@code .npy} array header-only (numpy's {@code format.py}, versions 1 to 3): magic
 * {@code \x93NUMPY}, version, a little-endian header length, then a Python dict literal with {@code descr},
 * {@code fortran_order} and {@code shape}. The array's bytes must follow to the end of the file.
 */
public final class NpyReader implements ModelReader {

    /** numpy itself refuses headers over 10,000 bytes unless told otherwise. */
    static final int MAX_HEADER_BYTES = 10_000;
    /** numpy keeps an item size in a C int; nine digits always parse as one, and no real dtype comes close. */
    static final int MAX_ITEM_SIZE_DIGITS = 9;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-zA-Z])(\\d+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    /** numpy's object dtype ({@code |O}, {@code O8}), alone or as a field of a structured dtype. */
    private static final Pattern OBJECT = Pattern.compile("'[|<>=]?O\\d*'");

    /** numpy type characters and their descriptor dtype name prefixes. */
    private static final Map<Character, String> KINDS = Map.of('f', "F", 'i', "I", 'u', "U", 'b', "BOOL",
            'c', "C");

    @Override
    public ModelFormat format() {
        return ModelFormat.NPY;
    }

    @Override
    public ModelFacts read(ModelSource source) throws IOException {
        Array array = readArray(source);
        List<String> warnings = new ArrayList<>();
        Long bytes = array.bytes();
        if (bytes == null) {
            warnings.add(source.path() + ": dtype " + array.descr() + " has no fixed-size numeric form here; its "
                    + array.elements() + " elements are counted, its bytes are not");
        }
        if (array.pickled()) {
            warnings.add(array.pickleWarning(source.path()));
        }
        return new ModelFacts(ModelFormat.NPY, new Parameters(array.elements(), array.elements(),
                Map.of(array.dtype(), array.elements()), true), bytes, 1L, null, Map.of(), warnings,
                array.loading(), List.of());
    }

    /**
     * One array's header: its dtype, element count, and data bytes (null when the dtype has no fixed size).
     *
     * @param pickled whether the dtype holds Python objects, which numpy stores as a pickle: loading them
     *                ({@code allow_pickle=True}) runs whatever the pickle says
     */
    record Array(String descr, String dtype, long elements, Long bytes, boolean pickled) {

        Array(String descr, String dtype, long elements, Long bytes) {
            this(descr, dtype, elements, bytes, false);
        }

        /** What loading the array does: object arrays are unpickled. */
        Loading loading() {
            return pickled ? Loading.executesCode(List.of()) : Loading.SAFE;
        }

        /** The warning an object array gets: its pickle is not read, so what it imports is not known. */
        String pickleWarning(String path) {
            return path + ": dtype " + descr + " holds Python objects, stored as a pickle that numpy.load runs"
                    + " (allow_pickle=True): loading it executes code; what the pickle imports is not read here";
        }
    }

    static Array readArray(ModelSource source) throws IOException {
        String path = source.path();
        try (InputStream in = source.open()) {
            byte[] prefix = in.readNBytes(8);
            if (prefix.length < 8 || !Arrays.equals(prefix, 0, 6, MAGIC, 0, 6)) {
                throw new ModelFormatException(path, "does not start with the NumPy magic \\x93NUMPY");
            }
            int major = prefix[6] & 0xFF;
            if (major < 1 || major > 3) {
                throw new ModelFormatException(path, "NumPy format version " + major + " is not one of 1, 2, 3");
            }
            int lengthBytes = major == 1 ? 2 : 4;
            byte[] lengthField = in.readNBytes(lengthBytes);
            if (lengthField.length < lengthBytes) {
                throw new ModelFormatException(path, "truncated in the header length");
            }
            long headerLength = 0;
            for (int i = lengthBytes - 1; i >= 0; i--) {
                headerLength = (headerLength << 8) | (lengthField[i] & 0xFF);
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw new ModelFormatException(path, "header of " + headerLength + " bytes is over the "
                        + MAX_HEADER_BYTES + "-byte limit numpy itself applies");
            }
            byte[] header = in.readNBytes((int) headerLength);
            if (header.length < headerLength) {
                throw new ModelFormatException(path, "truncated: the header declares " + headerLength + " bytes");
            }
            Array array = parse(path, new String(header, major == 3 ? StandardCharsets.UTF_8
                    : StandardCharsets.ISO_8859_1));
            long dataStart = 8 + lengthBytes + headerLength;
            if (array.bytes() != null && source.size() - dataStart != array.bytes()) {
                throw new ModelFormatException(path, (source.size() - dataStart < array.bytes() ? "truncated: " : "")
                        + "the array needs " + array.bytes() + " bytes of data but the file holds "
                        + (source.size() - dataStart));
            }
            return array;
        }
    }

    private static Array parse(String path, String header) throws ModelFormatException {
        Matcher shape = SHAPE.matcher(header);
        if (!shape.find()) {
            throw new ModelFormatException(path, "header has no 'shape' tuple: " + header.strip());
        }
        List<Long> dims = new ArrayList<>();
        for (String dim : shape.group(1).split(",")) {
            if (dim.isBlank()) {
                continue;
            }
            try {
                dims.add(Long.parseLong(dim.strip().replaceFirst("L$", "")));
            } catch (NumberFormatException e) {
                throw new ModelFormatException(path, "shape (" + shape.group(1) + ") is not a tuple of integers");
            }
        }
        long elements = Checked.elements(path, "the array", dims.stream().mapToLong(Long::longValue).toArray());
        Matcher descr = DESCR.matcher(header);
        if (!descr.find()) {
            // structured or object arrays: counted, not sized
            return new Array(header.replaceAll("(?s).*'descr'\\s*:\\s*", "").split(",")[0].strip(), "NUMPY_OTHER",
                    elements, null, OBJECT.matcher(header).find());
        }
        char kind = descr.group(2).charAt(0);
        if (descr.group(3).length() > MAX_ITEM_SIZE_DIGITS) {
            // Found by review: Integer.parseInt threw on '<f99999999999'; numpy's own item sizes fit an int.
            throw new ModelFormatException(path, "dtype " + descr.group(0) + " declares an item size of more than "
                    + MAX_ITEM_SIZE_DIGITS + " digits");
        }
        int itemBytes = Integer.parseInt(descr.group(3));
        String prefix = KINDS.get(kind);
        if (prefix == null) {
            return new Array(descr.group(0), "NUMPY_" + kind + itemBytes, elements, null);
        }
        String dtype = prefix.equals("BOOL") ? "BOOL" : prefix + itemBytes * 8L; // <f4 → F32, <c8 → C64
        return new Array(descr.group(1) + kind + itemBytes, dtype, elements,
                Checked.product(path, "the array's byte size", elements, itemBytes));
    }
}
