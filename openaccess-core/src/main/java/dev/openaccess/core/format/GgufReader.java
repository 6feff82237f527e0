package dev.openaccess.core.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.descriptor.TensorLayout;
import dev.openaccess.core.descriptor.Parameters;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads a GGUF file (versions 2 and 3, little-endian) header-only: the header, the metadata key-value pairs and
 * the tensor infos, never the tensor data.
 *
 * <p>Layout (ggml {@code docs/gguf.md}): magic {@code GGUF}, {@code u32} version, {@code u64} tensor count,
 * {@code u64} metadata count, the metadata, the tensor infos (name, {@code u32} n_dims ≤ 4, {@code u64 ne[n_dims]},
 * {@code u32} ggml type, {@code u64} offset), then padding to {@code general.alignment} (a power of two, default
 * 32) and the tensor data, to which every offset is relative.
 *
 * <p>Declared lengths and counts come from the file, so none is trusted: each is checked against the bytes left in
 * the source before anything is allocated or skipped, every product is overflow-checked, and arrays are counted or
 * summarised as they stream past rather than materialised (a 128k-token vocabulary costs no memory). llama.cpp's
 * own loader had CVEs for lacking these checks.
 */
public final class GgufReader implements ModelReader {

    /** GGML_MAX_DIMS. */
    public static final int MAX_DIMS = 4;
    /** The spec limits keys to 2^16 − 1 bytes. */
    static final int MAX_KEY_BYTES = 65_535;
    /** The spec limits tensor names to 64 bytes (ggml's GGML_MAX_NAME). */
    static final int MAX_TENSOR_NAME_BYTES = 64;
    /** Arrays may hold arrays; real files nest at most once, and recursion must stay bounded. */
    static final int MAX_ARRAY_DEPTH = 8;
    /**
     * Real files list at most a few thousand tensors (llama.cpp merges a mixture's experts into one tensor per
     * layer); 100,000 is far beyond that and bounds the tensor infos held while the layout is checked to about 15 MB.
     */
    static final long MAX_TENSORS = 100_000;
    /** Real files hold a few dozen keys; this bounds the metadata held in memory, whatever the file's size. */
    static final long MAX_METADATA_ENTRIES = 100_000;
    /**
     * The longest real string values are an embedded {@code tokenizer.huggingface.json} and chat templates, tens
     * of megabytes at most. Long strings are skipped, not read, so this is a plausibility bound, not a memory one.
     */
    static final long MAX_STRING_BYTES = 256L * 1024 * 1024;
    static final int DEFAULT_ALIGNMENT = 32;
    /** Strings up to this many bytes are kept as metadata; longer ones (chat templates) are skipped. */
    static final int METADATA_MAX_STRING_BYTES = 1024;
    /** Arrays up to this many scalar elements are kept as metadata; longer ones (vocabularies) are skipped. */
    static final int METADATA_MAX_ARRAY_ITEMS = 64;

    private static final byte[] MAGIC = {'G', 'G', 'U', 'F'};
    private static final int HEADER_BYTES = 24;
    /** Key length (8) + a key of at least 1 byte + value type (4) + the smallest value (1). */
    private static final int MIN_KV_BYTES = 14;
    /** Name length (8) + n_dims (4) + type (4) + offset (8), for an empty name and no dimensions. */
    private static final int MIN_TENSOR_INFO_BYTES = 24;
    private static final String EXPERTS_MARK = "_exps";
    /** Ids ggml used and removed (Q4_2, Q4_3, the Q4_0_x_y and IQ4_NL_x_y repackings). */
    private static final Set<Long> REMOVED_TYPE_IDS = Set.of(4L, 5L, 31L, 32L, 33L, 36L, 37L, 38L);
    /**
     * Architectures (llama.cpp {@code MODEL_ARCH_NAMES}) that read a whole sequence at once and keep no KV cache:
     * BERT-style embedding models, the T5 encoder and the CLIP-style encoders of multimodal projector files.
     */
    /** llama.cpp architectures whose feed-forward layer is gated (ffn_gate beside ffn_up), as Llama's SwiGLU. */
    private static final Set<String> GATED_MLP_ARCHITECTURES = Set.of("llama", "llama4", "mistral3", "qwen2",
            "qwen2moe", "qwen3", "qwen3moe", "gemma", "gemma2", "gemma3", "phi3", "granite", "olmo2", "deepseek2",
            "command-r", "cohere2", "internlm2", "minicpm", "exaone", "stablelm");

    private static final Set<String> ENCODERS = Set.of("bert", "modern-bert", "nomic-bert", "nomic-bert-moe",
            "neo-bert", "jina-bert-v2", "jina-bert-v3", "eurobert", "t5encoder", "clip");

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Override
    public ModelFormat format() {
        return ModelFormat.GGUF;
    }

    @Override
    public ModelFacts read(ModelSource source) throws IOException {
        try (InputStream stream = source.open()) {
            return read(new LittleEndianInput(stream, source.path(), source.size()));
        }
    }

    private static ModelFacts read(LittleEndianInput in) throws IOException {
        readMagicAndVersion(in);
        long tensorCount = in.u64("the tensor count");
        long kvCount = in.u64("the metadata count");
        if (Long.compareUnsigned(tensorCount, MAX_TENSORS) > 0) {
            throw in.error("the header declares " + Long.toUnsignedString(tensorCount) + " tensors, more than the "
                    + MAX_TENSORS + " tensor limit");
        }
        if (Long.compareUnsigned(kvCount, MAX_METADATA_ENTRIES) > 0) {
            throw in.error("the header declares " + Long.toUnsignedString(kvCount) + " metadata entries, more than"
                    + " the " + MAX_METADATA_ENTRIES + " metadata entry limit");
        }
        checkCounts(in, tensorCount, kvCount);

        Map<String, Value> kvs = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            String key = in.string(MAX_KEY_BYTES, "metadata key " + i);
            if (key.isEmpty()) {
                throw in.error("metadata key " + i + " is empty");
            }
            ValueType type = valueType(in, in.u32("the value type of '" + key + "'"), key);
            Value value = readValue(in, type, key, 0);
            if (kvs.putIfAbsent(key, value) != null) {
                throw in.error("metadata key '" + key + "' appears twice");
            }
        }
        long alignment = alignment(in, kvs.get("general.alignment"));

        List<TensorInfo> tensors = new ArrayList<>((int) Math.min(tensorCount, 4096));
        Set<String> names = new HashSet<>();
        for (long i = 0; i < tensorCount; i++) {
            TensorInfo tensor = readTensorInfo(in, i);
            if (!names.add(tensor.name())) {
                throw in.error("tensor name '" + tensor.name() + "' appears twice");
            }
            tensors.add(tensor);
        }
        long dataStart = alignUp(in, in.position(), alignment);
        long unknownBound = checkLayout(in, tensors, dataStart, alignment);
        long merges = kvs.get("tokenizer.ggml.merges") instanceof ArrayValue array ? array.count() : 0;
        return describe(in.path(), kvs, tensors, unknownBound).withTensorLayout(layout(dataStart, tensors, merges));
    }

    /**
     * What llama.cpp holds beside the tensor bytes: the header it parses into host memory and the matrices a CPU
     * backend may repack (llama.cpp places {@code token_embd} by its first use, a GET_ROWS, which no repacking
     * buffer supports: src/llama-model.cpp {@code select_weight_buft}, ggml/src/ggml-cpu/repack.cpp
     * {@code supports_op}).
     */
    private static TensorLayout layout(long dataStart, List<TensorInfo> tensors, long merges) {
        Map<String, Long> matrices = new TreeMap<>();
        String embeddingDtype = null;
        Long embeddingBytes = null;
        boolean output = false;
        for (TensorInfo t : tensors) {
            if (t.name().equals("token_embd.weight")) {
                embeddingDtype = t.dtype();
                embeddingBytes = t.known() ? t.bytes() : null;
            } else if (t.ne().length >= 2 && t.known()) {
                matrices.merge(t.dtype(), t.bytes(), Math::addExact);
            }
            output |= t.name().equals("output.weight");
        }
        return new TensorLayout(dataStart, matrices, embeddingDtype, embeddingBytes, !output && embeddingDtype != null,
                merges);
    }

    // ---------------------------------------------------------------------------------------------- header

    private static void readMagicAndVersion(LittleEndianInput in) throws IOException {
        byte[] magic = in.bytes(4, "the magic");
        if (!Arrays.equals(magic, MAGIC)) {
            if (Arrays.equals(magic, new byte[] {'F', 'U', 'G', 'G'})) {
                throw in.error("the magic reads 'FUGG', GGUF byte-swapped: a big-endian file; only little-endian"
                        + " GGUF files are read");
            }
            throw in.error("bad magic " + printable(magic) + ": not a GGUF file (expected 'GGUF')");
        }
        long version = in.u32("the version");
        if (version == 0) {
            throw in.error("GGUF version 0 is not a valid version");
        }
        if ((version & 0xFFFF) == 0) {
            // ggml's own test: a byte-swapped small version has its low 16 bits zero.
            throw in.error("the version reads as " + version + " (0x" + Long.toHexString(version)
                    + "), which is version " + Integer.toUnsignedLong(Integer.reverseBytes((int) version))
                    + " byte-swapped: a big-endian file; only little-endian GGUF files are read");
        }
        if (version == 1) {
            throw in.error("GGUF version 1 is obsolete (32-bit counts and lengths) and not read; convert the file"
                    + " to version 3 with current llama.cpp tools");
        }
        if (version > 3) {
            throw in.error("GGUF version " + version + " is newer than this reader knows (versions 2 and 3)");
        }
    }

    /**
     * Every tensor info and every key-value pair takes some bytes: counts the file cannot hold are refused. Both
     * counts are within their limits here, so the bytes they need cannot overflow.
     */
    private static void checkCounts(LittleEndianInput in, long tensorCount, long kvCount) throws ModelFormatException {
        long needed = tensorCount * MIN_TENSOR_INFO_BYTES + kvCount * MIN_KV_BYTES;
        if (needed > in.remaining()) {
            throw in.error("the header declares " + tensorCount + " tensors and " + kvCount + " metadata entries,"
                    + " which need at least " + needed + " bytes, but only " + in.remaining() + " bytes follow the "
                    + HEADER_BYTES + "-byte header: truncated or not a GGUF file");
        }
    }

    private static long alignment(LittleEndianInput in, Value value) throws ModelFormatException {
        if (value == null) {
            return DEFAULT_ALIGNMENT;
        }
        if (!(value instanceof Scalar scalar) || scalar.type() != ValueType.UINT32) {
            throw in.error("general.alignment must be a uint32, not " + describeType(value));
        }
        long alignment = ((BigInteger) scalar.value()).longValueExact();
        if (alignment == 0 || (alignment & (alignment - 1)) != 0) {
            throw in.error("general.alignment " + alignment + " is not a power of two");
        }
        return alignment;
    }

    // ---------------------------------------------------------------------------------------------- metadata

    /** GGUF metadata value types, in id order (the ordinal is the id). */
    private enum ValueType {
        UINT8(1), INT8(1), UINT16(2), INT16(2), UINT32(4), INT32(4), FLOAT32(4), BOOL(1), STRING(-1), ARRAY(-1),
        UINT64(8), INT64(8), FLOAT64(8);

        private final int width;

        ValueType(int width) {
            this.width = width;
        }

        /** The fewest bytes one value of this type takes: a string its length, an array its type and count. */
        int minBytes() {
            return this == STRING ? 8 : this == ARRAY ? 12 : width;
        }

        boolean isInteger() {
            return switch (this) {
                case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> true;
                default -> false;
            };
        }

        boolean isFloat() {
            return this == FLOAT32 || this == FLOAT64;
        }

        /** Integer types whose values fit a signed long (all but UINT64). */
        boolean fitsLong() {
            return isInteger() && this != UINT64;
        }

        String gguf() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A metadata value as far as the reader keeps it: scalars and short strings whole, arrays summarised. */
    private sealed interface Value permits Scalar, LongText, ArrayValue {
    }

    /** An integer (as BigInteger), float, double, boolean or a string of at most 1 KiB. */
    private record Scalar(ValueType type, Object value) implements Value {
    }

    /** A string too long to keep, skipped. */
    private record LongText(long length) implements Value {
    }

    /**
     * An array: its element type and count, the range of its integers, and its elements only when there are few
     * scalars or short strings (null otherwise).
     */
    private record ArrayValue(ValueType elementType, long count, BigInteger min, BigInteger max, List<Object> items)
            implements Value {
    }

    private static ValueType valueType(LittleEndianInput in, long id, String key) throws ModelFormatException {
        if (id < 0 || id >= ValueType.values().length) {
            throw in.error("metadata '" + key + "' has unknown value type " + id + " (GGUF defines 0 to 12)");
        }
        return ValueType.values()[(int) id];
    }

    private static Value readValue(LittleEndianInput in, ValueType type, String key, int depth) throws IOException {
        String what = "the value of '" + key + "'";
        return switch (type) {
            case UINT8 -> new Scalar(type, BigInteger.valueOf(in.u8(what)));
            case INT8 -> new Scalar(type, BigInteger.valueOf((byte) in.u8(what)));
            case UINT16 -> new Scalar(type, BigInteger.valueOf(in.u16(what)));
            case INT16 -> new Scalar(type, BigInteger.valueOf((short) in.u16(what)));
            case UINT32 -> new Scalar(type, BigInteger.valueOf(in.u32(what)));
            case INT32 -> new Scalar(type, BigInteger.valueOf((int) in.u32(what)));
            case UINT64 -> new Scalar(type, new BigInteger(Long.toUnsignedString(in.u64(what))));
            case INT64 -> new Scalar(type, BigInteger.valueOf(in.u64(what)));
            case FLOAT32 -> new Scalar(type, Float.intBitsToFloat((int) in.u32(what)));
            case FLOAT64 -> new Scalar(type, Double.longBitsToDouble(in.u64(what)));
            case BOOL -> {
                int b = in.u8(what);
                if (b > 1) {
                    throw in.error(what + " is a bool holding " + b + ", neither 0 nor 1");
                }
                yield new Scalar(type, b == 1);
            }
            case STRING -> readText(in, what, true);
            case ARRAY -> readArray(in, key, depth + 1);
        };
    }

    /** An integer array element of a type that fits a signed long (not UINT64). */
    private static long readInteger(LittleEndianInput in, ValueType type, String what) throws IOException {
        return switch (type) {
            case UINT8 -> in.u8(what);
            case INT8 -> (byte) in.u8(what);
            case UINT16 -> in.u16(what);
            case INT16 -> (short) in.u16(what);
            case UINT32 -> in.u32(what);
            case INT32 -> (int) in.u32(what);
            case INT64 -> in.u64(what);
            default -> throw new IllegalStateException(type + " is not a signed-long integer type");
        };
    }

    /** A string value: kept when short (and {@code keep}), else skipped without being read into memory. */
    private static Value readText(LittleEndianInput in, String what, boolean keep) throws IOException {
        return readText(in, what, -1, keep);
    }

    /**
     * A string value, element {@code index} of an array ({@code -1}: not in an array). The element's description is
     * built only for an error: a vocabulary holds 100,000s of strings.
     */
    private static Value readText(LittleEndianInput in, String what, long index, boolean keep) throws IOException {
        long length = in.u64(what);
        if (Long.compareUnsigned(length, MAX_STRING_BYTES) > 0) {
            throw in.error((index < 0 ? what : what + " element " + index) + " declares a string of "
                    + Long.toUnsignedString(length) + " bytes, more than the " + MAX_STRING_BYTES
                    + "-byte string limit");
        }
        if (length > in.remaining()) {
            in.declared(length, (index < 0 ? what : what + " element " + index) + " declares a string of "
                    + Long.toUnsignedString(length) + " bytes");
        }
        if (keep && length <= METADATA_MAX_STRING_BYTES) {
            return new Scalar(ValueType.STRING, new String(in.bytes((int) length, what), StandardCharsets.UTF_8));
        }
        in.skip(length, what);
        return new LongText(length);
    }

    private static Value readArray(LittleEndianInput in, String key, int depth) throws IOException {
        String what = "the array '" + key + "'";
        if (depth > MAX_ARRAY_DEPTH) {
            throw in.error(what + " nests arrays more than " + MAX_ARRAY_DEPTH + " deep");
        }
        ValueType elementType = valueType(in, in.u32(what + " element type"), key);
        long count = in.u64(what + " element count");
        String declares = what + " declares " + Long.toUnsignedString(count) + " " + elementType.gguf() + " elements";
        if (count < 0) {
            throw in.error(declares + ": more than any file holds");
        }
        in.declared(Checked.product(in.path(), declares + ": more than any file holds; their size", count,
                elementType.minBytes()), declares);
        boolean keep = count <= METADATA_MAX_ARRAY_ITEMS && elementType != ValueType.ARRAY;
        List<Object> items = keep ? new ArrayList<>() : null;
        BigInteger min = null;
        BigInteger max = null;
        if (elementType.isFloat() && !keep) {
            in.skip(count * elementType.width, what); // count × width was checked above
        } else if (elementType == ValueType.STRING) {
            for (long i = 0; i < count; i++) {
                Value item = readText(in, what, i, items != null);
                if (items != null && item instanceof Scalar scalar) {
                    items.add(scalar.value());
                } else {
                    items = null; // a long string: the array is not kept
                }
            }
        } else if (elementType == ValueType.ARRAY) {
            for (long i = 0; i < count; i++) {
                readArray(in, key, depth + 1);
            }
        } else if (elementType.fitsLong()) {
            // Plain longs, not a BigInteger per element: token type arrays hold 100,000s of them.
            long low = Long.MAX_VALUE;
            long high = Long.MIN_VALUE;
            for (long i = 0; i < count; i++) {
                long value = readInteger(in, elementType, what);
                low = Math.min(low, value);
                high = Math.max(high, value);
                if (items != null) {
                    items.add(BigInteger.valueOf(value));
                }
            }
            if (count > 0) {
                min = BigInteger.valueOf(low);
                max = BigInteger.valueOf(high);
            }
        } else {
            for (long i = 0; i < count; i++) {
                Scalar item = (Scalar) readValue(in, elementType, key, depth);
                if (item.value() instanceof BigInteger integer) {
                    min = min == null ? integer : min.min(integer);
                    max = max == null ? integer : max.max(integer);
                }
                if (items != null) {
                    items.add(item.value());
                }
            }
        }
        return new ArrayValue(elementType, count, min, max, items);
    }

    // ---------------------------------------------------------------------------------------------- tensors

    /**
     * One tensor info.
     *
     * @param type  the ggml type, or null when this reader does not know {@code typeId}
     * @param bytes the data size, or -1 when the type is unknown
     */
    private record TensorInfo(String name, long typeId, GgmlType type, long[] ne, long elements, long offset,
                              long bytes) {

        boolean known() {
            return type != null;
        }

        String dtype() {
            return type != null ? type.name() : "GGML_TYPE_" + typeId;
        }
    }

    private static TensorInfo readTensorInfo(LittleEndianInput in, long index) throws IOException {
        String name = in.string(MAX_TENSOR_NAME_BYTES, "the name of tensor " + index);
        String where = "tensor '" + name + "'";
        long nDims = in.u32(where + " dimension count");
        if (nDims > MAX_DIMS) {
            throw in.error(where + " has " + nDims + " dimensions; GGUF allows at most " + MAX_DIMS);
        }
        long[] ne = new long[(int) nDims];
        for (int j = 0; j < nDims; j++) {
            ne[j] = in.u64(where + " dimension " + j);
            if (ne[j] < 0) {
                throw in.error(where + " dimension " + j + " is " + Long.toUnsignedString(ne[j])
                        + ", beyond 2^63 - 1");
            }
        }
        long elements = Checked.elements(in.path(), where, ne);
        long typeId = in.u32(where + " type");
        long offset = in.u64(where + " offset");
        if (offset < 0) {
            throw in.error(where + " data offset " + Long.toUnsignedString(offset) + " is beyond 2^63 - 1");
        }
        GgmlType type = GgmlType.byId(typeId).orElse(null);
        long bytes = -1;
        if (type != null) {
            // ggml quantizes row by row: a row (ne[0]) must hold whole blocks, and so then does the tensor.
            long row = nDims == 0 ? 1 : ne[0];
            if (row % type.blockSize() != 0) {
                throw in.error(where + " is " + type + " " + Arrays.toString(ne) + ": rows of " + row
                        + " elements are not a whole number of " + type + " blocks of " + type.blockSize());
            }
            // whole blocks, as the row check above makes sure: elements / blockSize × bytes per block
            bytes = Checked.product(in.path(), where + " " + type + " " + Arrays.toString(ne) + ": byte size",
                    elements / type.blockSize(), type.typeSize());
        }
        return new TensorInfo(name, typeId, type, ne, elements, offset, bytes);
    }

    private static long alignUp(LittleEndianInput in, long position, long alignment) throws ModelFormatException {
        String what = "the data section start";
        return Checked.product(in.path(), what, Checked.sum(in.path(), what, position, alignment - 1) / alignment,
                alignment);
    }

    /**
     * Every offset is aligned, every tensor lies inside the file and none overlaps another.
     *
     * @return an upper bound on the bytes of the tensors of unknown type, from the offsets around them
     */
    private static long checkLayout(LittleEndianInput in, List<TensorInfo> tensors, long dataStart, long alignment)
            throws ModelFormatException {
        long fileSize = in.size();
        for (TensorInfo t : tensors) {
            String where = "tensor '" + t.name() + "'";
            if (t.offset() % alignment != 0) {
                throw in.error(where + " data offset " + t.offset() + " is not a multiple of the alignment "
                        + alignment);
            }
            long start = dataStart + t.offset(); // both below 2^63; the sum can only exceed the file, see below
            if (start < 0 || start > fileSize) {
                throw in.error(where + " starts at data offset " + t.offset() + " (file byte "
                        + Long.toUnsignedString(start) + "), beyond the end of the file (" + fileSize + " bytes)");
            }
            if (t.known() && t.bytes() > fileSize - start) {
                throw in.error("truncated: " + where + " (" + t.dtype() + " " + Arrays.toString(t.ne()) + ", "
                        + t.bytes() + " bytes at data offset " + t.offset() + ") ends at file byte "
                        + Long.toUnsignedString(start + t.bytes()) + " but the file has " + fileSize + " bytes");
            }
        }
        List<TensorInfo> byOffset = new ArrayList<>(tensors);
        byOffset.sort(Comparator.comparingLong(TensorInfo::offset));
        // the next larger offset after each tensor (or the end of the file), computed from the back in one pass
        long[] nextOffset = new long[byOffset.size()];
        long next = fileSize - dataStart;
        for (int i = byOffset.size() - 1; i >= 0; i--) {
            nextOffset[i] = next;
            if (i > 0 && byOffset.get(i - 1).offset() < byOffset.get(i).offset()) {
                next = byOffset.get(i).offset();
            }
        }
        long reach = 0;
        String reachName = null;
        long unknownBound = 0;
        for (int i = 0; i < byOffset.size(); i++) {
            TensorInfo t = byOffset.get(i);
            if (t.offset() < reach && t.bytes() != 0) {
                throw in.error("tensor '" + t.name() + "' at data offset " + t.offset() + " overlaps tensor '"
                        + reachName + "', which runs to data offset " + reach);
            }
            if (t.known() && t.offset() + t.bytes() > reach) {
                reach = t.offset() + t.bytes();
                reachName = t.name();
            }
            if (!t.known()) {
                unknownBound += nextOffset[i] - t.offset();
            }
        }
        return unknownBound;
    }

    // ---------------------------------------------------------------------------------------------- facts

    private static ModelFacts describe(String path, Map<String, Value> kvs, List<TensorInfo> tensors,
                                       long unknownBound) throws ModelFormatException {
        List<String> warnings = new ArrayList<>();
        WeightCount count = new WeightCount(path);
        long expertParameters = 0;
        Map<Long, long[]> unknown = new TreeMap<>(); // type id -> {tensors, elements}
        for (TensorInfo t : tensors) {
            count.tensor(t.dtype(), t.elements(), t.known() ? t.bytes() : null);
            if (!t.known()) {
                long[] counts = unknown.computeIfAbsent(t.typeId(), id -> new long[2]);
                counts[0]++;
                counts[1] = Checked.sum(path, "the elements of unknown types", counts[1], t.elements());
            }
            if (t.name().contains(EXPERTS_MARK)) {
                expertParameters = Checked.sum(path, "the expert tensors' elements", expertParameters,
                        t.elements());
            }
        }
        long total = count.total();
        if (!unknown.isEmpty()) {
            warnings.add(path + ": " + unknown.entrySet().stream()
                    .map(e -> e.getValue()[0] + " tensor" + (e.getValue()[0] == 1 ? "" : "s") + " ("
                            + e.getValue()[1] + " elements) of ggml type id " + e.getKey()
                            + (REMOVED_TYPE_IDS.contains(e.getKey()) ? " (removed from ggml)"
                            : " (not in this reader's table)"))
                    .collect(Collectors.joining(", "))
                    + ": their elements are counted but their size is unknown, so weightsBytes covers only the"
                    + " tensors of known types (the offsets leave at most " + unknownBound + " bytes for the others)");
        }
        Architecture architecture = architecture(path, kvs, warnings);
        long active = activeParameters(path, total, expertParameters, architecture, warnings);
        splitWarning(path, kvs, warnings);
        return new ModelFacts(ModelFormat.GGUF, new Parameters(total, active, count.parameters().byDtype(), true),
                count.weightsBytes(), count.tensors(), architecture, metadata(kvs), warnings);
    }

    /** {@code active = total − expertParameters × (1 − used / count)}: the experts a token does not visit. */
    private static long activeParameters(String path, long total, long expertParameters, Architecture arch,
                                         List<String> warnings) {
        if (expertParameters == 0) {
            return total;
        }
        if (arch == null || arch.experts() == null || arch.activeExperts() == null
                || arch.activeExperts() > arch.experts()) {
            warnings.add(path + ": " + expertParameters + " parameters are in expert tensors (*" + EXPERTS_MARK
                    + "*) but the expert count and the experts used per token are not both declared (or more are"
                    + " used than exist): active parameters are reported as the total");
            return total;
        }
        BigInteger idle = BigInteger.valueOf(expertParameters)
                .multiply(BigInteger.valueOf(arch.experts() - arch.activeExperts()))
                .divide(BigInteger.valueOf(arch.experts()));
        return total - idle.longValueExact();
    }

    private static void splitWarning(String path, Map<String, Value> kvs, List<String> warnings) {
        if (kvs.get("split.count") instanceof Scalar count && count.value() instanceof BigInteger n
                && n.compareTo(BigInteger.ONE) > 0) {
            Value no = kvs.get("split.no");
            warnings.add(path + ": one shard of a split model (split.no " + (no instanceof Scalar s ? s.value() : "?")
                    + " of split.count " + n + "): its parameters, bytes and tensors are this file's only");
        }
    }

    private static Architecture architecture(String path, Map<String, Value> kvs, List<String> warnings) {
        if (!(kvs.get("general.architecture") instanceof Scalar s && s.value() instanceof String arch)) {
            warnings.add(path + ": no general.architecture string: the architecture is unknown");
            return null;
        }
        Hyper hyper = new Hyper(path, kvs, arch + ".", warnings);
        Integer layers = hyper.get("block_count");
        Integer context = hyper.get("context_length");
        Integer hidden = hyper.get("embedding_length");
        Integer heads = hyper.get("attention.head_count");
        Integer kvHeads = hyper.get("attention.head_count_kv");
        if (kvHeads == null) {
            kvHeads = heads; // llama.cpp's default: no GQA declared means one KV head per query head
        }
        Integer headDim = hyper.get("attention.key_length");
        if (headDim == null && hidden != null && heads != null && heads > 0 && hidden % heads == 0) {
            headDim = hidden / heads;
        }
        Integer experts = hyper.get("expert_count");
        Integer activeExperts = hyper.get("expert_used_count");
        if (experts == null || experts == 0) {
            experts = null;
            activeExperts = null;
        }
        Integer window = hyper.get("attention.sliding_window");
        if (window != null && window == 0) {
            window = null;
        }
        Integer windowedLayers = window == null || layers == null ? null : windowedLayers(arch, hyper, layers);
        Integer vocab = hyper.get("vocab_size");
        if (vocab == null && kvs.get("tokenizer.ggml.tokens") instanceof ArrayValue tokens
                && tokens.count() <= Integer.MAX_VALUE) {
            vocab = (int) tokens.count();
        }
        // A mixture of experts declares each expert's width separately; a dense model only the one MLP's.
        Integer feedForward = experts != null && hyper.get("expert_feed_forward_length") != null
                ? hyper.get("expert_feed_forward_length") : hyper.get("feed_forward_length");
        return new Architecture(arch, layers, hidden, heads, kvHeads, headDim, vocab, context, experts, activeExperts,
                window, ENCODERS.contains(arch) ? Architecture.ENCODER : Architecture.DECODER, feedForward,
                GATED_MLP_ARCHITECTURES.contains(arch) ? Boolean.TRUE : null, null, windowedLayers, null);
    }

    /**
     * Period of the sliding-window pattern of the architectures that alternate windowed and full layers, as
     * llama.cpp sets it when the file declares none ({@code set_swa_pattern} in src/models/gemma2.cpp: 2,
     * gemma3.cpp: 6, cohere2.cpp: 4, openai-moe.cpp: 2, exaone4.cpp: 4, olmo2.cpp: 4).
     */
    private static final Map<String, Integer> SWA_PERIODS = Map.of("gemma2", 2, "gemma3", 6, "cohere2", 4,
            "gpt-oss", 2, "exaone4", 4, "olmo2", 4);

    /**
     * Layers that attend within the window; null when every layer does. llama.cpp's {@code set_swa_pattern(n)}
     * (src/llama-hparams.cpp) makes layer {@code il} windowed when {@code il % n < n - 1}: the last of every
     * {@code n} layers attends to the whole context.
     */
    private static Integer windowedLayers(String arch, Hyper hyper, int layers) {
        Integer period = hyper.kvs().get(hyper.prefix() + "attention.sliding_window_pattern") instanceof Scalar
                ? hyper.get("attention.sliding_window_pattern") : SWA_PERIODS.get(arch);
        if (period == null || period <= 1) {
            return null; // every layer windowed (Mistral), or a per-layer array this reader does not expand
        }
        int windowed = 0;
        for (int il = 0; il < layers; il++) {
            windowed += il % period < period - 1 ? 1 : 0;
        }
        return windowed;
    }

    /** Reads {@code {arch}.*} hyperparameters: integers of any width, or per-layer arrays of them (their maximum). */
    private record Hyper(String path, Map<String, Value> kvs, String prefix, List<String> warnings) {

        Integer get(String name) {
            String key = prefix + name;
            Value value = kvs.get(key);
            BigInteger number;
            if (value == null) {
                return null;
            } else if (value instanceof Scalar s && s.value() instanceof BigInteger integer) {
                number = integer;
            } else if (value instanceof ArrayValue array && array.max() != null) {
                number = array.max();
                warnings.add(path + ": " + key + " is per layer (" + array.count() + " values from " + array.min()
                        + " to " + array.max() + "): the largest, " + array.max() + ", is used");
            } else {
                warnings.add(path + ": " + key + " is " + describeType(value)
                        + ", not an integer or integers: ignored");
                return null;
            }
            if (number.signum() < 0 || number.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
                warnings.add(path + ": " + key + " = " + number + " is outside 0.." + Integer.MAX_VALUE + ": ignored");
                return null;
            }
            return number.intValue();
        }
    }

    /** Scalars, strings up to 1 KiB and short arrays, rendered as text; long strings and arrays are left out. */
    private static Map<String, String> metadata(Map<String, Value> kvs) {
        Map<String, String> metadata = new TreeMap<>();
        kvs.forEach((key, value) -> {
            String text = null;
            if (value instanceof Scalar scalar) {
                text = String.valueOf(scalar.value());
            } else if (value instanceof ArrayValue array && array.items() != null) {
                try {
                    text = JSON.writeValueAsString(array.items());
                } catch (JsonProcessingException e) {
                    text = null;
                }
            }
            if (text != null && text.length() <= METADATA_MAX_STRING_BYTES) {
                metadata.put(key, text);
            }
        });
        return metadata;
    }

    /** The value's GGUF type, as {@code int32}, {@code string} or {@code array of float32}. */
    private static String describeType(Value value) {
        if (value instanceof Scalar scalar) {
            return scalar.type().gguf();
        }
        if (value instanceof ArrayValue array) {
            return "array of " + array.elementType().gguf();
        }
        return "string";
    }

    private static String printable(byte[] bytes) {
        StringBuilder text = new StringBuilder("'");
        for (byte b : bytes) {
            text.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xFF));
        }
        return text.append('\'').toString();
    }

    // ---------------------------------------------------------------------------------------------- input
}
