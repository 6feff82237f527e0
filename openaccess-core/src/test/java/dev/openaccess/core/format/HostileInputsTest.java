package dev.openaccess.core.format;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.flatbuffers.FlatBufferBuilder;
import com.google.protobuf.CodedOutputStream;
import dev.openaccess.core.Describer;
import dev.openaccess.core.TinyModels;
import dev.openaccess.core.descriptor.DescriptorException;
import dev.openaccess.core.descriptor.DescriptorJson;
import dev.openaccess.core.format.tflite.Buffer;
import dev.openaccess.core.format.tflite.Model;
import dev.openaccess.core.format.tflite.SubGraph;
import dev.openaccess.core.format.tflite.Tensor;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per limit on hostile input: the smallest file that goes past the limit, refused with a message that
 * names the file and says which limit. What the limits are, and why, is in {@code src-site/markdown/limits.md}.
 */
// A guard against a reader that hangs on one of these, not a claim about speed: all together take about a second.
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HostileInputsTest {

    @TempDir
    static Path folder;

    /** Reads one hostile input; it must fail. */
    @FunctionalInterface
    interface Attempt {
        void run() throws Exception;
    }

    record Case(String limit, String file, Attempt attempt, List<String> words) {
        @Override
        public String toString() {
            return limit;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // safetensors
                new Case("safetensors header length", "big.safetensors", () -> read(new SafetensorsReader(),
                        "big.safetensors", safetensors(SafetensorsReader.MAX_HEADER_BYTES + 1, "{}")),
                        List.of("header length " + (SafetensorsReader.MAX_HEADER_BYTES + 1), "outside the accepted range")),
                new Case("safetensors header nesting depth", "deep.safetensors", () -> read(new SafetensorsReader(),
                        "deep.safetensors", safetensors(-1, "{\"__metadata__\":" + nested(8) + "}")),
                        List.of("nesting depth", "maximum allowed (8")),
                // GGUF
                new Case("GGUF key length", "key.gguf", () -> read(new GgufReader(), "key.gguf", new GgufBytes()
                        .rawKv(s -> s.u64(GgufReader.MAX_KEY_BYTES + 1).raw(new byte[16])).toBytes()),
                        List.of("declares " + (GgufReader.MAX_KEY_BYTES + 1) + " bytes", "the format allows")),
                new Case("GGUF string length", "string.gguf", () -> read(new GgufReader(), "string.gguf",
                        new GgufBytes().kv("general.name", GgufBytes.STRING, s -> s.u64(GgufReader.MAX_STRING_BYTES + 1)
                                .raw(new byte[16])).toBytes()),
                        List.of("string of " + (GgufReader.MAX_STRING_BYTES + 1) + " bytes", "string limit")),
                new Case("GGUF array length", "array.gguf", () -> read(new GgufReader(), "array.gguf",
                        new GgufBytes().array("tokens", GgufBytes.UINT32, 1_000_000, s -> s.u32(1)).toBytes()),
                        List.of("declares 1000000 uint32 elements", "bytes remain in the file")),
                new Case("GGUF array nesting depth", "nested.gguf", () -> read(new GgufReader(), "nested.gguf",
                        new GgufBytes().kv("nested", GgufBytes.ARRAY, nestedArrays(GgufReader.MAX_ARRAY_DEPTH + 1))
                                .toBytes()),
                        List.of("nests arrays more than " + GgufReader.MAX_ARRAY_DEPTH + " deep")),
                new Case("GGUF tensor count", "tensors.gguf", () -> read(new GgufReader(), "tensors.gguf",
                        new GgufBytes().tensorCount(GgufReader.MAX_TENSORS + 1).toBytes()),
                        List.of((GgufReader.MAX_TENSORS + 1) + " tensors", "tensor limit")),
                new Case("GGUF metadata count", "metadata.gguf", () -> read(new GgufReader(), "metadata.gguf",
                        new GgufBytes().kvCount(GgufReader.MAX_METADATA_ENTRIES + 1).toBytes()),
                        List.of((GgufReader.MAX_METADATA_ENTRIES + 1) + " metadata entries", "metadata entry limit")),
                new Case("GGUF dimension count", "dims.gguf", () -> read(new GgufReader(), "dims.gguf",
                        new GgufBytes().tensor("t", 0, 4, 1, 1, 1, 1, 1).toBytes()),
                        List.of("has 5 dimensions", "at most " + GgufReader.MAX_DIMS)),
                new Case("GGUF dimension product", "product.gguf", () -> read(new GgufReader(), "product.gguf",
                        new GgufBytes().tensor("t", 0, 4, 1L << 32, 1L << 32).toBytes()),
                        List.of("overflows a 64-bit element count")),
                // ONNX
                new Case("ONNX graph nesting depth", "deep.onnx", () -> read(new OnnxReader(), "deep.onnx",
                        OnnxBytes.model(nestedGraphs(OnnxReader.MAX_GRAPH_DEPTH + 1))),
                        List.of("graphs nest more than " + OnnxReader.MAX_GRAPH_DEPTH + " levels deep")),
                new Case("ONNX tensor count", "many.onnx", () -> read(new OnnxReader(), "many.onnx",
                        onnxWithEmptyInitializers(OnnxReader.MAX_TENSORS + 1)),
                        List.of("more than " + OnnxReader.MAX_TENSORS + " tensors")),
                new Case("ONNX element count", "product.onnx", () -> read(new OnnxReader(), "product.onnx",
                        OnnxBytes.model(OnnxBytes.graph(new byte[0][],
                                OnnxBytes.tensor("t", 1, 0, 1L << 32, 1L << 32)))),
                        List.of("overflows a 64-bit element count")),
                new Case("ONNX string length", "string.onnx", () -> read(new OnnxReader(), "string.onnx",
                        onnxProducerLength(OnnxReader.MAX_STRING_BYTES + 1)),
                        List.of("string of " + (OnnxReader.MAX_STRING_BYTES + 1) + " bytes", "string limit")),
                // NumPy
                new Case("NPY header size", "big.npy", () -> read(new NpyReader(), "big.npy",
                        npyHeaderLength(NpyReader.MAX_HEADER_BYTES + 1)),
                        List.of("header of " + (NpyReader.MAX_HEADER_BYTES + 1) + " bytes", "limit")),
                new Case("NPY shape product", "shape.npy", () -> read(new NpyReader(), "shape.npy",
                        NpyReaderTest.npy(1, "<f4", "(4294967296, 4294967296)", 0)),
                        List.of("overflows a 64-bit element count")),
                new Case("NPY item size", "item.npy", () -> read(new NpyReader(), "item.npy",
                        NpyReaderTest.npy(1, "<f1" + "0".repeat(NpyReader.MAX_ITEM_SIZE_DIGITS), "(1,)", 0)),
                        List.of("item size of more than " + NpyReader.MAX_ITEM_SIZE_DIGITS + " digits")),
                // pickles (PyTorch checkpoints): each read as a legacy checkpoint's first pickle
                new Case("pickle memo index", "memo.pth", () -> read(new PytorchLegacyReader(), "memo.pth",
                        TorchBytes.pickle(p -> p.op('N').op('r').u32(0xFFFFFFFFL).op('j').u32(0xFFFFFFFEL))),
                        List.of("gets memo entry 4294967294, which was never put")),
                new Case("pickle memo size", "memoize.pth", () -> read(new PytorchLegacyReader(), "memoize.pth",
                        TorchBytes.pickle(p -> p.op('N').raw(repeat(0x94, PickleMachine.MAX_MEMO + 1)))),
                        List.of("memoizes more than " + PickleMachine.MAX_MEMO + " values")),
                new Case("pickle values", "values.pth", () -> read(new PytorchLegacyReader(), "values.pth",
                        TorchBytes.pickle(p -> p.raw(repeat('N', PickleMachine.MAX_VALUES + 1)))),
                        List.of("builds more than " + PickleMachine.MAX_VALUES + " values")),
                new Case("pickle mark depth", "marks.pth", () -> read(new PytorchLegacyReader(), "marks.pth",
                        TorchBytes.pickle(p -> p.raw(repeat('(', PickleMachine.MAX_MARK_DEPTH + 1)))),
                        List.of("nests marks more than " + PickleMachine.MAX_MARK_DEPTH + " deep")),
                new Case("pickle unknown opcode", "opcode.pth", () -> read(new PytorchLegacyReader(), "opcode.pth",
                        TorchBytes.pickle(p -> p.op('N', 0xFF))),
                        List.of("opcode 0xff, which no pickle protocol (0 to 5) defines")),
                new Case("pickle declared length", "length.pth", () -> read(new PytorchLegacyReader(), "length.pth",
                        TorchBytes.pickle(p -> p.op(0x8d).u64(1L << 40))),
                        List.of("a string declares 1099511627776 bytes", "bytes remain in the file")),
                new Case("pickle line length", "line.pth", () -> read(new PytorchLegacyReader(), "line.pth",
                        TorchBytes.pickle(p -> p.op('c').raw(repeat('a', PickleMachine.MAX_LINE_BYTES + 1))
                                .raw("\nb\n".getBytes(StandardCharsets.US_ASCII)))),
                        List.of("a line of more than " + PickleMachine.MAX_LINE_BYTES + " bytes")),
                new Case("pickle protocol", "protocol.pth", () -> read(new PytorchLegacyReader(), "protocol.pth",
                        new PickleBytes().op(0x80, 6).op('N').stop().bytes()),
                        List.of("declares pickle protocol 6", "at most " + PickleMachine.HIGHEST_PROTOCOL)),
                new Case("pickle imports", "imports.pth", () -> read(new PytorchLegacyReader(), "imports.pth",
                        TorchBytes.pickle(p -> {
                            for (int i = 0; i <= PickleImports.MAX_IMPORTS; i++) {
                                p.global("m", "f" + i).op('0');
                            }
                            p.op('N');
                        })),
                        List.of("imports more than " + PickleImports.MAX_IMPORTS + " distinct callables")),
                new Case("pytorch tensor count", "tensors.pth", () -> read(new PytorchLegacyReader(), "tensors.pth",
                        rebuilds(TorchPickle.MAX_TENSORS + 1, 1)),
                        List.of("rebuild more than " + TorchPickle.MAX_TENSORS + " tensors")),
                new Case("pytorch dimensions", "dims.pth", () -> read(new PytorchLegacyReader(), "dims.pth",
                        rebuilds(1, TorchPickle.MAX_DIMS + 1)),
                        List.of("has " + (TorchPickle.MAX_DIMS + 1) + " dimensions, more than " + TorchPickle.MAX_DIMS)),
                new Case("pytorch shape product", "product.pth", () -> read(new PytorchLegacyReader(), "product.pth",
                        TorchBytes.pickle(p -> tensorCall(p, 1, new long[] {1L << 32, 1L << 32}))),
                        List.of("overflows a 64-bit element count")),
                // TensorFlow: SavedModel variables (TensorBundle) and graphs
                new Case("tensorbundle index size", "big.index", () -> bundle(new ModelSource("big.index",
                        TensorBundle.MAX_INDEX_BYTES + 1L, InputStream::nullInputStream)),
                        List.of("larger than the " + TensorBundle.MAX_INDEX_BYTES + "-byte limit")),
                new Case("tensorbundle dimensions", "dims.index", () -> bundle(source("dims.index",
                        new TensorBundleBytes().header(1).entry(new TensorBundleBytes.Entry("w", 1,
                                new long[TensorBundle.MAX_DIMS + 1], 0, 0)).bytes())),
                        List.of("tensor 'w' has more than " + TensorBundle.MAX_DIMS + " dimensions")),
                new Case("tensorbundle shards", "shards.index", () -> bundle(source("shards.index",
                        new TensorBundleBytes().header(100_000).bytes())),
                        List.of("its header declares 100000 data shards")),
                new Case("graphdef node count", "nodes.pb", () -> read(new GraphDefReader(), "nodes.pb",
                        emptyNodes(TfGraph.MAX_NODES + 1)),
                        List.of("holds more than " + TfGraph.MAX_NODES + " nodes")),
                new Case("graphdef name length", "name.pb", () -> read(new GraphDefReader(), "name.pb",
                        new GraphDefBytes().op("n", "X".repeat(TfGraph.MAX_NAME_BYTES + 1), null).graph()),
                        List.of("declares " + (TfGraph.MAX_NAME_BYTES + 1) + " bytes, more than the "
                                + TfGraph.MAX_NAME_BYTES + "-byte limit")),
                new Case("graphdef dimensions", "dims.pb", () -> read(new GraphDefReader(), "dims.pb",
                        new GraphDefBytes().constant("c", GraphDefBytes.DT_FLOAT, new long[TfGraph.MAX_DIMS + 1],
                                new byte[0]).graph()),
                        List.of("constant 'c' has more than " + TfGraph.MAX_DIMS + " dimensions")),
                // archives
                new Case("archive entry count", "many.jar", () -> describe("many.jar",
                        HostileInputsTest::writeEmptyEntries),
                        List.of((ArchiveEntries.MAX_ENTRIES + 1) + " entries", "more than the " + ArchiveEntries.MAX_ENTRIES)),
                new Case("archive compression ratio", "bomb.jar", () -> describe("bomb.jar",
                        zip -> entry(zip, "model.safetensors", new byte[2 << 20])),
                        List.of("bomb.jar!/model.safetensors", "zip bomb")),
                new Case("archive entry name", "slip.jar", () -> describe("slip.jar",
                        zip -> entry(zip, "../../model.safetensors", new byte[16])),
                        List.of("'../../model.safetensors' escapes the archive")),
                new Case("npz entry name", "slip.npz", () -> describe("slip.npz",
                        zip -> entry(zip, "../w.npy", NpyReaderTest.npy(1, "<f4", "(1,)", 4))),
                        List.of("'../w.npy' escapes the archive")),
                // TensorFlow Lite
                new Case("TFLite subgraph count", "many.tflite", () -> read(new TfliteReader(), "many.tflite",
                        tflite(TfliteReader.MAX_SUBGRAPHS + 1, 1, 1)),
                        List.of("declares " + (TfliteReader.MAX_SUBGRAPHS + 1) + " subgraphs",
                                "more than the " + TfliteReader.MAX_SUBGRAPHS)),
                new Case("TFLite tensor count", "tensors.tflite", () -> read(new TfliteReader(), "tensors.tflite",
                        tflite(1, TfliteReader.MAX_TENSORS + 1, 1)),
                        List.of("holds more than " + TfliteReader.MAX_TENSORS + " tensors")),
                new Case("TFLite dimensions per tensor", "dims.tflite", () -> read(new TfliteReader(), "dims.tflite",
                        tflite(1, 1, TfliteReader.MAX_DIMS + 1)),
                        List.of("has " + (TfliteReader.MAX_DIMS + 1) + " dimensions, more than the "
                                + TfliteReader.MAX_DIMS)),
                new Case("TFLite element count", "product.tflite", () -> read(new TfliteReader(), "product.tflite",
                        tfliteShape(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE)),
                        List.of("overflows a 64-bit element count")),
                new Case("TFLite vector length", "vector.tflite", () -> read(new TfliteReader(), "vector.tflite",
                        tfliteBuffersLength(0x7FFFFFFF)),
                        List.of("the buffers declares 2147483647 elements", "bytes left in the file")),
                new Case("TFLite bytes copied", "big.tflite", () -> new TfliteReader().read(new ModelSource(
                        "big.tflite", FlatBufferInput.MAX_READ_BYTES + 1L, InputStream::nullInputStream)),
                        List.of("more than " + FlatBufferInput.MAX_READ_BYTES + " bytes are not copied into memory")),
                // TensorFlow.js
                new Case("TF.js size", "model.json", () -> new TfjsReader().read(new ModelSource("model.json",
                        TfjsReader.MAX_JSON_BYTES + 1L, InputStream::nullInputStream)),
                        List.of("larger than the " + TfjsReader.MAX_JSON_BYTES + "-byte limit")),
                new Case("TF.js nesting depth", "model.json", () -> read(new TfjsReader(), "model.json",
                        ("{\"modelTopology\":" + nested(64) + "}").getBytes(StandardCharsets.UTF_8)),
                        List.of("nesting depth", "maximum allowed (64")),
                new Case("TF.js weight count", "many.json", () -> read(new TfjsReader(), "many.json",
                        tfjsWeights(TfjsReader.MAX_WEIGHTS + 1)),
                        List.of("lists more than " + TfjsReader.MAX_WEIGHTS + " weights")),
                new Case("TF.js shard names", "shards.json", () -> read(new TfjsReader(), "shards.json",
                        ("[{\"paths\": [" + "\"a\",".repeat(TfjsReader.MAX_SHARDS) + "\"a\"]}]")
                                .getBytes(StandardCharsets.UTF_8)),
                        List.of("lists more than " + TfjsReader.MAX_SHARDS + " weight groups and shard files")),
                new Case("TF.js dimensions per weight", "dims.json", () -> read(new TfjsReader(), "dims.json",
                        ("[{\"paths\": [\"a\"], \"weights\": [{\"dtype\": \"bool\", \"shape\": ["
                                + "1,".repeat(TfjsReader.MAX_DIMS) + "1]}]}]").getBytes(StandardCharsets.UTF_8)),
                        List.of("has more than " + TfjsReader.MAX_DIMS + " dimensions")),
                new Case("TF.js dtype length", "dtype.json", () -> read(new TfjsReader(), "dtype.json",
                        ("[{\"paths\": [\"a\"], \"weights\": [{\"shape\": [], \"dtype\": \""
                                + "x".repeat(TfjsReader.MAX_DTYPE_CHARS + 1) + "\"}]}]")
                                .getBytes(StandardCharsets.UTF_8)),
                        List.of("has a dtype of " + (TfjsReader.MAX_DTYPE_CHARS + 1) + " characters")),
                new Case("TF.js unknown dtypes", "dtypes.json", () -> read(new TfjsReader(), "dtypes.json",
                        tfjsDtypes(TfjsReader.MAX_UNKNOWN_DTYPES + 1)),
                        List.of("names more than " + TfjsReader.MAX_UNKNOWN_DTYPES + " dtypes")),
                // OpenVINO IR
                new Case("OpenVINO XML size", "model.xml", () -> new OpenVinoReader().read(new ModelSource("model.xml",
                        OpenVinoReader.MAX_XML_BYTES + 1L, InputStream::nullInputStream)),
                        List.of("larger than the " + OpenVinoReader.MAX_XML_BYTES + "-byte limit")),
                new Case("OpenVINO XML token length", "token.xml", () -> read(new OpenVinoReader(), "token.xml",
                        ("<net version=\"11\" name=\"" + "x".repeat(BoundedXmlInput.MAX_TOKEN_BYTES) + "\"/>")
                                .getBytes(StandardCharsets.US_ASCII)),
                        List.of("more than " + BoundedXmlInput.MAX_TOKEN_BYTES + " bytes")),
                new Case("OpenVINO XML nesting depth", "deep.xml", () -> read(new OpenVinoReader(), "deep.xml",
                        ("<net version=\"11\">" + "<a>".repeat(OpenVinoReader.MAX_XML_DEPTH))
                                .getBytes(StandardCharsets.US_ASCII)),
                        List.of("nests elements more than " + OpenVinoReader.MAX_XML_DEPTH + " deep")),
                new Case("OpenVINO DTD", "dtd.xml", () -> read(new OpenVinoReader(), "dtd.xml",
                        "<!DOCTYPE net [<!ENTITY a \"b\">]><net version=\"11\">&a;</net>"
                                .getBytes(StandardCharsets.US_ASCII)),
                        List.of("declares a DTD or entity")),
                new Case("OpenVINO constant count", "many.xml", () -> read(new OpenVinoReader(), "many.xml",
                        openVinoConstants(OpenVinoReader.MAX_CONSTANTS + 1)),
                        List.of("holds more than " + OpenVinoReader.MAX_CONSTANTS + " Const layers")),
                new Case("OpenVINO dimensions per constant", "dims.xml", () -> read(new OpenVinoReader(), "dims.xml",
                        ("<net version=\"11\"><layer name=\"w\" type=\"Const\"><data element_type=\"u8\" shape=\""
                                + "1,".repeat(OpenVinoReader.MAX_DIMS) + "1\" offset=\"0\" size=\"1\"/></layer></net>")
                                .getBytes(StandardCharsets.US_ASCII)),
                        List.of("has more than " + OpenVinoReader.MAX_DIMS + " dimensions")),
                // config.json
                new Case("config.json nesting depth", "config.json", () -> read(new HfConfigReader(), "config.json",
                        ("{\"a\":" + nested(32) + "}").getBytes(StandardCharsets.UTF_8)),
                        List.of("nesting depth", "maximum allowed (32")),
                new Case("config.json number length", "config.json", () -> read(new HfConfigReader(), "config.json",
                        ("{\"hidden_size\":" + "9".repeat(65) + "}").getBytes(StandardCharsets.UTF_8)),
                        List.of("Number value length", "maximum allowed (64")),
                new Case("config.json size", "config.json", () -> new HfConfigReader().read(new ModelSource(
                        "config.json", HfConfigReader.MAX_CONFIG_BYTES + 1L, () -> InputStream.nullInputStream())),
                        List.of("larger than the " + HfConfigReader.MAX_CONFIG_BYTES + "-byte limit")),
                // descriptors
                new Case("descriptor nesting depth", "descriptor.json", () -> DescriptorJson.read(
                        new ByteArrayInputStream(("{\"models\":" + nested(64) + "}").getBytes(StandardCharsets.UTF_8)),
                        "descriptor.json"),
                        List.of("nesting depth", "maximum allowed (64")),
                // Jackson checks the document length as it loads each buffer, so it notices a few kilobytes late
                new Case("descriptor size", "descriptor.json", () -> DescriptorJson.read(new SequenceInputStream(
                        spaces(16 * 1024 * 1024 + 64 * 1024),
                        new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))),
                        "descriptor.json"),
                        List.of("Document length", "maximum allowed (16777216")),
                new Case("descriptor string length", "descriptor.json", () -> DescriptorJson.read(
                        new ByteArrayInputStream(("{\"a\":\"" + "x".repeat(1_000_001) + "\"}")
                                .getBytes(StandardCharsets.UTF_8)), "descriptor.json"),
                        List.of("String value length", "maximum allowed (1000000")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedNamingTheFileAndTheLimit(Case hostile) {
        Exception e = assertThrows(Exception.class, hostile.attempt()::run);
        assertTrue(e instanceof ModelFormatException || e instanceof DescriptorException,
                () -> hostile.limit() + ": not a ModelFormatException or DescriptorException but " + e);
        String message = e.getMessage();
        assertTrue(message.contains(hostile.file()), () -> hostile.limit() + ": the message does not name "
                + hostile.file() + ": " + message);
        for (String word : hostile.words()) {
            assertTrue(message.contains(word), () -> hostile.limit() + ": the message does not say '" + word
                    + "': " + message);
        }
    }

    // ------------------------------------------------------------------------------------------------ builders

    private static void read(ModelReader reader, String name, byte[] bytes) throws IOException {
        reader.read(new ModelSource(name, bytes.length, () -> new ByteArrayInputStream(bytes)));
    }

    private static ModelSource source(String name, byte[] bytes) {
        return new ModelSource(name, bytes.length, () -> new ByteArrayInputStream(bytes));
    }

    /** Reads a TensorBundle index, its records handed to no one. */
    private static void bundle(ModelSource index) throws IOException {
        TensorBundle.read(index, new TensorBundle.Visitor() {
            @Override
            public void header(TensorBundle.Header header) {
            }

            @Override
            public void entry(TensorBundle.Entry entry) {
            }
        });
    }

    /** A GraphDef of {@code count} empty nodes: two bytes each (field 1, length 0). */
    private static byte[] emptyNodes(int count) {
        byte[] nodes = new byte[2 * count];
        for (int i = 0; i < count; i++) {
            nodes[2 * i] = (1 << 3) | 2;
        }
        return nodes;
    }

    /** Writes an archive into the temporary folder and describes it end to end, as a build would. */
    private static void describe(String name, ZipWriter entries) throws IOException {
        Path file = folder.resolve(name);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            entries.write(zip);
        }
        new Describer().describe(TinyModels.request(folder, name, true));
    }

    @FunctionalInterface
    interface ZipWriter {
        void write(ZipOutputStream zip) throws IOException;
    }

    private static void entry(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    /** One entry more than allowed, each empty and stored: about 8 MB, written in well under a second. */
    private static void writeEmptyEntries(ZipOutputStream zip) throws IOException {
        long crc = new CRC32().getValue();
        for (int i = 0; i <= ArchiveEntries.MAX_ENTRIES; i++) {
            ZipEntry entry = new ZipEntry(Integer.toString(i, 36));
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(0);
            entry.setCompressedSize(0);
            entry.setCrc(crc);
            zip.putNextEntry(entry);
            zip.closeEntry();
        }
    }

    /** A safetensors file: the header length ({@code -1}: the JSON's own), the JSON, no data. */
    private static byte[] safetensors(long declaredLength, String json) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(declaredLength < 0 ? header.length : declaredLength).put(header).array();
    }

    /** JSON arrays nested {@code depth} deep inside whatever holds them: one level past a limit of {@code depth}. */
    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /** A GGUF array of arrays, {@code depth} deep, each holding one array and the innermost none. */
    private static Consumer<GgufBytes.Sink> nestedArrays(int depth) {
        return s -> {
            for (int i = 1; i < depth; i++) {
                s.u32(GgufBytes.ARRAY).u64(1);
            }
            s.u32(GgufBytes.UINT8).u64(0);
        };
    }

    /** Graphs nested {@code depth} deep through If nodes' graph attributes. */
    private static byte[] nestedGraphs(int depth) {
        byte[] graph = OnnxBytes.graph(new byte[0][]);
        for (int i = 0; i < depth; i++) {
            graph = OnnxBytes.graph(new byte[][] {OnnxBytes.node("If", OnnxBytes.graphAttribute("then_branch",
                    graph))});
        }
        return graph;
    }

    /** A model whose graph holds {@code count} empty initializers, written directly: two bytes each. */
    private static byte[] onnxWithEmptyInitializers(int count) throws IOException {
        byte[] initializers = new byte[2 * count];
        for (int i = 0; i < count; i++) {
            initializers[2 * i] = (5 << 3) | 2; // GraphProto.initializer, length-delimited, then length 0
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeByteArray(7, initializers); // ModelProto.graph
        out.flush();
        return bytes.toByteArray();
    }

    /** A model whose producer_name declares {@code length} bytes; the bytes themselves are not there. */
    private static byte[] onnxProducerLength(int length) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeTag(2, 2); // ModelProto.producer_name, length-delimited
        out.writeUInt32NoTag(length);
        out.flush();
        bytes.write(new byte[16]);
        return bytes.toByteArray();
    }

    /** An .npy file, version 2, whose header declares {@code length} bytes (and holds them). */
    private static byte[] npyHeaderLength(int length) {
        return ByteBuffer.allocate(12 + length).order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(length).array();
    }

    private static byte[] repeat(int opcode, int times) {
        byte[] bytes = new byte[times];
        java.util.Arrays.fill(bytes, (byte) opcode);
        return bytes;
    }

    /** {@code _rebuild_tensor_v2} of a tensor of {@code shape} on a storage of {@code numel} floats, on the stack. */
    private static void tensorCall(PickleBytes p, long numel, long[] shape) {
        p.global("torch._utils", "_rebuild_tensor_v2").mark().mark().string("storage")
                .global("torch", "FloatStorage").string("0").string("cpu").integer(numel).tupleOf(99).op('Q')
                .integer(0).mark();
        for (long dim : shape) {
            p.integer(dim);
        }
        p.tupleOf(99).mark();
        for (int i = 0; i < shape.length; i++) {
            p.integer(0);
        }
        p.tupleOf(99).bool(false).emptyOrderedDict().tupleOf(99).op('R');
    }

    /** {@code count} rebuilds of one tensor of {@code dims} dimensions of 1, the call and its arguments memoized. */
    private static byte[] rebuilds(int count, int dims) {
        long[] shape = new long[dims];
        java.util.Arrays.fill(shape, 1);
        return TorchBytes.pickle(p -> {
            tensorCall(p, 1, shape);
            // the callable is memo 0; the arguments tuple is the last memoized: rebuild it again and again
            int args = countMemo(p) - 1;
            for (int i = 1; i < count; i++) {
                p.op('0').get(0).get(args).op('R');
            }
        });
    }

    private static int countMemo(PickleBytes p) {
        return p.memoCount();
    }

    /**
     * A TensorFlow Lite model of {@code subgraphs} subgraphs of {@code tensors} tensors each, all one table (so that
     * a million of them take 4 bytes each), each tensor of {@code rank} dimensions of 1 holding buffer 1.
     */
    private static byte[] tflite(int subgraphs, int tensors, int rank) {
        FlatBufferBuilder b = new FlatBufferBuilder(1024);
        int shape = Tensor.createShapeVector(b, filled(rank, 1));
        Tensor.startTensor(b);
        Tensor.addShape(b, shape);
        Tensor.addBuffer(b, 1);
        int tensor = Tensor.endTensor(b);
        int tensorVector = SubGraph.createTensorsVector(b, filled(tensors, tensor));
        SubGraph.startSubGraph(b);
        SubGraph.addTensors(b, tensorVector);
        int subgraph = SubGraph.endSubGraph(b);
        return tfliteModel(b, filled(subgraphs, subgraph), 4);
    }

    private static byte[] tfliteShape(int... shape) {
        FlatBufferBuilder b = new FlatBufferBuilder(1024);
        int shapeVector = Tensor.createShapeVector(b, shape);
        Tensor.startTensor(b);
        Tensor.addShape(b, shapeVector);
        Tensor.addBuffer(b, 1);
        int tensor = Tensor.endTensor(b);
        int tensorVector = SubGraph.createTensorsVector(b, new int[] {tensor});
        SubGraph.startSubGraph(b);
        SubGraph.addTensors(b, tensorVector);
        return tfliteModel(b, new int[] {SubGraph.endSubGraph(b)}, 4);
    }

    /** Model {subgraphs, buffers: [empty sentinel, one of {@code dataBytes}]}. */
    private static byte[] tfliteModel(FlatBufferBuilder b, int[] subgraphs, int dataBytes) {
        int subgraphVector = Model.createSubgraphsVector(b, subgraphs);
        Buffer.startBuffer(b);
        int sentinel = Buffer.endBuffer(b);
        int data = Buffer.createDataVector(b, new byte[dataBytes]);
        int buffer = Buffer.createBuffer(b, data, 0, 0);
        int bufferVector = Model.createBuffersVector(b, new int[] {sentinel, buffer});
        Model.startModel(b);
        Model.addVersion(b, 3);
        Model.addSubgraphs(b, subgraphVector);
        Model.addBuffers(b, bufferVector);
        Model.finishModelBuffer(b, Model.endModel(b));
        return b.sizedByteArray();
    }

    /** A sound model whose buffers vector then declares {@code length} entries (the file holds two). */
    static byte[] tfliteBuffersLength(int length) {
        byte[] bytes = tfliteShape(1);
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int table = bb.getInt(0);
        int vtable = table - bb.getInt(table);
        int field = table + bb.getShort(vtable + TfliteReader.MODEL_BUFFERS);
        bb.putInt(field + bb.getInt(field), length);
        return bytes;
    }

    private static int[] filled(int count, int value) {
        int[] values = new int[count];
        java.util.Arrays.fill(values, value);
        return values;
    }

    /** A weights manifest of {@code count} scalar bool weights in one group. */
    private static byte[] tfjsWeights(int count) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.writeBytes("[{\"paths\": [\"a.bin\"], \"weights\": [".getBytes(StandardCharsets.US_ASCII));
        byte[] weight = "{\"dtype\":\"bool\",\"shape\":[]},".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            json.write(weight, 0, weight.length - (i == count - 1 ? 1 : 0));
        }
        json.writeBytes("]}]".getBytes(StandardCharsets.US_ASCII));
        return json.toByteArray();
    }

    /** A weights manifest of {@code count} weights, each of its own dtype TensorFlow.js does not define. */
    private static byte[] tfjsDtypes(int count) {
        StringBuilder json = new StringBuilder("[{\"paths\": [\"a.bin\"], \"weights\": [");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("{\"shape\": [], \"dtype\": \"x").append(i).append("\"}");
        }
        return json.append("]}]").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** An IR of {@code count} one-byte Const layers, each at its own offset. */
    private static byte[] openVinoConstants(int count) {
        StringBuilder xml = new StringBuilder("<net version=\"11\"><layers>");
        for (int i = 0; i < count; i++) {
            xml.append("<layer type=\"Const\"><data element_type=\"u8\" shape=\"1\" offset=\"").append(i)
                    .append("\" size=\"1\"/></layer>");
        }
        return xml.append("</layers></net>").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static InputStream spaces(int count) {
        return new InputStream() {
            private int left = count;

            @Override
            public int read() {
                return left-- > 0 ? ' ' : -1;
            }
        };
    }
}
