package dev.openaccess.core.format;

import static dev.openaccess.core.format.OnnxBytes.field;
import static dev.openaccess.core.format.OnnxBytes.graph;
import static dev.openaccess.core.format.OnnxBytes.int64;
import static dev.openaccess.core.format.OnnxBytes.message;
import static dev.openaccess.core.format.OnnxBytes.model;
import static dev.openaccess.core.format.OnnxBytes.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weights ONNX keeps outside initializers, written field by field as onnx.proto and onnx-ml.proto number them:
 * AttributeProto {name 1, f 2, i 3, s 4, t 5, floats 7, ints 8, strings 9}, NodeProto {op_type 4, attribute 5,
 * domain 7}, ModelProto {functions 25}, FunctionProto {node 7}.
 */
class OnnxValuesTest {

    private static ModelFacts read(byte[] bytes) throws IOException {
        return new OnnxReader().read(new ModelSource("m.onnx", bytes.length, () -> new ByteArrayInputStream(bytes)));
    }

    private static byte[] node(String opType, String domain, byte[]... attributes) {
        return message(out -> {
            string(out, 4, opType);
            for (byte[] attribute : attributes) {
                field(out, 5, attribute);
            }
            if (domain != null) {
                string(out, 7, domain);
            }
        });
    }

    private static byte[] attribute(String name, java.util.function.Consumer<CodedOutputStream> value) {
        return message(out -> {
            string(out, 1, name);
            value.accept(out);
        });
    }

    private static java.util.function.Consumer<CodedOutputStream> floats(int count) {
        return out -> write(() -> {
            out.writeTag(7, 2);
            out.writeUInt32NoTag(4 * count);
            for (int i = 0; i < count; i++) {
                out.writeFloatNoTag(i);
            }
        });
    }

    private static java.util.function.Consumer<CodedOutputStream> ints(long... values) {
        return out -> write(() -> {
            int size = 0;
            for (long value : values) {
                size += CodedOutputStream.computeInt64SizeNoTag(value);
            }
            out.writeTag(8, 2);
            out.writeUInt32NoTag(size);
            for (long value : values) {
                out.writeInt64NoTag(value);
            }
        });
    }

    interface Write {
        void run() throws IOException;
    }

    private static void write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyKindOfConstantValueIsCounted() throws IOException {
        byte[] onnx = model(graph(new byte[][] {
                node("Constant", null, attribute("value_int", out -> int64(out, 3, 7))),           // 1 I64
                node("Constant", null, attribute("value_ints", ints(1, 2, 300, -1))),              // 4 I64
                node("Constant", null, attribute("value_float", out -> write(() -> out.writeFloat(2, 0.5f)))), // 1 F32
                node("Constant", null, attribute("value_floats", floats(3))),                      // 3 F32
                node("Constant", null, attribute("value_string", out -> string(out, 4, "hi"))),  // 1 STRING
                node("Constant", null, attribute("value_strings", out -> {                        // 2 STRING
                    string(out, 9, "a");
                    string(out, 9, "b");
                })),
                // the same attributes on another operator are settings, not weights
                node("Gather", null, attribute("axis", out -> int64(out, 3, 1))),
                node("Transpose", null, attribute("perm", ints(0, 2, 1)))}));
        ModelFacts facts = read(onnx);
        assertEquals(Map.of("I64", 5L, "F32", 4L, "STRING", 3L), facts.parameters().byDtype());
        assertEquals(6L, facts.tensors(), "each Constant is one tensor");
        assertEquals(5 * 8 + 4 * 4, facts.weightsBytes(), "strings counted, not sized");
    }

    @Test
    void theLearnedValuesOfTraditionalMlOperatorsAreCounted() throws IOException {
        // onnx-ml.proto TreeEnsembleRegressor: node arrays and target weights are the trained tree; settings are not
        byte[] tree = node("TreeEnsembleRegressor", OnnxReader.ML_DOMAIN,
                attribute("nodes_featureids", ints(0, 1, 0)),
                attribute("nodes_values", floats(3)),
                attribute("nodes_modes", out -> {
                    string(out, 9, "BRANCH_LEQ");
                    string(out, 9, "LEAF");
                    string(out, 9, "LEAF");
                }),
                attribute("target_weights", floats(2)),
                attribute("n_targets", out -> int64(out, 3, 1)),                   // a setting: not counted
                attribute("post_transform", out -> string(out, 4, "NONE")));      // a setting: not counted
        byte[] linear = node("LinearClassifier", OnnxReader.ML_DOMAIN,
                attribute("coefficients", floats(8)), attribute("intercepts", floats(2)));
        ModelFacts facts = read(model(graph(new byte[][] {tree, linear})));
        assertEquals(Map.of("I64", 3L, "F32", 15L, "STRING", 3L), facts.parameters().byDtype());
        assertEquals(21, facts.parameters().total());
    }

    @Test
    void modelLocalFunctionsAreWalked() throws IOException {
        byte[] function = message(out -> {
            string(out, 1, "LayerNormish");
            field(out, 7, node("Constant", null, attribute("value", out2 -> field(out2, 5,
                    OnnxBytes.tensor("gamma", 1, 4 * 16, 16)))));
            string(out, 10, "local");
        });
        byte[] onnx = message(out -> {
            field(out, 7, graph(new byte[0][], OnnxBytes.tensor("w", 1, 4 * 4, 4)));
            field(out, 25, function);
        });
        ModelFacts facts = read(onnx);
        assertEquals(Map.of("F32", 20L), facts.parameters().byDtype());
        assertEquals(2L, facts.tensors());
    }

    @Test
    void aTensorOfMoreDimensionsThanAnyRealOneIsRefusedBeforeTheyAreHeld() {
        long[] ones = new long[OnnxReader.MAX_DIMS + 1];
        java.util.Arrays.fill(ones, 1);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(model(graph(new byte[0][],
                OnnxBytes.tensor("w", 1, 4, ones)))));
        assertEquals("a tensor has more than 64 dimensions", e.problem());
    }

    @Test
    void aDataTypePast32BitsIsUnknownNotFloat() throws IOException {
        ModelFacts facts = read(model(graph(new byte[0][], OnnxBytes.tensor("w", 0, 16, 4))));
        assertEquals(Map.of("ONNX_TYPE_0", 4L), facts.parameters().byDtype());
        byte[] wide = model(graph(new byte[0][], message(out -> {
            OnnxBytes.packedDims(out, 4);
            int64(out, 2, (1L << 32) + 1); // was cast to int: 1, FLOAT
            string(out, 8, "w");
        })));
        facts = read(wide);
        assertEquals(Map.of("ONNX_TYPE_4294967297", 4L), facts.parameters().byDtype());
        assertEquals(0L, facts.weightsBytes());
        assertTrue(facts.warnings().get(0).contains("data type 4294967297 is not in onnx.proto"), facts.warnings()
                .toString());
    }

    @Test
    void externalDataOfHugeDimsIsRefusedInWords(@TempDir Path folder) throws IOException {
        Files.write(folder.resolve("weights.bin"), new byte[16]);
        byte[] onnx = model(graph(new byte[0][], OnnxBytes.externalTensor("w", 1, "weights.bin", 1L << 31,
                1L << 31)));
        Path file = Files.write(folder.resolve("m.onnx"), onnx);
        // was a bare ArithmeticException: 2^62 F32 elements are 2^67 bits
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> new OnnxReader().read(ModelSource.ofFile(file, "m.onnx")));
        assertTrue(e.problem().contains("byte size overflows 64 bits"), e.getMessage());
    }
}
