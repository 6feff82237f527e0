package dev.openaccess.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TensorFlow.js models as tfjs-converter writes them ({@code tfjs-core/src/io/types.ts}: a {@code model.json} with
 * {@code modelTopology} and {@code weightsManifest}, or a bare {@code *weights_manifest.json}), with shard files
 * whose sizes are the weights' bytes back to back.
 */
class TfjsReaderTest {

    @TempDir
    Path folder;

    /** A layers model: 3×4 float32 kernel, 4 float32 bias, and a uint8-quantized 10×10 embedding, in two shards. */
    static final String LAYERS_MODEL = """
            {"format": "layers-model", "generatedBy": "keras v2.15.0", "convertedBy": "TensorFlow.js Converter v4.17.0",
             "modelTopology": {"class_name": "Sequential", "config": {"layers": [{"class_name": "Dense",
               "config": {"units": 4, "weightsManifest": "not this one"}}]}},
             "weightsManifest": [
               {"paths": ["group1-shard1of2.bin", "group1-shard2of2.bin"],
                "weights": [{"name": "dense/kernel", "shape": [3, 4], "dtype": "float32"},
                            {"name": "dense/bias", "shape": [4], "dtype": "float32"}]},
               {"paths": ["group2-shard1of1.bin"],
                "weights": [{"name": "embedding", "shape": [10, 10], "dtype": "float32",
                             "quantization": {"dtype": "uint8", "scale": 0.01, "min": -1.0}}]}]}
            """;

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private ModelFacts readFromDisk(String name) throws IOException {
        return new TfjsReader().read(ModelFile.ofFile(folder.resolve(name), name, FormatTable.TFJS).source());
    }

    private static ModelFacts read(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new TfjsReader().read(new ModelSource("model.json", bytes.length,
                () -> new ByteArrayInputStream(bytes)));
    }

    private void layersModel() throws IOException {
        write("model.json", LAYERS_MODEL);
        write("group1-shard1of2.bin", new byte[40]); // the 64 bytes of group 1, split 40 + 24
        write("group1-shard2of2.bin", new byte[24]);
        write("group2-shard1of1.bin", new byte[100]); // 100 uint8
    }

    @Test
    void aLayersModelIsCountedFromItsManifestAndItsShardsAreItsParts() throws IOException {
        layersModel();
        ModelFacts facts = readFromDisk("model.json");
        assertEquals(ModelFormat.TFJS, facts.format());
        assertEquals(Map.of("F32", 16L, "U8", 100L), facts.parameters().byDtype());
        assertEquals(116, facts.parameters().total());
        assertEquals(164L, facts.weightsBytes());
        assertEquals(3L, facts.tensors());
        assertEquals(List.of("group1-shard1of2.bin", "group1-shard2of2.bin", "group2-shard1of1.bin"),
                facts.parts().stream().map(ModelSource::path).toList());
        assertEquals(List.of(), facts.warnings());
        assertEquals("layers-model", facts.metadata().get("tfjs.format"));
        assertEquals("TensorFlow.js Converter v4.17.0", facts.metadata().get("tfjs.convertedBy"));
        assertEquals("uint8", facts.metadata().get("tfjs.quantization"));
        assertEquals("400", facts.metadata().get("tfjs.dequantizedBytes"), "100 float32 once dequantized");
        assertEquals("2", facts.metadata().get("tfjs.groups"));
    }

    @Test
    void aBareWeightsManifestIsReadAlike() throws IOException {
        write("face-weights_manifest.json", """
                [{"paths": ["face.bin"], "weights": [
                  {"name": "conv/filters", "shape": [3, 3, 3, 8], "dtype": "float32",
                   "quantization": {"dtype": "float16"}},
                  {"name": "conv/bias", "shape": [8], "dtype": "float32", "quantization": {"dtype": "uint16",
                   "scale": 0.001, "min": 0}},
                  {"name": "count", "shape": [], "dtype": "int32"},
                  {"name": "flags", "shape": [2], "dtype": "bool"}]}]""");
        write("face.bin", new byte[216 * 2 + 8 * 2 + 4 + 2]);
        ModelFacts facts = readFromDisk("face-weights_manifest.json");
        assertEquals(Map.of("F16", 216L, "U16", 8L, "I32", 1L, "BOOL", 2L), facts.parameters().byDtype());
        assertEquals(454L, facts.weightsBytes());
        assertEquals("float16,uint16", facts.metadata().get("tfjs.quantization"));
    }

    @Test
    void stringWeightsTakeWhatTheShardsHoldBeyondTheOthers() throws IOException {
        write("model.json", """
                {"modelTopology": {}, "weightsManifest": [{"paths": ["s.bin"], "weights": [
                  {"name": "w", "shape": [2], "dtype": "float32"},
                  {"name": "vocab", "shape": [3], "dtype": "string"}]}]}""");
        write("s.bin", new byte[8 + 3 * 4 + 10]); // 2 float32, then 3 strings: a u32 length each and 10 bytes
        ModelFacts facts = readFromDisk("model.json");
        assertEquals(Map.of("F32", 2L, "STRING", 3L), facts.parameters().byDtype());
        assertEquals(30L, facts.weightsBytes());
    }

    /** A model a jar ships among its resources: found, its shards looked up beside it in the jar, and counted. */
    @Test
    void aModelInsideAJarIsReadWithItsShardsInTheJar() throws IOException {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes(StandardCharsets.US_ASCII));
        entries.put("models/face/model.json", LAYERS_MODEL.getBytes(StandardCharsets.UTF_8));
        entries.put("models/face/group1-shard1of2.bin", new byte[40]);
        entries.put("models/face/group1-shard2of2.bin", new byte[24]);
        entries.put("models/face/group2-shard1of1.bin", new byte[100]);
        dev.openaccess.core.TinyModels.writeJar(folder.resolve("face.jar"), entries);
        List<ModelFile> models = new ModelFinder(folder).find(List.of("face.jar"), true).models();
        assertEquals(List.of("face.jar!/models/face/model.json"), models.stream().map(ModelFile::path).toList());
        ModelFacts facts = models.get(0).kind().reader().orElseThrow().read(models.get(0).source());
        assertEquals(116, facts.parameters().total());
        assertEquals(List.of("face.jar!/models/face/group1-shard1of2.bin", "face.jar!/models/face/group1-shard2of2.bin",
                "face.jar!/models/face/group2-shard1of1.bin"), facts.parts().stream().map(ModelSource::path).toList());
    }

    @Test
    void shardsThatDoNotHoldTheWeightsAreRefused() throws IOException {
        layersModel();
        write("group1-shard2of2.bin", new byte[23]);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> readFromDisk("model.json"));
        assertTrue(e.problem().contains("weightsManifest[0]'s weights take 64 bytes by their shapes and dtypes, but"
                + " its shard files [group1-shard1of2.bin, group1-shard2of2.bin] hold 63"), e.getMessage());

        Files.delete(folder.resolve("group2-shard1of1.bin"));
        write("group1-shard2of2.bin", new byte[24]);
        e = assertThrows(ModelFormatException.class, () -> readFromDisk("model.json"));
        assertTrue(e.problem().contains("names shard 'group2-shard1of1.bin', which is missing beside it"),
                e.getMessage());
    }

    @Test
    void aShardOutsideTheModelsFolderIsRefused() throws IOException {
        write("m/model.json", """
                {"weightsManifest": [{"paths": ["../secret.bin"], "weights": [
                  {"name": "w", "shape": [1], "dtype": "float32"}]}]}""");
        write("secret.bin", new byte[4]);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> readFromDisk("m/model.json"));
        assertTrue(e.problem().contains("names '../secret.bin', which is not a file beside it"), e.getMessage());
        e = assertThrows(ModelFormatException.class, () -> read("""
                {"weightsManifest": [{"paths": ["/etc/passwd"], "weights": []}]}"""));
        assertTrue(e.problem().contains("names '/etc/passwd', which is not a file beside it"), e.getMessage());
    }

    @Test
    void bytesNotOnDiskAreCountedAndTheShardsSaidUnchecked() throws IOException {
        ModelFacts facts = read(LAYERS_MODEL);
        assertEquals(116, facts.parameters().total());
        assertEquals(164L, facts.weightsBytes());
        assertEquals(List.of("model.json: its shard files are not checked: the model is not a file on disk"),
                facts.warnings());
    }

    @Test
    void unknownDtypesAreCountedAndNamed() throws IOException {
        ModelFacts facts = read("""
                {"weightsManifest": [{"paths": ["a.bin"], "weights": [
                  {"name": "w", "shape": [5], "dtype": "int4"}]}]}""");
        assertEquals(Map.of("TFJS_INT4", 5L), facts.parameters().byDtype());
        assertTrue(facts.warnings().get(0).contains("dtypes that TensorFlow.js does not define: int4"),
                facts.warnings().toString());
    }

    @Test
    void whatIsNotAManifestIsRefusedInWords() {
        Map<String, String> refusals = Map.of(
                "{\"modelTopology\": {}}", "has no weightsManifest",
                "\"text\"", "is neither a TensorFlow.js model.json nor a weights manifest",
                "{\"weightsManifest\": {}}", "weightsManifest is not an array of groups",
                "[{\"paths\": [\"a.bin\"], \"weights\": [{\"name\": \"w\", \"dtype\": \"float32\"}]}]",
                "weight 'w' of weightsManifest[0] has no shape",
                "[{\"paths\": [\"a.bin\"], \"weights\": [{\"name\": \"w\", \"shape\": [2, -3], \"dtype\": \"float32\"}]}]",
                "has a negative dimension -3",
                "[{\"paths\": [\"a.bin\"], \"weights\": [{\"name\": \"w\", \"shape\": [2.5], \"dtype\": \"float32\"}]}]",
                "a shape that is not a list of whole numbers",
                "[{\"paths\": [], \"weights\": [{\"name\": \"w\", \"shape\": [1], \"dtype\": \"float32\"}]}]",
                "weightsManifest[0] lists weights but names no shard file",
                "[{\"paths\": [\"a.bin\"], \"weights\": [{\"name\": \"w\", \"shape\": [4294967296, 4294967296],"
                        + " \"dtype\": \"float32\"}]}]", "overflows a 64-bit element count",
                "{\"weightsManifest\": [{\"paths\": [\"a.bin\"], \"weights\": [", "is not valid JSON");
        refusals.forEach((json, words) -> {
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(json), json);
            assertEquals("model.json", e.path());
            assertTrue(e.problem().contains(words), json + ": " + e.getMessage());
        });
    }

    /** The replayed fuzz corpus's seeds: the sound ones counted, every other refused in words naming the file. */
    @Test
    void theCorpusSeedsAreCountedOrRefusedInWords() throws IOException {
        Path corpus = Path.of("src/test/resources/dev/openaccess/core/fuzz/ReaderFuzzTestInputs/tfjs");
        assertEquals(116, read(Files.readString(corpus.resolve("layers-model"))).parameters().total());
        assertEquals(Map.of("F16", 216L, "STRING", 3L, "TFJS_INT4", 1L),
                read(Files.readString(corpus.resolve("bare-manifest"))).parameters().byDtype());
        Map<String, String> refusals = Map.of(
                "deep-topology", "nesting depth",
                "long-number", "Number value length",
                "negative-dimension", "has a negative dimension -1",
                "not-utf8", "UTF-8",
                "shape-overflow", "overflows a 64-bit element count",
                "shard-escapes", "which is not a file beside it");
        refusals.forEach((seed, words) -> {
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> {
                byte[] bytes = Files.readAllBytes(corpus.resolve(seed));
                new TfjsReader().read(new ModelSource("model.json", bytes.length,
                        () -> new ByteArrayInputStream(bytes)));
            }, seed);
            assertEquals("model.json", e.path());
            assertTrue(e.problem().contains(words), seed + ": " + e.getMessage());
        });
    }
}
