package dev.openaccess.core.format;

import static dev.openaccess.core.format.TfliteBytes.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.format.TfliteBytes.SparseDim;
import dev.openaccess.core.format.tflite.SparseIndexVector;
import dev.openaccess.core.format.tflite.TensorType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TensorFlow Lite models as the converter writes them ({@link TfliteBytes}: the FlatBuffers builder and the classes
 * generated from TensorFlow's {@code schema.fbs}). Every expected count is worked out by hand in the test.
 */
class TfliteReaderTest {

    @TempDir
    Path folder;

    private static ModelFacts read(byte[] bytes) throws IOException {
        return new TfliteReader().read(new ModelSource("m.tflite", bytes.length,
                () -> new ByteArrayInputStream(bytes)));
    }

    private ModelFacts readFromDisk(String name, byte[] bytes) throws IOException {
        Path file = folder.resolve(name);
        Files.write(file, bytes);
        return new TfliteReader().read(ModelFile.ofFile(file, name, FormatTable.TFLITE).source());
    }

    @Test
    void countsTheConstantsNotTheActivations() throws IOException {
        TfliteBytes model = new TfliteBytes();
        int w = model.buffer(3 * 4 * 4);
        int b = model.buffer(3 * 2);
        int activation = model.emptyBuffer();
        model.subgraph(
                tensor("input", TensorType.FLOAT32, 0, 1, 4),        // buffer 0: the sentinel, no data
                tensor("w", TensorType.FLOAT32, w, 3, 4),            // 12 F32, 48 bytes
                tensor("b", TensorType.FLOAT16, b, 3),               // 3 F16, 6 bytes
                tensor("out", TensorType.FLOAT32, activation, 1, 3), // an empty buffer: an activation
                tensor("state", TensorType.FLOAT32, 0, 1, 3).variable());
        ModelFacts facts = read(model.toBytes());
        assertEquals(ModelFormat.TFLITE, facts.format());
        assertEquals(Map.of("F32", 12L, "F16", 3L), facts.parameters().byDtype());
        assertEquals(15, facts.parameters().total());
        assertTrue(facts.parameters().exact());
        assertEquals(54L, facts.weightsBytes());
        assertEquals(2L, facts.tensors());
        assertEquals(List.of(), facts.warnings());
        assertEquals("1", facts.metadata().get("tflite.subgraphs"));
        assertEquals("3", facts.metadata().get("tflite.version"));
        assertEquals("TOCO Converted.", facts.metadata().get("tflite.description"));
        assertEquals("1", facts.metadata().get("tflite.variableTensors"));
    }

    @Test
    void aBufferSharedBySubgraphsIsCountedOnce() throws IOException {
        TfliteBytes model = new TfliteBytes();
        int w = model.buffer(10 * 4);
        model.subgraph(tensor("w", TensorType.FLOAT32, w, 10))
                .subgraph(tensor("w", TensorType.FLOAT32, w, 10), tensor("x", TensorType.INT32, model.buffer(8), 2));
        ModelFacts facts = read(model.toBytes());
        assertEquals(Map.of("F32", 10L, "I32", 2L), facts.parameters().byDtype());
        assertEquals(48L, facts.weightsBytes());
        assertEquals("1", facts.metadata().get("tflite.sharedBuffers"));
        assertEquals("2", facts.metadata().get("tflite.subgraphs"));
    }

    @Test
    void quantizationParametersAreBytesNotParameters() throws IOException {
        TfliteBytes model = new TfliteBytes();
        // int8 weights [4, 2], per-channel: 4 scales (float, 4 bytes each) and 4 zero points (long, 8 bytes each)
        model.subgraph(tensor("w", TensorType.INT8, model.buffer(8), 4, 2).quantized(4, 4));
        ModelFacts facts = read(model.toBytes());
        assertEquals(Map.of("I8", 8L), facts.parameters().byDtype());
        assertEquals(8L + 4 * 4 + 4 * 8, facts.weightsBytes());
        assertEquals("1", facts.metadata().get("tflite.quantizedWeights"));
    }

    @Test
    void aSparseTensorCountsItsDenseShapeAndTheBytesItStores() throws IOException {
        TfliteBytes model = new TfliteBytes();
        // dense shape 4×4 = 16 F32 elements; 3 non-zero values stored (12 bytes); dimension 0 dense, dimension 1
        // CSR: 5 segments (int32, 20 bytes) and 3 indices (uint8, 3 bytes)
        model.subgraph(tensor("w", TensorType.FLOAT32, model.buffer(12), 4, 4).sparse(
                new SparseDim(SparseIndexVector.NONE, 0, SparseIndexVector.NONE, 0),
                new SparseDim(SparseIndexVector.Int32Vector, 5, SparseIndexVector.Uint8Vector, 3)));
        ModelFacts facts = read(model.toBytes());
        assertEquals(Map.of("F32", 16L), facts.parameters().byDtype());
        assertEquals(12L + 20 + 3, facts.weightsBytes());
        assertEquals("1", facts.metadata().get("tflite.sparseWeights"));
        assertEquals(List.of(), facts.warnings(), "a sparse tensor stores fewer bytes than its shape: no warning");
    }

    @Test
    void blockwiseScaleTensorsAreBytesOfTheirWeight() throws IOException {
        TfliteBytes model = new TfliteBytes();
        // 64 int4 weights packed two to a byte (32 bytes); their block scales in tensor 1: 2 F16 (4 bytes);
        // zero points -1: none
        model.subgraph(tensor("w", TensorType.INT4, model.buffer(32), 64).blockwise(1, -1),
                tensor("w_scales", TensorType.FLOAT16, model.buffer(4), 2));
        ModelFacts facts = read(model.toBytes());
        assertEquals(Map.of("I4", 64L), facts.parameters().byDtype());
        assertEquals(36L, facts.weightsBytes());
        assertEquals(1L, facts.tensors());
        assertEquals(List.of(), facts.warnings());
    }

    @Test
    void dataAfterTheFlatBufferIsCountedByItsSize() throws IOException {
        // a model over 2 GB keeps its buffers after the FlatBuffer (Buffer.offset/size): here 40 bytes at the end
        byte[] probe = withBufferAt(0, 40);
        int offset = (probe.length + 15) / 16 * 16;
        byte[] flat = withBufferAt(offset, 40);
        assertEquals(probe.length, flat.length, "the offset's value does not change the layout");
        byte[] file = Arrays.copyOf(flat, offset + 40);
        ModelFacts facts = read(file);
        assertEquals(Map.of("F32", 10L), facts.parameters().byDtype());
        assertEquals(40L, facts.weightsBytes());

        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(Arrays.copyOf(flat,
                offset + 39)));
        assertTrue(e.problem().contains("buffer 1 lies at bytes " + offset + ".." + (offset + 40)
                + ", past the end of the file"), e.getMessage());
    }

    private static byte[] withBufferAt(long offset, long size) {
        TfliteBytes model = new TfliteBytes();
        model.subgraph(tensor("w", TensorType.FLOAT32, model.bufferAt(offset == 0 ? 1L << 40 : offset, size), 10));
        return model.toBytes();
    }

    /**
     * A model over 2 GB as the converter writes it: the FlatBuffer first, its buffers after it at Buffer.offset. The
     * file (sparse on disk) is mapped, not read, so the reader's work and heap do not grow with it.
     */
    @Test
    void aModelOverTwoGigabytesIsReadFromItsTablesAlone() throws IOException {
        long weights = 3L << 30; // 3 GiB of F32 past the FlatBuffer
        long elements = weights / 4;
        int[] shape = {(int) (elements / 1024), 1024};
        byte[] probe = big(shape, 1L << 40, weights);
        long offset = (probe.length + 63) / 64 * 64;
        byte[] flat = big(shape, offset, weights);
        Path file = folder.resolve("big.tflite");
        Files.write(file, flat);
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(offset + weights);
        }
        ModelFacts facts = new TfliteReader().read(ModelFile.ofFile(file, "big.tflite", FormatTable.TFLITE).source());
        assertEquals(Map.of("F32", elements), facts.parameters().byDtype());
        assertEquals(weights, facts.weightsBytes());
        assertEquals(List.of(), facts.warnings());
    }

    private static byte[] big(int[] shape, long offset, long size) {
        TfliteBytes model = new TfliteBytes();
        model.subgraph(tensor("w", TensorType.FLOAT32, model.bufferAt(offset, size), shape));
        return model.toBytes();
    }

    @Test
    void storedBytesOtherThanTheShapeTakesAreCountedWithAWarning() throws IOException {
        TfliteBytes model = new TfliteBytes();
        model.subgraph(tensor("odd", TensorType.FLOAT32, model.buffer(7), 2),
                tensor("future", (byte) 99, model.buffer(3), 3));
        ModelFacts facts = read(model.toBytes());
        assertEquals(Map.of("F32", 2L, "TFLITE_TYPE_99", 3L), facts.parameters().byDtype());
        assertEquals(10L, facts.weightsBytes());
        assertEquals(2, facts.warnings().size(), facts.warnings().toString());
        assertTrue(facts.warnings().get(0).contains("tensor 'odd': its buffer holds other than the bytes its shape"),
                facts.warnings().toString());
        assertTrue(facts.warnings().get(1).contains("tensor 'future': type 99 is not in schema.fbs"),
                facts.warnings().toString());
    }

    @Test
    void aStringTensorIsCountedWithItsStoredBytes() throws IOException {
        TfliteBytes model = new TfliteBytes();
        model.subgraph(tensor("vocab", TensorType.STRING, model.buffer(23), 2));
        ModelFacts facts = read(model.toBytes());
        assertEquals(Map.of("STRING", 2L), facts.parameters().byDtype());
        assertEquals(23L, facts.weightsBytes());
        assertEquals(List.of(), facts.warnings());
    }

    @Test
    void metadataNamesAndTheMinimumRuntimeVersion() throws IOException {
        TfliteBytes model = new TfliteBytes();
        int version = model.buffer("1.14.0\0\0\0\0\0\0\0\0\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        model.metadata("min_runtime_version", version).metadata("TFLITE_METADATA", model.buffer(4))
                .subgraph(tensor("w", TensorType.FLOAT32, model.buffer(4), 1));
        ModelFacts facts = read(model.toBytes());
        assertEquals("1.14.0", facts.metadata().get("tflite.minRuntimeVersion"));
        assertEquals("min_runtime_version,TFLITE_METADATA", facts.metadata().get("tflite.metadata"));
        assertEquals(1, facts.parameters().total(), "metadata buffers are no tensor's: not counted");
    }

    @Test
    void anExternalBufferIsCheckedBesideTheModelAndIsAPartOfIt() throws IOException {
        Files.write(folder.resolve("weights.bin"), new byte[100]);
        TfliteBytes model = new TfliteBytes();
        int group = model.group("weights.bin");
        model.externalBuffer(7, group, 60, 40)
                .subgraph(tensor("w", TensorType.FLOAT32, 0, 10).external(7));
        ModelFacts facts = readFromDisk("ext.tflite", model.toBytes());
        assertEquals(Map.of("F32", 10L), facts.parameters().byDtype());
        assertEquals(40L, facts.weightsBytes());
        assertEquals(List.of("weights.bin"), facts.parts().stream().map(ModelSource::path).toList());

        TfliteBytes past = new TfliteBytes();
        past.externalBuffer(7, past.group("weights.bin"), 61, 40)
                .subgraph(tensor("w", TensorType.FLOAT32, 0, 10).external(7));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> readFromDisk("past.tflite",
                past.toBytes()));
        assertTrue(e.problem().contains("needs bytes up to 101 of 'weights.bin', which holds 100"), e.getMessage());

        TfliteBytes missing = new TfliteBytes();
        missing.externalBuffer(7, missing.group("gone.bin"), 0, 40)
                .subgraph(tensor("w", TensorType.FLOAT32, 0, 10).external(7));
        e = assertThrows(ModelFormatException.class, () -> readFromDisk("missing.tflite", missing.toBytes()));
        assertTrue(e.problem().contains("'gone.bin', which is missing beside the model"), e.getMessage());

        TfliteBytes escaping = new TfliteBytes();
        escaping.externalBuffer(7, escaping.group("../../etc/passwd"), 0, 40)
                .subgraph(tensor("w", TensorType.FLOAT32, 0, 10).external(7));
        e = assertThrows(ModelFormatException.class, () -> readFromDisk("escape.tflite", escaping.toBytes()));
        assertTrue(e.problem().contains("names '../../etc/passwd', which is not a file beside it"), e.getMessage());
        e = assertThrows(ModelFormatException.class, () -> read(escaping.toBytes()));
        assertTrue(e.problem().contains("which is not a file beside it"), "refused even when not on disk");

        TfliteBytes unlisted = new TfliteBytes();
        unlisted.subgraph(tensor("w", TensorType.FLOAT32, 0, 10).external(8));
        e = assertThrows(ModelFormatException.class, () -> read(unlisted.toBytes()));
        assertTrue(e.problem().contains("names external buffer 8, which the model does not list"), e.getMessage());
    }

    @Test
    void aFileOnDiskIsMappedAndReadAlike() throws IOException {
        TfliteBytes model = new TfliteBytes();
        model.subgraph(tensor("w", TensorType.FLOAT32, model.buffer(48), 3, 4),
                tensor("b", TensorType.FLOAT16, model.buffer(6), 3));
        byte[] bytes = model.toBytes();
        ModelFacts mapped = readFromDisk("m.tflite", bytes);
        ModelFacts copied = read(bytes);
        assertEquals(copied.parameters(), mapped.parameters());
        assertEquals(copied.weightsBytes(), mapped.weightsBytes());
    }

    @Test
    void whatIsNotATensorFlowLiteModelIsRefusedInWords() throws IOException {
        TfliteBytes model = new TfliteBytes();
        model.subgraph(tensor("w", TensorType.FLOAT32, model.buffer(48), 3, 4));
        byte[] bytes = model.toBytes();

        byte[] other = bytes.clone();
        other[4] = 'X';
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(other));
        assertTrue(e.problem().contains("does not carry the file identifier TFL3"), e.getMessage());

        e = assertThrows(ModelFormatException.class, () -> read(new byte[5]));
        assertTrue(e.problem().contains("too short for a FlatBuffer"), e.getMessage());

        e = assertThrows(ModelFormatException.class, () -> read(new TfliteBytes().toBytes()));
        assertTrue(e.problem().contains("has no subgraph"), e.getMessage());

        // every prefix of a real model: refused in words or read, never an exception of another kind
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            try {
                read(cut);
            } catch (ModelFormatException expected) {
                assertEquals("m.tflite", expected.path());
            }
        }
        // every single-byte corruption likewise
        for (int at = 0; at < bytes.length; at++) {
            byte[] flipped = bytes.clone();
            flipped[at] ^= (byte) 0xA5;
            try {
                read(flipped);
            } catch (ModelFormatException expected) {
                assertEquals("m.tflite", expected.path());
            }
        }
    }

    @Test
    void aNameWithMalformedUtf8IsReadNotThrown() throws IOException {
        TfliteBytes model = new TfliteBytes();
        model.description("caf\u00e9").subgraph(tensor("w", TensorType.FLOAT32, model.buffer(4), 1));
        byte[] bytes = model.toBytes();
        byte[] needle = "caf\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = indexOf(bytes, needle);
        bytes[at + 3] = (byte) 0xFF; // é's first byte: now malformed
        ModelFacts facts = read(bytes);
        assertEquals("caf\uFFFD\uFFFD", facts.metadata().get("tflite.description"));
    }

    /** The replayed fuzz corpus's seeds: the valid one counted, every other refused in words naming the file. */
    @Test
    void theCorpusSeedsAreCountedOrRefusedInWords() throws IOException {
        Path corpus = Path.of("src/test/resources/dev/openaccess/core/fuzz/ReaderFuzzTestInputs/tflite");
        // w 12 F32 (48 bytes); q 8 I8 (8 + 4 scales × 4 + 4 zero points × 8); s 16 F32 sparse (12 stored + 20 + 3
        // index bytes); i4 64 I4 (32) and its block scales (4 bytes); the second subgraph shares w's buffer
        ModelFacts valid = read(Files.readAllBytes(corpus.resolve("valid")));
        assertEquals(Map.of("F32", 28L, "I8", 8L, "I4", 64L), valid.parameters().byDtype());
        assertEquals(48L + 56 + 35 + 36, valid.weightsBytes());
        Map<String, String> refusals = Map.of(
                "buffer-index-past-the-buffers", "names buffer 1000, but the model has 1",
                "buffer-offset-past-the-end", "past the end of the file",
                "buffers-vector-past-the-end", "the buffers declares 2147483647 elements",
                "external-buffer-escapes", "which is not a file beside it",
                "negative-dimension", "has a negative dimension -1",
                "root-offset-negative", "the root table points outside the file",
                "shape-overflow", "overflows a 64-bit element count",
                "truncated", "outside the file",
                "vtable-outside", "the root table's vtable points outside the file");
        try (java.util.stream.Stream<Path> files = Files.list(corpus)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals("valid")).toList()) {
                String name = file.getFileName().toString();
                ModelFormatException e = assertThrows(ModelFormatException.class,
                        () -> read(Files.readAllBytes(file)), name);
                assertEquals("m.tflite", e.path());
                assertTrue(refusals.containsKey(name), "a seed without an expected refusal: " + name);
                assertTrue(e.problem().contains(refusals.get(name)), name + ": " + e.getMessage());
            }
        }
    }

    /**
     * The reader checks fields by their vtable slots ({@code TfliteReader}'s constants); the generated classes read
     * them by {@code __offset(n)}. Compared here, from the generated sources, so a regenerated schema that moved a
     * field cannot go unnoticed.
     */
    @Test
    void theReadersFieldSlotsAreTheGeneratedClasses() throws Exception {
        Map<String, String> slots = new LinkedHashMap<>();
        slots.put("MODEL_VERSION", "Model.version");
        slots.put("MODEL_SUBGRAPHS", "Model.subgraphsLength");
        slots.put("MODEL_DESCRIPTION", "Model.description");
        slots.put("MODEL_BUFFERS", "Model.buffersLength");
        slots.put("MODEL_METADATA", "Model.metadataLength");
        slots.put("MODEL_EXTERNAL_BUFFER_GROUPS", "Model.externalBufferGroupsLength");
        slots.put("MODEL_EXTERNAL_BUFFERS", "Model.externalBuffersLength");
        slots.put("SUBGRAPH_TENSORS", "SubGraph.tensorsLength");
        slots.put("TENSOR_SHAPE", "Tensor.shapeLength");
        slots.put("TENSOR_TYPE", "Tensor.type");
        slots.put("TENSOR_BUFFER", "Tensor.buffer");
        slots.put("TENSOR_NAME", "Tensor.name");
        slots.put("TENSOR_QUANTIZATION", "Tensor.quantization");
        slots.put("TENSOR_IS_VARIABLE", "Tensor.isVariable");
        slots.put("TENSOR_SPARSITY", "Tensor.sparsity");
        slots.put("TENSOR_EXTERNAL_BUFFER", "Tensor.externalBuffer");
        slots.put("BUFFER_DATA", "Buffer.dataLength");
        slots.put("BUFFER_OFFSET", "Buffer.offset");
        slots.put("BUFFER_SIZE", "Buffer.size");
        slots.put("QUANTIZATION_SCALE", "QuantizationParameters.scaleLength");
        slots.put("QUANTIZATION_ZERO_POINT", "QuantizationParameters.zeroPointLength");
        slots.put("QUANTIZATION_DETAILS_TYPE", "QuantizationParameters.detailsType");
        slots.put("QUANTIZATION_DETAILS", "QuantizationParameters.details");
        slots.put("DETAILS_SCALES", "BlockwiseQuantization.scales");
        slots.put("DETAILS_ZERO_POINTS", "BlockwiseQuantization.zeroPoints");
        slots.put("SPARSITY_DIM_METADATA", "SparsityParameters.dimMetadataLength");
        slots.put("DIMENSION_SEGMENTS_TYPE", "DimensionMetadata.arraySegmentsType");
        slots.put("DIMENSION_SEGMENTS", "DimensionMetadata.arraySegments");
        slots.put("DIMENSION_INDICES_TYPE", "DimensionMetadata.arrayIndicesType");
        slots.put("DIMENSION_INDICES", "DimensionMetadata.arrayIndices");
        slots.put("INDEX_VALUES", "Int32Vector.valuesLength");
        slots.put("METADATA_NAME", "Metadata.name");
        slots.put("METADATA_BUFFER", "Metadata.buffer");
        slots.put("EXTERNAL_GROUP_NAME", "ExternalBufferGroup.name");
        slots.put("EXTERNAL_ID", "ExternalBuffer.id");
        slots.put("EXTERNAL_GROUP", "ExternalBuffer.group");
        slots.put("EXTERNAL_OFFSET", "ExternalBuffer.offset");
        slots.put("EXTERNAL_LENGTH", "ExternalBuffer.length");
        for (String other : List.of("MultiAxisQuantization.scales", "MultiAxisQuantization.zeroPoints",
                "Uint16Vector.valuesLength", "Uint8Vector.valuesLength")) {
            slots.put(other.endsWith("scales") ? "DETAILS_SCALES#2" : other.endsWith("zeroPoints")
                    ? "DETAILS_ZERO_POINTS#2" : "INDEX_VALUES#" + other, other);
        }
        Path generated = Path.of("src/main/java/dev/openaccess/core/format/tflite");
        for (Map.Entry<String, String> slot : slots.entrySet()) {
            String constant = slot.getKey().replaceAll("#.*", "");
            Field field = TfliteReader.class.getDeclaredField(constant);
            int value = field.getInt(null);
            String[] accessor = slot.getValue().split("\\.");
            String source = Files.readString(generated.resolve(accessor[0] + ".java"));
            Matcher m = Pattern.compile(" " + accessor[1] + "\\([^)]*\\) \\{ int o = __offset\\((\\d+)\\)")
                    .matcher(source);
            assertTrue(m.find(), "no accessor " + slot.getValue() + " in the generated classes");
            assertEquals(Integer.parseInt(m.group(1)), value, constant + " is not the slot " + slot.getValue()
                    + " reads");
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
