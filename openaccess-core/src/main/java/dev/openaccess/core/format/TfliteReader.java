package dev.openaccess.core.format;

import dev.openaccess.core.format.tflite.BlockwiseQuantization;
import dev.openaccess.core.format.tflite.Buffer;
import dev.openaccess.core.format.tflite.DimensionMetadata;
import dev.openaccess.core.format.tflite.ExternalBuffer;
import dev.openaccess.core.format.tflite.Model;
import dev.openaccess.core.format.tflite.MultiAxisQuantization;
import dev.openaccess.core.format.tflite.QuantizationDetails;
import dev.openaccess.core.format.tflite.QuantizationParameters;
import dev.openaccess.core.format.tflite.SparseIndexVector;
import dev.openaccess.core.format.tflite.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a TensorFlow Lite model (a FlatBuffer of TensorFlow's {@code schema.fbs}, identifier {@code TFL3}) through the
 * classes {@code flatc} generated from that schema, each table, vector and string checked by
 * {@link FlatBufferVerifier} before they read it. The file is mapped, not read ({@link FlatBufferInput}): only the
 * tables and the vectors' lengths are touched, never the weights.
 *
 * <p>What is counted, in every subgraph:
 * <ul>
 *   <li>The weights are the constant tensors: those whose buffer holds data, in the FlatBuffer ({@code Buffer.data})
 *       or, in models over 2 GB, after it ({@code Buffer.offset}/{@code size}), or in an external file
 *       ({@code Tensor.external_buffer}, schema 3d). Buffer 0 and the empty buffers of activations are not weights.
 *       A buffer several tensors share (subgraphs of one model share their constants) is counted once.</li>
 *   <li>Elements from the tensor's shape, by its type; bytes as stored. A sparse tensor ({@code sparsity}) counts
 *       the elements of its dense shape, and the bytes it stores: its non-zero values and its index arrays
 *       ({@code array_segments}, {@code array_indices}).</li>
 *   <li>Quantization parameters are not parameters: a weight's {@code scale} and {@code zero_point} arrays (and the
 *       scale and zero-point tensors of blockwise quantization) only say what its int8 or int4 values stand for, as
 *       the block scales of a GGUF Q4_0 tensor do. Their bytes are counted with the weights' (4 per scale, 8 per
 *       zero point, as the file stores them): a runtime holds them to compute with the weights.</li>
 * </ul>
 */
public final class TfliteReader implements ModelReader {

    /** Far more tensors than real models hold (a converted LLM holds tens of thousands); bounds the walk. */
    static final int MAX_TENSORS = 1_000_000;
    /** Real models hold a few subgraphs (one per signature and control-flow body). */
    static final int MAX_SUBGRAPHS = 100_000;
    /**
     * Dimensions per tensor, and per sparse tensor's traversal order. The schema sets none; TensorFlow Lite's kernels
     * take at most 6, numpy 64 (NPY_MAXDIMS), as ONNX's limit here.
     */
    static final int MAX_DIMS = 64;
    private static final int MAX_NAME_BYTES = 64 * 1024;
    private static final int MAX_METADATA_CHARS = 1024;
    private static final int MAX_METADATA_NAMES = 64;
    private static final String IDENTIFIER = "TFL3";

    // The vtable slots of the fields read: 4 + 2 × the field's index in schema.fbs, as the generated classes' own
    // __offset(n) calls name them (TfliteReaderTest.theReadersFieldSlotsAreTheGeneratedClasses compares the two).
    static final int MODEL_VERSION = 4, MODEL_SUBGRAPHS = 8, MODEL_DESCRIPTION = 10, MODEL_BUFFERS = 12,
            MODEL_METADATA = 16, MODEL_EXTERNAL_BUFFER_GROUPS = 20, MODEL_EXTERNAL_BUFFERS = 22;
    static final int SUBGRAPH_TENSORS = 4;
    static final int TENSOR_SHAPE = 4, TENSOR_TYPE = 6, TENSOR_BUFFER = 8, TENSOR_NAME = 10,
            TENSOR_QUANTIZATION = 12, TENSOR_IS_VARIABLE = 14, TENSOR_SPARSITY = 16, TENSOR_EXTERNAL_BUFFER = 24;
    static final int BUFFER_DATA = 4, BUFFER_OFFSET = 6, BUFFER_SIZE = 8;
    static final int QUANTIZATION_SCALE = 8, QUANTIZATION_ZERO_POINT = 10, QUANTIZATION_DETAILS_TYPE = 12,
            QUANTIZATION_DETAILS = 14;
    /** BlockwiseQuantization and MultiAxisQuantization both begin with these. */
    static final int DETAILS_SCALES = 4, DETAILS_ZERO_POINTS = 6;
    static final int SPARSITY_DIM_METADATA = 8;
    static final int DIMENSION_SEGMENTS_TYPE = 8, DIMENSION_SEGMENTS = 10, DIMENSION_INDICES_TYPE = 12,
            DIMENSION_INDICES = 14;
    /** Int32Vector, Uint16Vector and Uint8Vector each hold one vector, {@code values}. */
    static final int INDEX_VALUES = 4;
    static final int METADATA_NAME = 4, METADATA_BUFFER = 6;
    static final int EXTERNAL_GROUP_NAME = 4;
    static final int EXTERNAL_ID = 4, EXTERNAL_GROUP = 6, EXTERNAL_OFFSET = 8, EXTERNAL_LENGTH = 10;

    @Override
    public ModelFormat format() {
        return ModelFormat.TFLITE;
    }

    @Override
    public ModelFacts read(ModelSource source) throws IOException {
        ByteBuffer bytes = FlatBufferInput.of(source, "a TensorFlow Lite model");
        Walk walk = new Walk(source, new FlatBufferVerifier(source.path(), bytes));
        walk.model();
        return walk.facts();
    }

    /** One walk over one model's tables, and what it has counted. */
    private static final class Walk {
        final ModelSource source;
        final String path;
        final FlatBufferVerifier check;
        final ByteBuffer bb;
        final WeightCount count;
        final Map<String, String> metadata = new TreeMap<>();
        final List<String> warnings = new ArrayList<>();
        /** Tensors whose stored bytes are not what their shape and type take, by dtype, for one warning each. */
        final Map<String, Odd> odd = new LinkedHashMap<>();
        final BitSet countedBuffers = new BitSet();
        final BitSet countedExternal = new BitSet();
        final List<ModelSource> parts = new ArrayList<>();
        int root;
        int buffers;
        long tensors;
        long shared;
        long sparse;
        long quantized;
        long variables;
        Map<Long, Integer> externalById;

        Walk(ModelSource source, FlatBufferVerifier check) {
            this.source = source;
            this.path = source.path();
            this.check = check;
            this.bb = check.buffer();
            this.count = new WeightCount(path);
        }

        void model() throws IOException {
            root = check.root(IDENTIFIER);
            Model model = new Model().__assign(root, bb);
            if (check.field(root, MODEL_VERSION, 4, "the schema version") != 0) {
                metadata.put("tflite.version", Long.toString(model.version()));
            }
            String description = check.string(root, MODEL_DESCRIPTION, MAX_NAME_BYTES, "the description");
            if (description != null && !description.isEmpty() && description.length() <= MAX_METADATA_CHARS) {
                metadata.put("tflite.description", description);
            }
            buffers = Math.max(0, check.vector(root, MODEL_BUFFERS, 4, "the buffers"));
            int subgraphs = check.vector(root, MODEL_SUBGRAPHS, 4, "the subgraphs");
            if (subgraphs <= 0) {
                throw new ModelFormatException(path, "has no subgraph: not a TensorFlow Lite model");
            }
            if (subgraphs > MAX_SUBGRAPHS) {
                throw new ModelFormatException(path, "declares " + subgraphs + " subgraphs, more than the "
                        + MAX_SUBGRAPHS + " read");
            }
            metadata.put("tflite.subgraphs", Integer.toString(subgraphs));
            for (int i = 0; i < subgraphs; i++) {
                subgraph(check.element(root, MODEL_SUBGRAPHS, i, "subgraph " + i), i);
            }
            modelMetadata();
        }

        void subgraph(int subgraph, int index) throws IOException {
            String where = "subgraph " + index;
            int n = Math.max(0, check.vector(subgraph, SUBGRAPH_TENSORS, 4, where + "'s tensors"));
            tensors += n;
            if (tensors > MAX_TENSORS) {
                throw new ModelFormatException(path, "holds more than " + MAX_TENSORS + " tensors");
            }
            // Blockwise quantization keeps its scales and zero points in tensors of their own, named by index: they
            // are known only once every tensor of the subgraph has been looked at.
            BitSet quantizationTables = new BitSet();
            for (int j = 0; j < n; j++) {
                int tensor = check.element(subgraph, SUBGRAPH_TENSORS, j, where + " tensor " + j);
                for (int referenced : quantizationTensors(tensor, where + " tensor " + j)) {
                    if (referenced >= 0 && referenced < n) {
                        quantizationTables.set(referenced);
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                tensor(check.element(subgraph, SUBGRAPH_TENSORS, j, where + " tensor " + j), where + " tensor " + j,
                        quantizationTables.get(j));
            }
        }

        /** The tensors holding a weight's scales and zero points, for blockwise and multi-axis quantization. */
        int[] quantizationTensors(int tensor, String where) throws ModelFormatException {
            int quantization = check.tableField(tensor, TENSOR_QUANTIZATION, where + "'s quantization");
            if (quantization == 0 || check.field(quantization, QUANTIZATION_DETAILS_TYPE, 1, where) == 0) {
                return new int[0];
            }
            byte type = new QuantizationParameters().__assign(quantization, bb).detailsType();
            if (type != QuantizationDetails.BlockwiseQuantization && type != QuantizationDetails.MultiAxisQuantization) {
                return new int[0];
            }
            int details = check.tableField(quantization, QUANTIZATION_DETAILS, where + "'s quantization details");
            if (details == 0) {
                return new int[0];
            }
            // an absent field is its default, 0: the subgraph's tensor 0 (zero points of -1 mean "none")
            check.field(details, DETAILS_SCALES, 4, where + "'s quantization scales");
            check.field(details, DETAILS_ZERO_POINTS, 4, where + "'s quantization zero points");
            if (type == QuantizationDetails.BlockwiseQuantization) {
                BlockwiseQuantization blockwise = new BlockwiseQuantization().__assign(details, bb);
                return new int[] {blockwise.scales(), blockwise.zeroPoints()};
            }
            MultiAxisQuantization multiAxis = new MultiAxisQuantization().__assign(details, bb);
            return new int[] {multiAxis.scales(), multiAxis.zeroPoints()};
        }

        void tensor(int position, String where, boolean quantizationTable) throws IOException {
            Tensor tensor = new Tensor().__assign(position, bb);
            long bufferIndex = check.field(position, TENSOR_BUFFER, 4, where + "'s buffer") == 0 ? 0
                    : tensor.buffer();
            long external = check.field(position, TENSOR_EXTERNAL_BUFFER, 4, where + "'s external buffer") == 0 ? 0
                    : tensor.externalBuffer();
            Long stored = external != 0 ? externalBytes(external, where) : bufferBytes(bufferIndex, where);
            if (stored == null) {
                if (check.field(position, TENSOR_IS_VARIABLE, 1, where) != 0 && tensor.isVariable()) {
                    variables++;
                }
                return;
            }
            int rank = check.vector(position, TENSOR_SHAPE, 4, where + "'s shape");
            if (rank > MAX_DIMS) {
                throw new ModelFormatException(path, where + " has " + rank + " dimensions, more than the "
                        + MAX_DIMS + " read");
            }
            long[] shape = new long[Math.max(rank, 0)];
            for (int k = 0; k < shape.length; k++) {
                shape[k] = tensor.shape(k);
            }
            int typeId = check.field(position, TENSOR_TYPE, 1, where + "'s type") == 0 ? 0 : tensor.type() & 0xFF;
            String dtype = TfliteType.dtype(typeId);
            long elements = Checked.elements(path, where, shape);
            long indices = sparseIndexBytes(position, where);
            long scales = quantizationBytes(position, where);
            long bytes = Checked.sum(path, where + "'s bytes", Checked.sum(path, where + "'s bytes", stored,
                    Math.max(indices, 0)), scales);
            if (quantizationTable) {
                count.bytes(bytes); // the scales or zero points of another tensor: bytes, not parameters
                return;
            }
            count.tensor(dtype, elements, bytes);
            if (scales > 0 || quantizationTensors(position, where).length > 0) {
                quantized++;
            }
            Optional<TfliteType> type = TfliteType.byId(typeId);
            String reason = null;
            if (indices >= 0) {
                sparse++;
            } else if (type.isEmpty()) {
                reason = "type " + typeId + " is not in schema.fbs; its elements are counted under " + dtype;
            } else if (type.get().hasFixedSize() && stored != Checked.bytes(path, where, elements, type.get().bits())) {
                reason = "its buffer holds other than the bytes its shape and type take";
            }
            if (reason != null) {
                Odd same = odd.get(reason);
                if (same == null) {
                    same = new Odd(name(position)); // the name is read once per kind, never per tensor
                    odd.put(reason, same);
                }
                same.tensors++;
            }
        }

        /** A buffer's stored bytes, or null when it holds none (an activation's, or buffer 0). */
        Long bufferBytes(long index, String where) throws ModelFormatException {
            if (index == 0) {
                return null;
            }
            if (index >= buffers) {
                throw new ModelFormatException(path, where + " names buffer " + index + ", but the model has "
                        + buffers);
            }
            int position = check.element(root, MODEL_BUFFERS, (int) index, "buffer " + index);
            Buffer buffer = new Buffer().__assign(position, bb);
            long stored = Math.max(0, check.vector(position, BUFFER_DATA, 1, "buffer " + index + "'s data"));
            if (stored == 0) {
                long offset = check.field(position, BUFFER_OFFSET, 8, "buffer " + index) == 0 ? 0 : buffer.offset();
                long size = check.field(position, BUFFER_SIZE, 8, "buffer " + index) == 0 ? 0 : buffer.size();
                // schema.fbs: the offset, from the start of the file, "is only valid if > 1"
                if (Long.compareUnsigned(offset, 1) > 0) {
                    if (offset < 0 || size < 0 || Checked.sum(path, "buffer " + index, offset, size) > source.size()) {
                        throw new ModelFormatException(path, "buffer " + index + " lies at bytes "
                                + Long.toUnsignedString(offset) + ".." + Long.toUnsignedString(offset + size)
                                + ", past the end of the file (" + source.size() + " bytes)");
                    }
                    stored = size;
                }
            }
            if (stored == 0) {
                return null;
            }
            if (countedBuffers.get((int) index)) {
                shared++;
                return null;
            }
            countedBuffers.set((int) index);
            return stored;
        }

        /** The bytes of an external buffer (schema 3d), its file checked beside the model and made a part of it. */
        Long externalBytes(long id, String where) throws IOException {
            if (externalById == null) {
                externalById = new HashMap<>();
                int n = Math.max(0, check.vector(root, MODEL_EXTERNAL_BUFFERS, 4, "the external buffers"));
                if (n > MAX_TENSORS) {
                    throw new ModelFormatException(path, "declares " + n + " external buffers, more than the "
                            + MAX_TENSORS + " read");
                }
                for (int i = 0; i < n; i++) {
                    int position = check.element(root, MODEL_EXTERNAL_BUFFERS, i, "external buffer " + i);
                    if (check.field(position, EXTERNAL_ID, 4, "external buffer " + i) != 0) {
                        externalById.putIfAbsent(new ExternalBuffer().__assign(position, bb).id(), i);
                    }
                }
            }
            Integer index = externalById.get(id);
            if (index == null) {
                throw new ModelFormatException(path, where + " names external buffer " + id + ", which the model"
                        + " does not list");
            }
            if (countedExternal.get(index)) {
                shared++;
                return null;
            }
            countedExternal.set(index);
            String what = "external buffer " + id;
            int position = check.element(root, MODEL_EXTERNAL_BUFFERS, index, what);
            ExternalBuffer buffer = new ExternalBuffer().__assign(position, bb);
            long group = check.field(position, EXTERNAL_GROUP, 4, what) == 0 ? 0 : buffer.group();
            long offset = check.field(position, EXTERNAL_OFFSET, 8, what) == 0 ? 0 : buffer.offset();
            long length = check.field(position, EXTERNAL_LENGTH, 8, what) == 0 ? 0 : buffer.length();
            int groups = Math.max(0, check.vector(root, MODEL_EXTERNAL_BUFFER_GROUPS, 4, "the external groups"));
            if (group >= groups || offset < 0 || length < 0) {
                throw new ModelFormatException(path, what + " names group " + group + " of " + groups
                        + " at offset " + Long.toUnsignedString(offset) + ", length " + Long.toUnsignedString(length));
            }
            int groupTable = check.element(root, MODEL_EXTERNAL_BUFFER_GROUPS, (int) group, "external group " + group);
            String file = check.string(groupTable, EXTERNAL_GROUP_NAME, MAX_NAME_BYTES, "external group " + group);
            if (file == null || file.isEmpty()) {
                throw new ModelFormatException(path, "external group " + group + " names no file");
            }
            externalFile(file, Checked.sum(path, what, offset, length), what);
            return length;
        }

        /** The file an external group names, beside the model (never outside it) and long enough. */
        void externalFile(String file, long end, String what) throws IOException {
            if (source.origin() == null) {
                source.resolve(file); // refuses a name that leaves the model's folder, whether or not it is checked
                warnings.add(path + ": " + what + " keeps its data in '" + file + "', which is not checked: the"
                        + " model is not a file on disk");
                return;
            }
            Optional<ModelSource> beside = source.resolve(file);
            if (beside.isEmpty()) {
                throw new ModelFormatException(path, what + " keeps its data in '" + file + "', which is missing"
                        + " beside the model");
            }
            if (end > beside.get().size()) {
                throw new ModelFormatException(path, what + " needs bytes up to " + end + " of '" + file
                        + "', which holds " + beside.get().size());
            }
            if (parts.stream().noneMatch(part -> part.path().equals(beside.get().path()))) {
                parts.add(beside.get());
            }
        }

        /**
         * The bytes of a sparse tensor's index arrays, or -1 for a dense tensor. Each dimension in traversal order
         * has its metadata; a sparse one two index vectors of 32, 16 or 8-bit values.
         */
        long sparseIndexBytes(int tensor, String where) throws ModelFormatException {
            int sparsity = check.tableField(tensor, TENSOR_SPARSITY, where + "'s sparsity");
            if (sparsity == 0) {
                return -1;
            }
            int dims = Math.max(0, check.vector(sparsity, SPARSITY_DIM_METADATA, 4, where + "'s sparsity"));
            if (dims > 2 * MAX_DIMS) { // n dimensions and up to n block dimensions
                throw new ModelFormatException(path, where + "'s sparsity has " + dims + " dimensions, more than the "
                        + 2 * MAX_DIMS + " read");
            }
            long bytes = 0;
            for (int d = 0; d < dims; d++) {
                String dimension = where + "'s sparse dimension " + d;
                int metadata = check.element(sparsity, SPARSITY_DIM_METADATA, d, dimension);
                DimensionMetadata table = new DimensionMetadata().__assign(metadata, bb);
                int[][] vectors = {{DIMENSION_SEGMENTS_TYPE, DIMENSION_SEGMENTS},
                        {DIMENSION_INDICES_TYPE, DIMENSION_INDICES}};
                for (int[] vector : vectors) {
                    if (check.field(metadata, vector[0], 1, dimension) == 0) {
                        continue;
                    }
                    byte type = vector[0] == DIMENSION_SEGMENTS_TYPE ? table.arraySegmentsType()
                            : table.arrayIndicesType();
                    int width = switch (type) {
                        case SparseIndexVector.Int32Vector -> 4;
                        case SparseIndexVector.Uint16Vector -> 2;
                        case SparseIndexVector.Uint8Vector -> 1;
                        default -> 0;
                    };
                    int values = width == 0 ? 0 : check.tableField(metadata, vector[1], dimension + "'s indices");
                    if (values != 0) {
                        long length = Math.max(0, check.vector(values, INDEX_VALUES, width, dimension + "'s indices"));
                        bytes = Checked.sum(path, where + "'s index bytes", bytes, length * width);
                    }
                }
            }
            return bytes;
        }

        /** The bytes of a weight's scale (4 each) and zero-point (8 each) arrays. */
        long quantizationBytes(int tensor, String where) throws ModelFormatException {
            int quantization = check.tableField(tensor, TENSOR_QUANTIZATION, where + "'s quantization");
            if (quantization == 0) {
                return 0;
            }
            long scales = Math.max(0, check.vector(quantization, QUANTIZATION_SCALE, 4, where + "'s scales"));
            long zeroPoints = Math.max(0, check.vector(quantization, QUANTIZATION_ZERO_POINT, 8,
                    where + "'s zero points"));
            return scales * 4 + zeroPoints * 8; // each bounded by the file, which holds them
        }

        /** The tensor's name, for messages only: read when one is written, never per tensor. */
        String name(int tensor) throws ModelFormatException {
            String name = check.string(tensor, TENSOR_NAME, MAX_NAME_BYTES, "a tensor's name");
            return name == null ? "" : name;
        }

        /** The names of the model's metadata entries; a {@code min_runtime_version}'s value (a short string). */
        void modelMetadata() throws ModelFormatException {
            int n = Math.max(0, check.vector(root, MODEL_METADATA, 4, "the metadata"));
            List<String> names = new ArrayList<>();
            for (int i = 0; i < Math.min(n, MAX_METADATA_NAMES); i++) {
                int entry = check.element(root, MODEL_METADATA, i, "metadata entry " + i);
                String name = check.string(entry, METADATA_NAME, MAX_NAME_BYTES, "metadata entry " + i);
                if (name == null || name.length() > MAX_METADATA_CHARS) {
                    continue;
                }
                names.add(name);
                if (name.equals("min_runtime_version") && check.field(entry, METADATA_BUFFER, 4, name) != 0) {
                    minRuntimeVersion(new dev.openaccess.core.format.tflite.Metadata().__assign(entry, bb).buffer());
                }
            }
            if (!names.isEmpty()) {
                metadata.put("tflite.metadata", String.join(",", names) + (n > names.size() ? ",..." : ""));
            }
        }

        private void minRuntimeVersion(long index) throws ModelFormatException {
            if (index <= 0 || index >= buffers) {
                return;
            }
            int position = check.element(root, MODEL_BUFFERS, (int) index, "buffer " + index);
            int length = check.vector(position, BUFFER_DATA, 1, "buffer " + index + "'s data");
            if (length > 0 && length <= 32) {
                Buffer buffer = new Buffer().__assign(position, bb);
                StringBuilder version = new StringBuilder();
                for (int k = 0; k < length && buffer.data(k) != 0; k++) {
                    int c = buffer.data(k);
                    version.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
                }
                metadata.put("tflite.minRuntimeVersion", version.toString());
            }
        }

        ModelFacts facts() throws ModelFormatException {
            put("tflite.sparseWeights", sparse);
            put("tflite.quantizedWeights", quantized);
            put("tflite.sharedBuffers", shared);
            put("tflite.variableTensors", variables);
            odd.forEach((why, kind) -> warnings.add(path + ": " + (kind.tensors == 1 ? "tensor '" + kind.firstName
                    + "': " + why : kind.tensors + " tensors ('" + kind.firstName + "' and others): " + why)
                    + "; the stored bytes are counted"));
            return new ModelFacts(ModelFormat.TFLITE, count.parameters(), count.weightsBytes(), count.tensors(), null,
                    metadata, warnings).withParts(parts);
        }

        private void put(String key, long value) {
            if (value > 0) {
                metadata.put(key, Long.toString(value));
            }
        }
    }

    /** Tensors of one odd kind: how many, and the first one's name for the warning. */
    private static final class Odd {
        final String firstName;
        long tensors;

        Odd(String firstName) {
            this.firstName = firstName;
        }
    }
}
