package dev.openaccess.core.format;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The constants of a TensorFlow graph, walked on the protobuf wire field by field with {@link CodedInputStream}, as
 * {@link OnnxReader} walks ONNX: a {@code GraphDef}'s nodes ({@code tensorflow/core/framework/graph.proto}: node 1,
 * library 2) and its function library's ({@code function.proto}: FunctionDefLibrary.function 1,
 * FunctionDef.node_def 3). A {@code Const} (or {@code HostConst}) node holds its value in its attribute
 * {@code value} ({@code node_def.proto}: attr 5, a map entry of key 1 and AttrValue 2; {@code attr_value.proto}:
 * tensor 8), a {@code TensorProto} ({@code tensor.proto}: dtype 1, tensor_shape 2, tensor_content 4, the typed
 * values after) whose shape gives its elements. Tensor data is skipped by its length prefix, never held.
 *
 * <p>A frozen graph's weights are its constants; so are a SavedModel's when it has no variables.
 */
final class TfGraph {

    /** Far more nodes than any real graph; stops a file of millions of empty nodes early. */
    static final int MAX_NODES = 1_000_000;
    /** Node names and op names are short; bounds what one string may allocate. */
    static final int MAX_NAME_BYTES = 64 * 1024;
    /** TensorFlow's own limit ({@code TensorShape::MaxDimensions}). */
    static final int MAX_DIMS = 254;

    private static final int GRAPH_NODE = 1, GRAPH_LIBRARY = 2;
    private static final int LIBRARY_FUNCTION = 1, FUNCTION_NODE_DEF = 3;
    private static final int NODE_NAME = 1, NODE_OP = 2, NODE_ATTR = 5;
    private static final int ENTRY_KEY = 1, ENTRY_VALUE = 2;
    private static final int ATTR_TENSOR = 8;
    private static final int TENSOR_DTYPE = 1, TENSOR_SHAPE = 2, TENSOR_CONTENT = 4, TENSOR_STRING_VAL = 8;
    private static final int SHAPE_DIM = 2, DIM_SIZE = 1;

    /** What the walk has counted: the constants' elements and bytes, and the nodes seen. */
    static final class Constants {
        final String path;
        final long size;
        final WeightCount count;
        final Map<String, Long> unknownTypes = new TreeMap<>();
        long nodes;
        long functions;

        Constants(String path, long size) {
            this.path = path;
            this.size = size;
            this.count = new WeightCount(path, "the graph's constants");
        }

        /** One warning per data type types.proto does not define, naming how many constants hold it. */
        List<String> warnings() {
            List<String> warnings = new ArrayList<>();
            unknownTypes.forEach((dtype, tensors) -> warnings.add(path + ": " + tensors
                    + (tensors == 1 ? " constant" : " constants") + " of data type "
                    + dtype.substring("TF_TYPE_".length()) + ", which types.proto does not define: their elements"
                    + " and stored bytes are counted under " + dtype));
            return warnings;
        }
    }

    private TfGraph() {
    }

    /** A {@code GraphDef} message, up to the stream's current limit. */
    static void graph(CodedInputStream in, Constants constants) throws IOException {
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case GRAPH_NODE -> {
                    int limit = enter(in, tag, constants);
                    node(in, constants);
                    in.popLimit(limit);
                }
                case GRAPH_LIBRARY -> {
                    int limit = enter(in, tag, constants);
                    library(in, constants);
                    in.popLimit(limit);
                }
                default -> in.skipField(tag);
            }
        }
    }

    private static void library(CodedInputStream in, Constants constants) throws IOException {
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (WireFormat.getTagFieldNumber(tag) == LIBRARY_FUNCTION) {
                int function = enter(in, tag, constants);
                constants.functions++;
                for (int t; (t = in.readTag()) != 0; ) {
                    if (WireFormat.getTagFieldNumber(t) == FUNCTION_NODE_DEF) {
                        int limit = enter(in, t, constants);
                        node(in, constants);
                        in.popLimit(limit);
                    } else {
                        in.skipField(t);
                    }
                }
                in.popLimit(function);
            } else {
                in.skipField(tag);
            }
        }
    }

    /** What a {@code TensorProto} declares: its type, elements, and the bytes of its strings. */
    private record Tensor(long dtypeId, long elements, long stringBytes) {
    }

    private static void node(CodedInputStream in, Constants constants) throws IOException {
        if (++constants.nodes > MAX_NODES) {
            throw new ModelFormatException(constants.path, "holds more than " + MAX_NODES + " nodes");
        }
        String name = null;
        String op = null;
        Tensor value = null;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case NODE_NAME -> name = string(in, tag, constants);
                case NODE_OP -> op = string(in, tag, constants);
                case NODE_ATTR -> {
                    int limit = enter(in, tag, constants);
                    String key = null;
                    Tensor tensor = null;
                    for (int t; (t = in.readTag()) != 0; ) {
                        switch (WireFormat.getTagFieldNumber(t)) {
                            case ENTRY_KEY -> key = string(in, t, constants);
                            case ENTRY_VALUE -> {
                                int attr = enter(in, t, constants);
                                for (int a; (a = in.readTag()) != 0; ) {
                                    if (WireFormat.getTagFieldNumber(a) == ATTR_TENSOR) {
                                        int tensorLimit = enter(in, a, constants);
                                        tensor = tensor(in, constants, name);
                                        in.popLimit(tensorLimit);
                                    } else {
                                        in.skipField(a);
                                    }
                                }
                                in.popLimit(attr);
                            }
                            default -> in.skipField(t);
                        }
                    }
                    in.popLimit(limit);
                    if ("value".equals(key) && tensor != null) {
                        value = tensor;
                    }
                }
                default -> in.skipField(tag);
            }
        }
        if (value != null && ("Const".equals(op) || "HostConst".equals(op))) {
            count(constants, name == null ? "a nameless constant" : "constant '" + name + "'", value);
        }
    }

    private static void count(Constants constants, String what, Tensor tensor) throws ModelFormatException {
        TfDataType type = TfDataType.byId(tensor.dtypeId()).orElse(null);
        if (type == null) {
            String dtype = "TF_TYPE_" + Long.toUnsignedString(tensor.dtypeId());
            constants.unknownTypes.merge(dtype, 1L, Long::sum);
            constants.count.tensor(dtype, tensor.elements(), null);
        } else if (type.bits() > 0) {
            constants.count.tensor(type.dtype(), tensor.elements(),
                    Checked.bytes(constants.path, what, tensor.elements(), type.bits()));
        } else {
            constants.count.tensor(type.dtype(), tensor.elements(), tensor.stringBytes());
        }
    }

    /** A TensorProto; {@code node} names it in messages (a node's name comes before its attributes). */
    private static Tensor tensor(CodedInputStream in, Constants constants, String node) throws IOException {
        String what = node == null ? "a constant" : "constant '" + node + "'";
        long dtype = 0;
        long[] shape = new long[0];
        long stringBytes = 0;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case TENSOR_DTYPE -> dtype = varint(in, tag, constants);
                case TENSOR_SHAPE -> {
                    int limit = enter(in, tag, constants);
                    shape = shape(in, constants, what);
                    in.popLimit(limit);
                }
                case TENSOR_CONTENT, TENSOR_STRING_VAL -> {
                    if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        in.skipField(tag);
                    } else {
                        int length = length(in, constants);
                        in.skipRawBytes(length);
                        stringBytes = Checked.sum(constants.path, "a constant's string bytes", stringBytes, length);
                    }
                }
                default -> in.skipField(tag);
            }
        }
        return new Tensor(dtype, Checked.elements(constants.path, what, shape), stringBytes);
    }

    /** TensorShapeProto: dim 2 (Dim: size 1), unknown_rank 3. A constant's shape is always known. */
    private static long[] shape(CodedInputStream in, Constants constants, String what) throws IOException {
        List<Long> dims = new ArrayList<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (WireFormat.getTagFieldNumber(tag) == SHAPE_DIM) {
                if (dims.size() == MAX_DIMS) {
                    throw new ModelFormatException(constants.path, what + " has more than " + MAX_DIMS
                            + " dimensions");
                }
                int limit = enter(in, tag, constants);
                long dim = 0;
                for (int t; (t = in.readTag()) != 0; ) {
                    if (WireFormat.getTagFieldNumber(t) == DIM_SIZE) {
                        dim = varint(in, t, constants);
                    } else {
                        in.skipField(t);
                    }
                }
                in.popLimit(limit);
                if (dim < 0) {
                    throw new ModelFormatException(constants.path, what + " has an unknown dimension (" + dim
                            + "): a constant's shape is known");
                }
                dims.add(dim);
            } else {
                in.skipField(tag);
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    /** Enters a length-delimited message, its length checked against the file. */
    static int enter(CodedInputStream in, int tag, Constants constants) throws IOException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            throw new ModelFormatException(constants.path, "field " + WireFormat.getTagFieldNumber(tag)
                    + " should be a message but has wire type " + WireFormat.getTagWireType(tag));
        }
        return in.pushLimit(length(in, constants));
    }

    private static int length(CodedInputStream in, Constants constants) throws IOException {
        int length = in.readRawVarint32();
        if (length < 0 || length > constants.size) {
            throw new ModelFormatException(constants.path, "truncated: a field declares "
                    + Integer.toUnsignedString(length) + " bytes, more than the file holds");
        }
        return length;
    }

    static long varint(CodedInputStream in, int tag, Constants constants) throws IOException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_VARINT) {
            throw new ModelFormatException(constants.path, "field " + WireFormat.getTagFieldNumber(tag)
                    + " should be an integer but has wire type " + WireFormat.getTagWireType(tag));
        }
        return in.readInt64();
    }

    private static String string(CodedInputStream in, int tag, Constants constants) throws IOException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            throw new ModelFormatException(constants.path, "field " + WireFormat.getTagFieldNumber(tag)
                    + " should be a string but has wire type " + WireFormat.getTagWireType(tag));
        }
        int length = length(in, constants);
        if (length > MAX_NAME_BYTES) {
            throw new ModelFormatException(constants.path, "a node's name or op declares " + length
                    + " bytes, more than the " + MAX_NAME_BYTES + "-byte limit");
        }
        return new String(in.readRawBytes(length), StandardCharsets.UTF_8);
    }
}
