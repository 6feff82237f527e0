package dev.openaccess.core.format;

import static dev.openaccess.core.format.OnnxBytes.graph;
import static dev.openaccess.core.format.OnnxBytes.graphAttribute;
import static dev.openaccess.core.format.OnnxBytes.message;
import static dev.openaccess.core.format.OnnxBytes.model;
import static dev.openaccess.core.format.OnnxBytes.node;
import static dev.openaccess.core.format.OnnxBytes.tensor;
import static dev.openaccess.core.format.OnnxBytes.tensorAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OnnxReaderTest {

    private static final String PATH = "model.onnx";
    private static final byte[][] NO_NODES = {};
    private static final int FLOAT = 1, INT64 = 7, STRING = 8, FLOAT16 = 10, INT4 = 22;

    private static ModelFacts read(byte[] bytes) throws IOException {
        return new OnnxReader().read(new ModelSource(PATH, bytes.length, () -> new ByteArrayInputStream(bytes)));
    }

    private static ModelFormatException failure(byte[] bytes) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(bytes));
        assertTrue(e.getMessage().startsWith(PATH + ": "), e.getMessage());
        return e;
    }

    @Test
    void countsInitializersPerDataType() throws IOException {
        byte[] onnx = model(graph(NO_NODES,
                tensor("embeddings.weight", FLOAT, 4 * 1000 * 16, 1000, 16),   // 16,000 F32
                tensor("proj.weight", FLOAT16, 2 * 16 * 16, 16, 16),            // 256 F16
                tensor("position_ids", INT64, 8 * 512, 1, 512)));               // 512 I64
        ModelFacts facts = read(onnx);
        assertEquals(ModelFormat.ONNX, facts.format());
        assertEquals(Map.of("F32", 16_000L, "F16", 256L, "I64", 512L), facts.parameters().byDtype());
        assertEquals(16_000 + 256 + 512, facts.parameters().total());
        assertEquals(4 * 16_000 + 2 * 256 + 8 * 512, facts.weightsBytes());
        assertEquals(3, facts.tensors());
        assertTrue(facts.parameters().exact());
        assertEquals("pytorch 2.1.0", facts.metadata().get("onnx.producer"));
        assertEquals("8", facts.metadata().get("onnx.irVersion"));
        assertEquals("ai.onnx:17", facts.metadata().get("onnx.opsets")); // written after the graph, as exporters do
        assertEquals("Apache-2.0", facts.metadata().get("license"));
        assertEquals("1", facts.metadata().get("onnx.graph.inputs"));
    }

    @Test
    void unpackedDimsAndTypedDataFieldsAreRead() throws IOException {
        ModelFacts facts = read(model(graph(NO_NODES, OnnxBytes.tensorWithFloatData("w", 3, 5))));
        assertEquals(Map.of("F32", 15L), facts.parameters().byDtype());
        assertEquals(60, facts.weightsBytes());
    }

    @Test
    void constantNodesAndSubgraphsHoldWeightsToo() throws IOException {
        byte[] constant = node("Constant", tensorAttribute("value", tensor("c", FLOAT, 4 * 10, 10)));
        byte[] notWeights = node("ConstantOfShape", tensorAttribute("value", tensor("fill", FLOAT, 4, 1)));
        byte[] branch = graph(new byte[][] {node("Constant", tensorAttribute("value", tensor("b", FLOAT, 4 * 7, 7)))},
                tensor("inner", FLOAT, 4 * 3, 3));
        byte[] ifNode = node("If", graphAttribute("then_branch", branch), graphAttribute("else_branch", branch));
        ModelFacts facts = read(model(graph(new byte[][] {constant, notWeights, ifNode}, tensor("w", FLOAT, 4 * 2, 2))));
        // 2 (initializer) + 10 (Constant) + 2 branches × (7 + 3); the ConstantOfShape fill value is no weight
        assertEquals(2 + 10 + 2 * (7 + 3), facts.parameters().total());
        assertEquals(6, facts.tensors());
    }

    @ParameterizedTest
    @EnumSource(OnnxDataType.class)
    void everyDataTypeHasItsSize(OnnxDataType type) throws IOException {
        ModelFacts facts = read(model(graph(NO_NODES, tensor("t", type.id(), 0, 3, 5))));
        assertEquals(Map.of(type.dtype(), 15L), facts.parameters().byDtype());
        long expected = switch (type) {
            case STRING -> 0;
            case UINT2, INT2 -> 4;        // 15 × 2 bits = 30 bits → 4 bytes
            case UINT4, INT4, FLOAT4E2M1 -> 8; // 15 × 4 bits = 60 bits → 8 bytes
            case UINT8, INT8, BOOL, FLOAT8E4M3FN, FLOAT8E4M3FNUZ, FLOAT8E5M2, FLOAT8E5M2FNUZ, FLOAT8E8M0 -> 15;
            case UINT16, INT16, FLOAT16, BFLOAT16 -> 30;
            case FLOAT, INT32, UINT32 -> 60;
            case INT64, UINT64, DOUBLE, COMPLEX64 -> 120;
            case COMPLEX128 -> 240;
        };
        assertEquals(expected, facts.weightsBytes());
    }

    @Test
    void subByteTensorsRoundUpToWholeBytes() throws IOException {
        assertEquals(2, read(model(graph(NO_NODES, tensor("q", INT4, 2, 3)))).weightsBytes()); // 12 bits → 2 bytes
    }

    @Test
    void stringsAndUnknownTypesAreCountedAndSaid() throws IOException {
        ModelFacts facts = read(model(graph(NO_NODES, tensor("vocab", STRING, 0, 4), tensor("x", 99, 0, 6))));
        assertEquals(Map.of("STRING", 4L, "ONNX_TYPE_99", 6L), facts.parameters().byDtype());
        assertEquals(0, facts.weightsBytes());
        assertEquals(2, facts.warnings().size());
        assertTrue(facts.warnings().get(1).contains("data type 99 is not in onnx.proto"), facts.warnings().toString());
    }

    @Test
    void externalDataIsCountedAndMustStayBesideTheModel() throws IOException {
        ModelFacts facts = read(model(graph(NO_NODES, OnnxBytes.externalTensor("w", FLOAT, "weights.bin", 1024, 1024))));
        assertEquals(1_048_576, facts.parameters().total());
        assertTrue(facts.warnings().get(0).contains("not checked: the model is not a file on disk"));
        assertEquals(4L * 1_048_576, facts.weightsBytes());
        for (String escape : new String[] {"../secrets.bin", "/etc/passwd", "data/../../x.bin", "C:\\\\w.bin"}) {
            ModelFormatException e = failure(model(graph(NO_NODES, OnnxBytes.externalTensor("w", FLOAT, escape, 4))));
            assertTrue(e.problem().contains("outside the model's folder: refused"), e.getMessage());
        }
    }

    @Test
    void badInputIsRefusedNamingTheFile() {
        assertTrue(failure(new byte[] {1, 2, 3, 4, 5}).problem().startsWith("not a valid ONNX model"));
        assertTrue(failure(message(out -> OnnxBytes.int64(out, 1, 8))).problem().contains("has no graph"));
        byte[] whole = model(graph(NO_NODES, tensor("w", FLOAT, 4 * 100, 100)));
        String truncated = failure(Arrays.copyOf(whole, whole.length / 2)).problem();
        assertTrue(truncated.startsWith("truncated: a message declares"), truncated);
        byte[] cutInTensor = Arrays.copyOf(whole, whole.length - 10); // the graph fits, a tensor's data does not
        String cut = failure(cutInTensor).problem();
        assertTrue(cut.startsWith("truncated") || cut.startsWith("not a valid ONNX model"), cut);
        assertTrue(failure(model(graph(NO_NODES, tensor("w", FLOAT, 0, -4)))).problem()
                .contains("negative dimension -4"));
        assertTrue(failure(model(graph(NO_NODES, tensor("w", FLOAT, 0, 1L << 40, 1L << 40)))).problem()
                .contains("overflows a 64-bit element count"));
    }

    @Test
    void graphsNestedWithoutEndAreRefused() {
        byte[] graph = graph(NO_NODES);
        for (int i = 0; i < OnnxReader.MAX_GRAPH_DEPTH + 2; i++) {
            graph = graph(new byte[][] {node("Loop", graphAttribute("body", graph))});
        }
        assertTrue(failure(model(graph)).problem().contains("graphs nest more than 16 levels deep"));
    }

    @Test
    void tensorDataIsSkippedNotRead(@TempDir Path dir) throws IOException {
        int dataBytes = 32 << 20; // 32 MiB of raw_data
        byte[] onnx = model(graph(NO_NODES, tensor("big", FLOAT, dataBytes, dataBytes / 4)));
        Path file = Files.write(dir.resolve("big.onnx"), onnx);
        AtomicLong read = new AtomicLong();
        ModelSource counted = new ModelSource("big.onnx", Files.size(file),
                () -> new CountingInputStream(Files.newInputStream(file), read, new AtomicLong()));
        ModelFacts facts = new OnnxReader().read(counted);
        assertEquals(dataBytes / 4, facts.parameters().total());
        // the raw_data is passed over with InputStream.skip (a seek on a file), not read into memory
        assertTrue(read.get() < 1 << 20, "read " + read.get() + " bytes of a " + onnx.length + "-byte file");
    }

    @Test
    void aGraphFieldDeclaringMoreThanTheFileIsRefused() {
        byte[] lying = message(out -> {
            try {
                out.writeTag(7, 2);
                out.writeUInt32NoTag(1_000_000);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(failure(lying).problem().contains("more than the file holds"));
    }

    @Test
    void externalDataBesideAModelFileMustBeThereInFull(@TempDir Path dir) throws IOException {
        Path model = Files.write(dir.resolve("model.onnx"),
                model(graph(NO_NODES, OnnxBytes.externalTensor("w", FLOAT, "weights.bin", 256, 4))));
        Files.write(dir.resolve("weights.bin"), new byte[4 * 256 * 4]); // 1,024 floats, 4,096 bytes
        ModelFacts facts = new OnnxReader().read(ModelSource.ofFile(model, "model.onnx"));
        assertEquals(1_024, facts.parameters().total());
        assertEquals(List.of(), facts.warnings());

        Files.write(dir.resolve("weights.bin"), new byte[100]);
        ModelFormatException shortFile = assertThrows(ModelFormatException.class,
                () -> new OnnxReader().read(ModelSource.ofFile(model, "model.onnx")));
        assertTrue(shortFile.problem().contains("needs bytes 0..4096 of 'weights.bin', which holds 100"),
                shortFile.getMessage());

        Files.delete(dir.resolve("weights.bin"));
        ModelFormatException missing = assertThrows(ModelFormatException.class,
                () -> new OnnxReader().read(ModelSource.ofFile(model, "model.onnx")));
        assertTrue(missing.problem().contains("which is missing beside the model"), missing.getMessage());
    }

    @Test
    void undefinedTypesWhoseCountsOverflowTogetherAreRefused() {
        // Undefined data types have no width, so nothing bounds their dims: the total overflowed unreported.
        byte[] file = model(graph(NO_NODES, tensor("a", 98, 0, 1L << 62), tensor("b", 99, 0, 1L << 62)));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(file));
        assertEquals(PATH, e.path());
        assertTrue(e.problem().contains("more than 2^63 - 1 elements"), e.getMessage());
    }

    @Test
    void tensorsOfOneUnsizedKindShareOneWarning() throws IOException {
        // one warning per tensor let a small file of empty tensors hold millions of warnings
        ModelFacts facts = read(model(graph(NO_NODES, tensor("a", 99, 0, 2), tensor("b", 99, 0, 3),
                tensor("c", 99, 0, 4))));
        assertEquals(List.of(PATH + ": 3 tensors ('a' and others): data type 99 is not in onnx.proto; their 9"
                + " elements are counted, their bytes are not"), facts.warnings());
    }
}
