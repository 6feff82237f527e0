package dev.openaccess.core.format;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Writes ONNX protobuf bytes for tests, field by field with {@link CodedOutputStream}, as onnx.proto numbers them.
 * Each builder method returns the serialized message, so messages nest by value.
 */
public final class OnnxBytes {

    private OnnxBytes() {
    }

    /** A message built by writing fields. */
    static byte[] message(Consumer<CodedOutputStream> fields) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            fields.accept(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void field(CodedOutputStream out, int number, byte[] message) {
        try {
            out.writeByteArray(number, message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void string(CodedOutputStream out, int number, String value) {
        try {
            out.writeString(number, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void int64(CodedOutputStream out, int number, long value) {
        try {
            out.writeInt64(number, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** TensorProto with packed dims and {@code rawBytes} bytes of raw_data. */
    public static byte[] tensor(String name, int dataType, long rawBytes, long... dims) {
        return message(out -> {
            packedDims(out, dims);
            int64(out, 2, dataType);
            string(out, 8, name);
            try {
                out.writeBytes(9, ByteString.copyFrom(new byte[Math.toIntExact(rawBytes)]));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** TensorProto with one dims field per dimension (the unpacked encoding) and float_data values. */
    static byte[] tensorWithFloatData(String name, long... dims) {
        return message(out -> {
            for (long dim : dims) {
                int64(out, 1, dim);
            }
            int64(out, 2, 1);
            string(out, 8, name);
            long count = 1;
            for (long dim : dims) {
                count *= dim;
            }
            try {
                out.writeTag(4, 2); // float_data, packed
                out.writeUInt32NoTag(Math.toIntExact(4 * count));
                for (long i = 0; i < count; i++) {
                    out.writeFloatNoTag(i * 0.5f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** TensorProto whose data lives in an external file. */
    static byte[] externalTensor(String name, int dataType, String location, long... dims) {
        return message(out -> {
            packedDims(out, dims);
            int64(out, 2, dataType);
            string(out, 8, name);
            field(out, 13, message(entry -> {
                string(entry, 1, "location");
                string(entry, 2, location);
            }));
            int64(out, 14, 1);
        });
    }

    static void packedDims(CodedOutputStream out, long... dims) {
        try {
            int size = 0;
            for (long dim : dims) {
                size += CodedOutputStream.computeInt64SizeNoTag(dim);
            }
            out.writeTag(1, 2);
            out.writeUInt32NoTag(size);
            for (long dim : dims) {
                out.writeInt64NoTag(dim);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** NodeProto of {@code opType} with attributes (each an AttributeProto). */
    static byte[] node(String opType, byte[]... attributes) {
        return message(out -> {
            string(out, 4, opType);
            for (byte[] attribute : attributes) {
                field(out, 5, attribute);
            }
        });
    }

    static byte[] tensorAttribute(String name, byte[] tensor) {
        return message(out -> {
            string(out, 1, name);
            field(out, 5, tensor);
        });
    }

    static byte[] graphAttribute(String name, byte[] graph) {
        return message(out -> {
            string(out, 1, name);
            field(out, 6, graph);
        });
    }

    /** GraphProto: nodes (field 1), initializers (5), one input (11) and one output (12). */
    public static byte[] graph(byte[][] nodes, byte[]... initializers) {
        return message(out -> {
            for (byte[] node : nodes) {
                field(out, 1, node);
            }
            for (byte[] initializer : initializers) {
                field(out, 5, initializer);
            }
            field(out, 11, message(value -> string(value, 1, "input_ids")));
            field(out, 12, message(value -> string(value, 1, "embeddings")));
        });
    }

    /** ModelProto with ir_version 8, a producer, the graph, then (as exporters do) the opset import and metadata. */
    public static byte[] model(byte[] graph) {
        return message(out -> {
            int64(out, 1, 8);
            string(out, 2, "pytorch");
            string(out, 3, "2.1.0");
            field(out, 7, graph);
            field(out, 8, message(opset -> {
                string(opset, 1, "");
                int64(opset, 2, 17);
            }));
            field(out, 14, message(entry -> {
                string(entry, 1, "license");
                string(entry, 2, "Apache-2.0");
            }));
        });
    }
}
