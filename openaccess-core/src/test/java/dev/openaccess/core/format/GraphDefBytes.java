package dev.openaccess.core.format;

import static dev.openaccess.core.format.TensorBundleBytes.message;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * TensorFlow graphs as protobuf serialises them from TensorFlow's own .proto files: {@code GraphDef}
 * (graph.proto: node 1, library 2), {@code NodeDef} (node_def.proto: name 1, op 2, input 3, attr 5 as map entries
 * of key 1 and value 2), {@code AttrValue} (attr_value.proto: type 6, tensor 8), {@code TensorProto} (tensor.proto:
 * dtype 1, tensor_shape 2, tensor_content 4, float_val 5, int_val 7, string_val 8), {@code TensorShapeProto}
 * (tensor_shape.proto: dim 2, Dim.size 1), {@code FunctionDefLibrary.function} 1 and {@code FunctionDef.node_def} 3
 * (function.proto), and {@code SavedModel} (saved_model.proto: saved_model_schema_version 1, meta_graphs 2) of
 * {@code MetaGraphDef}s (meta_graph.proto: meta_info_def 1 with tags 4 and tensorflow_version 5, graph_def 2).
 */
final class GraphDefBytes {

    static final int DT_FLOAT = 1, DT_INT32 = 3, DT_STRING = 7, DT_HALF = 19;

    private final List<byte[]> nodes = new ArrayList<>();
    private final List<List<byte[]>> functions = new ArrayList<>();

    /** A {@code Const} node holding {@code content.length} bytes of {@code tensor_content}. */
    GraphDefBytes constant(String name, int dtype, long[] shape, byte[] content) {
        nodes.add(node(name, "Const", tensor(dtype, shape, content, null)));
        return this;
    }

    /** A {@code Const} node whose value is one {@code float_val}, repeated to fill its shape (version 0). */
    GraphDefBytes broadcastFloat(String name, long[] shape, float value) {
        nodes.add(node(name, "Const", message(t -> {
            t.writeEnum(1, DT_FLOAT);
            t.writeByteArray(2, shape(shape));
            t.writeByteArray(5, message(v -> v.writeFloatNoTag(value))); // packed float_val
        })));
        return this;
    }

    /** A {@code Const} node of strings in {@code string_val}. */
    GraphDefBytes strings(String name, String... values) {
        nodes.add(node(name, "Const", tensor(DT_STRING, new long[] {values.length}, null, values)));
        return this;
    }

    /** A node of another op, which may carry a tensor under {@code value} too: not a constant. */
    GraphDefBytes op(String name, String op, byte[] valueTensor) {
        nodes.add(node(name, op, valueTensor));
        return this;
    }

    /** A raw node (a hostile one). */
    GraphDefBytes rawNode(byte[] node) {
        nodes.add(node);
        return this;
    }

    /** A function of the library, holding these nodes (each from {@link #node}). */
    GraphDefBytes function(byte[]... functionNodes) {
        functions.add(List.of(functionNodes));
        return this;
    }

    byte[] graph() {
        return message(out -> {
            for (byte[] node : nodes) {
                out.writeByteArray(1, node);
            }
            if (!functions.isEmpty()) {
                out.writeByteArray(2, message(library -> {
                    for (List<byte[]> function : functions) {
                        library.writeByteArray(1, message(f -> {
                            f.writeByteArray(1, message(signature -> signature.writeString(1, "fn")));
                            for (byte[] node : function) {
                                f.writeByteArray(3, node);
                            }
                        }));
                    }
                }));
            }
            out.writeByteArray(4, message(versions -> versions.writeInt32(1, 1286))); // VersionDef.producer
        });
    }

    /** A SavedModel of one meta graph, tagged {@code serve}, holding this graph. */
    byte[] savedModel() {
        byte[] graph = graph();
        return message(out -> {
            out.writeInt64(1, 1);
            out.writeByteArray(2, message(meta -> {
                meta.writeByteArray(1, message(info -> {
                    info.writeString(4, "serve");
                    info.writeString(5, "2.16.1");
                }));
                meta.writeByteArray(2, graph);
            }));
        });
    }

    static byte[] node(String name, String op, byte[] valueTensor) {
        return message(out -> {
            out.writeString(1, name);
            out.writeString(2, op);
            out.writeString(3, "input:0");
            out.writeByteArray(5, message(entry -> {
                entry.writeString(1, "dtype");
                entry.writeByteArray(2, message(attr -> attr.writeEnum(6, DT_FLOAT)));
            }));
            if (valueTensor != null) {
                out.writeByteArray(5, message(entry -> {
                    entry.writeString(1, "value");
                    entry.writeByteArray(2, message(attr -> attr.writeByteArray(8, valueTensor)));
                }));
            }
        });
    }

    static byte[] tensor(int dtype, long[] shape, byte[] content, String[] strings) {
        return message(t -> {
            t.writeEnum(1, dtype);
            t.writeByteArray(2, shape(shape));
            if (content != null) {
                t.writeByteArray(4, content);
            }
            if (strings != null) {
                for (String s : strings) {
                    t.writeString(8, s);
                }
            }
        });
    }

    static byte[] shape(long[] dims) {
        return message(shape -> {
            for (long dim : dims) {
                shape.writeByteArray(2, message(d -> d.writeInt64(1, dim)));
            }
        });
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
