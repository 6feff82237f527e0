package dev.openaccess.core.format;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads an ONNX model by walking its protobuf wire format field by field (onnx.proto {@code ModelProto}), with
 * protobuf-java's {@link CodedInputStream}: tensor data ({@code raw_data} and the typed fields) is skipped by its
 * length prefix, never materialised. Counts the weights held in graph initializers, sparse initializers and
 * {@code Constant} nodes (every kind of value: a tensor, or {@code value_int(s)}, {@code value_float(s)},
 * {@code value_string(s)}), in subgraphs too (the branches of If, the bodies of Loop and Scan) and in the model's
 * local functions (ModelProto field 25); and the learned values of the traditional-ML operators (domain
 * {@code ai.onnx.ml}: tree ensembles' node arrays and leaf weights, linear models' coefficients, SVMs' support
 * vectors), which they keep in list and tensor attributes rather than initializers.
 */
public final class OnnxReader implements ModelReader {

    /** Graphs nest inside node attributes; real models nest a few levels, hostile ones without end. */
    static final int MAX_GRAPH_DEPTH = 16;
    /** Far more tensors than any real model; stops a file of millions of empty tensors early. */
    static final int MAX_TENSORS = 1_000_000;
    /**
     * Names, op types and metadata values are short text; 16 MiB is far beyond any of them and bounds what one
     * string may allocate (protobuf would allocate any length up to 2 GiB that the file holds).
     */
    static final int MAX_STRING_BYTES = 16 * 1024 * 1024;
    private static final int MAX_METADATA_CHARS = 1024;
    /**
     * Dimensions per tensor. onnx.proto sets none; numpy, whose arrays most exporters start from, allows 64
     * (NPY_MAXDIMS in numpy 2). Found by review: a file of packed 1s built a list with one entry per byte.
     */
    static final int MAX_DIMS = 64;
    /** The domain of the traditional-ML operators (onnx-ml.proto: tree ensembles, linear models, SVMs, encoders). */
    static final String ML_DOMAIN = "ai.onnx.ml";

    // ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, SparseTensorProto field numbers (onnx.proto)
    private static final int MODEL_IR_VERSION = 1, MODEL_PRODUCER_NAME = 2, MODEL_PRODUCER_VERSION = 3,
            MODEL_GRAPH = 7, MODEL_OPSET_IMPORT = 8, MODEL_METADATA_PROPS = 14, MODEL_FUNCTIONS = 25;
    private static final int FUNCTION_NODE = 7;
    private static final int GRAPH_NODE = 1, GRAPH_INITIALIZER = 5, GRAPH_INPUT = 11, GRAPH_OUTPUT = 12,
            GRAPH_SPARSE_INITIALIZER = 15;
    private static final int NODE_OP_TYPE = 4, NODE_ATTRIBUTE = 5, NODE_DOMAIN = 7;
    private static final int ATTRIBUTE_NAME = 1, ATTRIBUTE_F = 2, ATTRIBUTE_I = 3, ATTRIBUTE_S = 4, ATTRIBUTE_T = 5,
            ATTRIBUTE_G = 6, ATTRIBUTE_FLOATS = 7, ATTRIBUTE_INTS = 8, ATTRIBUTE_STRINGS = 9, ATTRIBUTE_TENSORS = 10,
            ATTRIBUTE_GRAPHS = 11, ATTRIBUTE_SPARSE_TENSOR = 22, ATTRIBUTE_SPARSE_TENSORS = 23;
    private static final int TENSOR_DIMS = 1, TENSOR_DATA_TYPE = 2, TENSOR_NAME = 8, TENSOR_EXTERNAL_DATA = 13,
            TENSOR_DATA_LOCATION = 14;
    private static final int SPARSE_VALUES = 1, SPARSE_INDICES = 2;
    private static final int ENTRY_KEY = 1, ENTRY_VALUE = 2;
    private static final int DATA_LOCATION_EXTERNAL = 1;

    @Override
    public ModelFormat format() {
        return ModelFormat.ONNX;
    }

    @Override
    public ModelFacts read(ModelSource source) throws IOException {
        try (InputStream stream = source.open()) {
            CodedInputStream in = CodedInputStream.newInstance(stream);
            in.setSizeLimit(Integer.MAX_VALUE); // protobuf caps a message at 2 GiB; larger models use external data
            Tally tally = new Tally(source.path(), source.folder());
            readModel(in, tally, source.size());
            return tally.facts();
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFormatException(source.path(), "not a valid ONNX model (protobuf wire format): "
                    + e.getMessage());
        }
    }

    /** What the walk has counted so far. */
    private static final class Tally {
        final String path;
        final Path folder;
        final WeightCount count;
        final Map<String, String> metadata = new TreeMap<>();
        final List<String> warnings = new ArrayList<>();
        final TreeSet<String> opsets = new TreeSet<>();
        /**
         * Tensors counted but not sized, by reason, for one warning per reason. Found by the hostile inputs test:
         * a warning per tensor let 2 MB of empty tensors hold a million warnings, far more than 256 MB of heap.
         */
        final Map<String, Unsized> unsized = new LinkedHashMap<>();
        long tensors;
        long weightsBytes;
        boolean sawGraph;

        Tally(String path, Path folder) {
            this.path = path;
            this.folder = folder;
            this.count = new WeightCount(path);
        }

        void add(Tensor tensor) throws ModelFormatException {
            if (++tensors > MAX_TENSORS) {
                throw new ModelFormatException(path, "holds more than " + MAX_TENSORS + " tensors");
            }
            String dtype = tensor.type() == null ? "ONNX_TYPE_" + Long.toUnsignedString(tensor.typeId())
                    : tensor.type().dtype();
            // Found by review: tensors of data types onnx.proto does not define have no width, so their dims are
            // bounded by nothing in the file, and two of them could overflow the sum: the count refuses it.
            count.elements(dtype, tensor.elements());
            if (tensor.type() == null || !tensor.type().hasFixedSize()) {
                String why = tensor.type() == null ? "data type " + Long.toUnsignedString(tensor.typeId())
                        + " is not in onnx.proto" : "STRING elements have no fixed size";
                Unsized same = unsized.computeIfAbsent(why, reason -> new Unsized(tensor.name()));
                same.tensors++;
                same.elements = Checked.sum(path, "the elements of unsized tensors", same.elements,
                        tensor.elements());
            } else {
                // Found by fuzzing: dims whose elements fit a long can still overflow once counted in bits.
                weightsBytes = Checked.sum(path, "the tensors' bytes", weightsBytes, bytesOf(tensor));
            }
        }

        /** A sized tensor's bytes, refused in words when they overflow. */
        long bytesOf(Tensor tensor) throws ModelFormatException {
            return Checked.bytes(path, "tensor '" + tensor.name() + "'", tensor.elements(), tensor.type().bits());
        }

        ModelFacts facts() throws ModelFormatException {
            if (!sawGraph) {
                throw new ModelFormatException(path, "has no graph: not an ONNX model");
            }
            if (!opsets.isEmpty()) {
                metadata.put("onnx.opsets", String.join(",", opsets));
            }

            unsized.forEach((why, kind) -> warnings.add(path + ": " + (kind.tensors == 1
                    ? "tensor '" + kind.firstName + "': " + why + "; its " + kind.elements
                    + " elements are counted, its bytes are not"
                    : kind.tensors + " tensors ('" + kind.firstName + "' and others): " + why + "; their "
                    + kind.elements + " elements are counted, their bytes are not")));
            return new ModelFacts(ModelFormat.ONNX, count.parameters(), weightsBytes, tensors, null, metadata,
                    warnings);
        }
    }

    /** Tensors of one unsized kind: how many, their elements, and the first one's name for the warning. */
    private static final class Unsized {
        final String firstName;
        long tensors;
        long elements;

        Unsized(String firstName) {
            this.firstName = firstName;
        }
    }

    private record Tensor(String name, long typeId, OnnxDataType type, long elements) {

        /** A value held in an attribute rather than a TensorProto: so many elements of one type. */
        static Tensor of(String name, OnnxDataType type, long elements) {
            return new Tensor(name, type.id(), type, elements);
        }
    }

    private static void readModel(CodedInputStream in, Tally tally, long size) throws IOException {
        String producer = null;
        String producerVersion = null;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case MODEL_IR_VERSION -> tally.metadata.put("onnx.irVersion", Long.toString(varint(in, tag, tally)));
                case MODEL_PRODUCER_NAME -> producer = string(in, tag, tally);
                case MODEL_PRODUCER_VERSION -> producerVersion = string(in, tag, tally);
                case MODEL_GRAPH -> {
                    int limit = enter(in, tag, tally, size);
                    readGraph(in, tally, 0);
                    in.popLimit(limit);
                    tally.sawGraph = true;
                }
                case MODEL_OPSET_IMPORT -> {
                    int limit = enter(in, tag, tally, size);
                    String domain = "";
                    long version = 0;
                    for (int t; (t = in.readTag()) != 0; ) {
                        switch (WireFormat.getTagFieldNumber(t)) {
                            case 1 -> domain = string(in, t, tally);
                            case 2 -> version = varint(in, t, tally);
                            default -> in.skipField(t);
                        }
                    }
                    in.popLimit(limit);
                    tally.opsets.add((domain.isEmpty() ? "ai.onnx" : domain) + ":" + version);
                }
                case MODEL_FUNCTIONS -> {
                    // Model-local functions: their bodies are nodes, with Constants and subgraphs of their own,
                    // defined once however often the graph calls them.
                    int limit = enter(in, tag, tally, size);
                    for (int t; (t = in.readTag()) != 0; ) {
                        if (WireFormat.getTagFieldNumber(t) == FUNCTION_NODE) {
                            readNode(in, t, tally, 1);
                        } else {
                            in.skipField(t);
                        }
                    }
                    in.popLimit(limit);
                }
                case MODEL_METADATA_PROPS -> {
                    int limit = enter(in, tag, tally, size);
                    String[] entry = entry(in, tally);
                    in.popLimit(limit);
                    if (entry[0] != null && entry[1] != null && entry[1].length() <= MAX_METADATA_CHARS) {
                        tally.metadata.put(entry[0], entry[1]);
                    }
                }
                default -> in.skipField(tag);
            }
        }
        if (producer != null && !producer.isEmpty()) {
            tally.metadata.put("onnx.producer", producerVersion == null || producerVersion.isEmpty() ? producer
                    : producer + " " + producerVersion);
        }
    }

    private static void readGraph(CodedInputStream in, Tally tally, int depth) throws IOException {
        if (depth > MAX_GRAPH_DEPTH) {
            throw new ModelFormatException(tally.path, "graphs nest more than " + MAX_GRAPH_DEPTH + " levels deep");
        }
        long inputs = 0;
        long outputs = 0;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case GRAPH_NODE -> readNode(in, tag, tally, depth);
                case GRAPH_INITIALIZER -> tally.add(tensor(in, tag, tally));
                case GRAPH_SPARSE_INITIALIZER -> sparseTensor(in, tag, tally);
                case GRAPH_INPUT -> {
                    inputs++;
                    in.skipField(tag);
                }
                case GRAPH_OUTPUT -> {
                    outputs++;
                    in.skipField(tag);
                }
                default -> in.skipField(tag);
            }
        }
        if (depth == 0) {
            tally.metadata.put("onnx.graph.inputs", Long.toString(inputs));
            tally.metadata.put("onnx.graph.outputs", Long.toString(outputs));
        }
    }

    /**
     * A node's subgraphs are always walked. Its attribute values are weights in a {@code Constant} node (whichever
     * kind of value it holds) and, for the list and tensor attributes, in a traditional-ML operator; elsewhere they
     * are settings (a kernel shape, an axis).
     */
    private static void readNode(CodedInputStream in, int nodeTag, Tally tally, int depth) throws IOException {
        int limit = enter(in, nodeTag, tally, Long.MAX_VALUE);
        String opType = "";
        String domain = "";
        List<Value> values = new ArrayList<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case NODE_OP_TYPE -> opType = string(in, tag, tally);
                case NODE_DOMAIN -> domain = string(in, tag, tally);
                case NODE_ATTRIBUTE -> readAttribute(in, tag, tally, depth, values);
                default -> in.skipField(tag);
            }
        }
        in.popLimit(limit);
        boolean constant = opType.equals("Constant") && (domain.isEmpty() || domain.equals("ai.onnx"));
        boolean learned = domain.equals(ML_DOMAIN);
        for (Value value : values) {
            if (value.scalar() && value.tensor().elements() == 0) {
                continue; // a value of the wrong wire type is no value
            }
            if (constant || learned && !value.scalar()) {
                tally.add(value.tensor());
            }
        }
    }

    /** One attribute value: a tensor, or so many elements of a list; scalars are a single element. */
    private record Value(Tensor tensor, boolean scalar) {
    }

    private static void readAttribute(CodedInputStream in, int attributeTag, Tally tally, int depth,
                                      List<Value> values) throws IOException {
        int limit = enter(in, attributeTag, tally, Long.MAX_VALUE);
        String name = "";
        // a list written unpacked is one field per element, and still one value
        long[] lists = {-1, -1, -1}; // floats, ints, strings
        for (int tag; (tag = in.readTag()) != 0; ) {
            int wire = WireFormat.getTagWireType(tag);
            switch (WireFormat.getTagFieldNumber(tag)) {
                case ATTRIBUTE_NAME -> name = string(in, tag, tally);
                case ATTRIBUTE_T, ATTRIBUTE_TENSORS -> values.add(new Value(tensor(in, tag, tally), false));
                case ATTRIBUTE_G, ATTRIBUTE_GRAPHS -> {
                    int graphLimit = enter(in, tag, tally, Long.MAX_VALUE);
                    readGraph(in, tally, depth + 1);
                    in.popLimit(graphLimit);
                }
                case ATTRIBUTE_SPARSE_TENSOR, ATTRIBUTE_SPARSE_TENSORS -> sparseTensor(in, tag, tally);
                case ATTRIBUTE_F -> values.add(scalar(in, tag, name, OnnxDataType.FLOAT, WireFormat.WIRETYPE_FIXED32));
                case ATTRIBUTE_I -> values.add(scalar(in, tag, name, OnnxDataType.INT64, WireFormat.WIRETYPE_VARINT));
                case ATTRIBUTE_S -> values.add(scalar(in, tag, name, OnnxDataType.STRING,
                        WireFormat.WIRETYPE_LENGTH_DELIMITED));
                case ATTRIBUTE_FLOATS -> lists[0] = Math.max(lists[0], 0) + (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED
                        ? packedFixed32(in, tally) : skipOne(in, tag));
                case ATTRIBUTE_INTS -> lists[1] = Math.max(lists[1], 0) + (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED
                        ? packedVarints(in, tally) : skipOne(in, tag));
                case ATTRIBUTE_STRINGS -> lists[2] = Math.max(lists[2], 0) + skipOne(in, tag);
                default -> in.skipField(tag);
            }
        }
        in.popLimit(limit);
        OnnxDataType[] types = {OnnxDataType.FLOAT, OnnxDataType.INT64, OnnxDataType.STRING};
        for (int i = 0; i < lists.length; i++) {
            if (lists[i] >= 0) { // counts of bytes of one message: far below 2^63
                values.add(new Value(Tensor.of(name, types[i], lists[i]), false));
            }
        }
    }

    /** A single value ({@code value_int}, {@code value_float}, {@code value_string}): one element, if well-typed. */
    private static Value scalar(CodedInputStream in, int tag, String name, OnnxDataType type, int wire)
            throws IOException {
        long elements = skipOne(in, tag);
        return new Value(Tensor.of(name, type, WireFormat.getTagWireType(tag) == wire ? elements : 0), true);
    }

    /** Skips one field, which is one element of a list written unpacked. */
    private static long skipOne(CodedInputStream in, int tag) throws IOException {
        in.skipField(tag);
        return 1;
    }

    /** Packed floats: four bytes each, counted from the length, never read. */
    private static long packedFixed32(CodedInputStream in, Tally tally) throws IOException {
        int length = in.readRawVarint32();
        if (length < 0 || length % 4 != 0) {
            throw new ModelFormatException(tally.path, "a packed float list declares " + Integer.toUnsignedString(length)
                    + " bytes, not a multiple of 4");
        }
        in.skipRawBytes(length);
        return length / 4;
    }

    /** Packed integers: varints of one to ten bytes, counted as they stream past, never held. */
    private static long packedVarints(CodedInputStream in, Tally tally) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        long count = 0;
        while (in.getBytesUntilLimit() > 0) {
            in.readRawVarint64();
            count++;
        }
        in.popLimit(limit);
        return count;
    }

    /** A sparse tensor stores its non-zero values and their indices: both are bytes the model carries. */
    private static void sparseTensor(CodedInputStream in, int sparseTag, Tally tally) throws IOException {
        int limit = enter(in, sparseTag, tally, Long.MAX_VALUE);
        for (int tag; (tag = in.readTag()) != 0; ) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == SPARSE_VALUES) {
                tally.add(tensor(in, tag, tally));
            } else if (field == SPARSE_INDICES) {
                Tensor indices = tensor(in, tag, tally);
                if (indices.type() != null && indices.type().hasFixedSize()) {
                    // Found by review: the same overflow Tally.add reports, on the one path that bypassed it.
                    tally.weightsBytes = Checked.sum(tally.path, "the tensors' bytes", tally.weightsBytes,
                            tally.bytesOf(indices));
                }
            } else {
                in.skipField(tag);
            }
        }
        in.popLimit(limit);
    }

    /** A TensorProto's shape and type; its data, inline or external, is skipped. */
    private static Tensor tensor(CodedInputStream in, int tensorTag, Tally tally) throws IOException {
        int limit = enter(in, tensorTag, tally, Long.MAX_VALUE);
        List<Long> dims = new ArrayList<>();
        long typeId = 0;
        String name = "";
        Map<String, String> external = new LinkedHashMap<>();
        boolean externalLocation = false;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case TENSOR_DIMS -> {
                    if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) { // packed
                        int packed = in.pushLimit(in.readRawVarint32());
                        while (in.getBytesUntilLimit() > 0) {
                            dim(dims, in.readInt64(), tally, name);
                        }
                        in.popLimit(packed);
                    } else {
                        dim(dims, varint(in, tag, tally), tally, name);
                    }
                }
                // Found by review: a cast to int read 2^32 + 1 as FLOAT; an unknown type stays unknown.
                case TENSOR_DATA_TYPE -> typeId = varint(in, tag, tally);
                case TENSOR_NAME -> name = string(in, tag, tally);
                case TENSOR_EXTERNAL_DATA -> {
                    int entryLimit = enter(in, tag, tally, Long.MAX_VALUE);
                    String[] entry = entry(in, tally);
                    in.popLimit(entryLimit);
                    if (entry[0] != null) {
                        external.put(entry[0], entry[1]);
                    }
                }
                case TENSOR_DATA_LOCATION -> externalLocation = varint(in, tag, tally) == DATA_LOCATION_EXTERNAL;
                default -> in.skipField(tag); // raw_data and the typed data fields: skipped by length
            }
        }
        in.popLimit(limit);
        long elements = Checked.elements(tally.path, "tensor '" + name + "'",
                dims.stream().mapToLong(Long::longValue).toArray());
        Tensor tensor = new Tensor(name, typeId, OnnxDataType.byId(typeId).orElse(null), elements);
        if (externalLocation || !external.isEmpty()) {
            checkExternalData(tally, tensor, external);
        }
        return tensor;
    }

    /** One more dimension of a tensor, refused past {@link #MAX_DIMS}. */
    private static void dim(List<Long> dims, long dim, Tally tally, String name) throws ModelFormatException {
        if (dims.size() == MAX_DIMS) {
            // dims come before the name on the wire: the tensor has none yet
            throw new ModelFormatException(tally.path, "a tensor has more than " + MAX_DIMS + " dimensions");
        }
        dims.add(dim);
    }

    /**
     * External data must stay beside the model (CVE-2022-25882, CVE-2024-27318): no absolute path, no '..'. When the
     * model is a file on disk, the data file must be there and hold the tensor's bytes at its offset.
     */
    private static void checkExternalData(Tally tally, Tensor tensor, Map<String, String> external)
            throws ModelFormatException {
        String location = external.get("location");
        String where = "tensor '" + tensor.name() + "'";
        if (location == null || location.isEmpty()) {
            throw new ModelFormatException(tally.path, where + " keeps its data outside the model but names no"
                    + " location");
        }
        String normalized = location.replace('\\', '/');
        if (ModelSource.leavesFolder(normalized)) {
            throw new ModelFormatException(tally.path, where + " names external data '" + location
                    + "' outside the model's folder: refused");
        }
        if (tally.folder == null) {
            tally.warnings.add(tally.path + ": " + where + " keeps its data in '" + location + "', which is not"
                    + " checked: the model is not a file on disk");
            return;
        }
        Path file = tally.folder.resolve(normalized).normalize();
        long offset = number(tally, where, external.get("offset"), 0);
        // Found by review: computed before the try below, huge dims threw a bare ArithmeticException here.
        long needed = tensor.type() != null && tensor.type().hasFixedSize() ? tally.bytesOf(tensor) : 0;
        long length = number(tally, where, external.get("length"), needed);
        try {
            if (!file.startsWith(tally.folder) || !Files.isRegularFile(file)) {
                throw new ModelFormatException(tally.path, where + " keeps its data in '" + location
                        + "', which is missing beside the model");
            }
            long size = Files.size(file);
            if (Checked.sum(tally.path, where + ": external data offset and length", offset, length) > size) {
                throw new ModelFormatException(tally.path, where + " needs bytes " + offset + ".." + (offset + length)
                        + " of '" + location + "', which holds " + size);
            }
        } catch (ModelFormatException e) {
            throw e; // already in words, naming the file: not "cannot read" it
        } catch (IOException e) {
            throw new ModelFormatException(tally.path, where + ": cannot read '" + location + "': " + e.getMessage());
        }
    }

    private static long number(Tally tally, String where, String value, long fallback) throws ModelFormatException {
        if (value == null) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new ModelFormatException(tally.path, where + ": external data offset or length '" + value
                    + "' is not a non-negative integer");
        }
    }

    /** Enters a length-delimited field, refusing lengths beyond what the file (or enclosing field) can hold. */
    private static int enter(CodedInputStream in, int tag, Tally tally, long size) throws IOException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            throw new ModelFormatException(tally.path, "field " + WireFormat.getTagFieldNumber(tag)
                    + " should be a message but has wire type " + WireFormat.getTagWireType(tag));
        }
        int length = in.readRawVarint32();
        if (length < 0 || length > size) {
            throw new ModelFormatException(tally.path, "truncated: a message declares " + length + " bytes, more than"
                    + " the file holds");
        }
        return in.pushLimit(length);
    }

    private static String[] entry(CodedInputStream in, Tally tally) throws IOException {
        String key = null;
        String value = null;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case ENTRY_KEY -> key = string(in, tag, tally);
                case ENTRY_VALUE -> value = string(in, tag, tally);
                default -> in.skipField(tag);
            }
        }
        return new String[] {key, value};
    }

    private static long varint(CodedInputStream in, int tag, Tally tally) throws IOException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_VARINT) {
            throw new ModelFormatException(tally.path, "field " + WireFormat.getTagFieldNumber(tag)
                    + " should be an integer but has wire type " + WireFormat.getTagWireType(tag));
        }
        return in.readInt64();
    }

    private static String string(CodedInputStream in, int tag, Tally tally) throws IOException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            throw new ModelFormatException(tally.path, "field " + WireFormat.getTagFieldNumber(tag)
                    + " should be a string but has wire type " + WireFormat.getTagWireType(tag));
        }
        int length = in.readRawVarint32();
        if (length < 0 || length > MAX_STRING_BYTES) {
            throw new ModelFormatException(tally.path, "field " + WireFormat.getTagFieldNumber(tag)
                    + " declares a string of " + Integer.toUnsignedString(length) + " bytes, more than the "
                    + MAX_STRING_BYTES + "-byte string limit");
        }
        byte[] bytes = in.readRawBytes(length);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(tally.path, "field " + WireFormat.getTagFieldNumber(tag)
                    + " is a string that is not valid UTF-8");
        }
    }
}
