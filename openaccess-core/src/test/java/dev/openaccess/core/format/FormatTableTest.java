package dev.openaccess.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.SafetensorsBytes;
import dev.openaccess.core.TinyModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The format table recognises every kind of model file a JVM project meets, read or not: files no reader counts are
 * found as unread, on disk and inside jars, never dropped; other files are left alone.
 */
class FormatTableTest {

    @TempDir
    Path base;

    private Path write(String path, byte[] bytes) throws IOException {
        Path file = base.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private ModelFinder.Found find(String... locations) throws IOException {
        return new ModelFinder(base).find(List.of(locations), true);
    }

    private static List<String> formats(ModelFinder.Found found) {
        return found.unread().stream().map(file -> file.path() + " " + file.format()).toList();
    }

    @Test
    void everyFormatIsFoundOnDisk() throws IOException {
        write("m/model.tflite", UnreadFormats.tflite());
        write("m/mystery.bin", UnreadFormats.tflite()); // TFL3 at offset 4, whatever the name
        write("m/checkpoint.pt", UnreadFormats.pytorchZip());
        write("m/traced.pt", UnreadFormats.torchScript());
        write("m/pytorch_model.bin", UnreadFormats.pytorchLegacy());
        write("m/en-sent.bin", UnreadFormats.openNlp());
        write("m/model.keras", UnreadFormats.keras());
        write("m/weights.h5", UnreadFormats.hdf5());
        write("m/english.ser.gz", UnreadFormats.gzip());
        write("m/eng.traineddata", new byte[] {0, 0, 0, 17});
        write("m/haarcascade_frontalface_default.xml", UnreadFormats.openCvCascade());
        write("m/ir/model.xml", UnreadFormats.openVinoXml());
        write("m/ir/model.bin", new byte[16]);
        write("m/saved/saved_model.pb", new byte[] {8, 1});
        write("m/tfjs/model.json", UnreadFormats.tfjsModelJson());
        write("m/tfjs/group1-shard1of1.bin", new byte[16]);
        write("m/face-weights_manifest.json", "[]".getBytes(StandardCharsets.US_ASCII));
        write("m/task/selfie.task", UnreadFormats.zip(Map.of("selfie.tflite", UnreadFormats.tflite()), true));
        ModelFinder.Found found = find("m");
        // every format a reader counts now is found as a model, by its row; the rest are listed as unread
        assertEquals(List.of("m/checkpoint.pt PYTORCH_ZIP", "m/face-weights_manifest.json TFJS",
                        "m/ir/model.xml OPENVINO", "m/model.keras KERAS", "m/model.tflite TFLITE", "m/mystery.bin TFLITE",
                        "m/pytorch_model.bin PYTORCH_PICKLE", "m/saved/saved_model.pb SAVEDMODEL",
                        "m/task/selfie.task MEDIAPIPE_TASK", "m/tfjs/model.json TFJS", "m/traced.pt TORCHSCRIPT",
                        "m/weights.h5 KERAS_H5"),
                found.models().stream().map(model -> model.path() + " " + model.kind()).sorted().toList());
        assertEquals(List.of("m/en-sent.bin opennlp", "m/eng.traineddata tesseract", "m/english.ser.gz corenlp",
                "m/haarcascade_frontalface_default.xml opencv-cascade"), formats(found));
        assertTrue(found.unread().stream().allMatch(file -> file.reason().endsWith("no reader counts this format yet")),
                found.unread().toString());
    }

    @Test
    void otherFilesAreLeftAlone() throws IOException {
        write("r/pom.xml", "<project><modelVersion>4.0.0</modelVersion></project>".getBytes(StandardCharsets.UTF_8));
        write("r/data.bin", new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        write("r/layout.xml", UnreadFormats.openVinoXml()); // <net> with no layout.bin beside it
        write("r/settings.json", "{\"modelTopology\": 1}".getBytes(StandardCharsets.UTF_8)); // not named as a model
        write("r/tool/config.json", "{\"theme\": \"dark\"}".getBytes(StandardCharsets.UTF_8));
        write("r/notes.txt", "a model of the world".getBytes(StandardCharsets.UTF_8));
        ModelFinder.Found found = new ModelFinder(base).find(List.of("r"), false);
        assertTrue(found.isEmpty(), found.toString());
    }

    @Test
    void aJarOfModelsNoReaderCountsIsFoundAsUnread() throws IOException {
        // as org.apache.opennlp:opennlp-models-sentdetect-en ships its model: a .bin zip inside the jar
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes(StandardCharsets.US_ASCII));
        entries.put("META-INF/maven/org.apache.opennlp/m/pom.xml", "<project/>".getBytes(StandardCharsets.US_ASCII));
        entries.put("model.properties", "model.name=x\n".getBytes(StandardCharsets.US_ASCII));
        entries.put("opennlp-en-ud-ewt-sentence-1.2-2.5.0.bin", UnreadFormats.openNlp());
        entries.put("models/face.tflite", UnreadFormats.tflite());
        entries.put("models/arrays.npz", UnreadFormats.zip(Map.of("a.npy", new byte[0]), true));
        TinyModels.writeJar(base.resolve("lib/models.jar"), entries);
        ModelFinder.Found found = find("lib/models.jar");
        assertEquals(List.of("lib/models.jar!/models/face.tflite"), found.models().stream().map(ModelFile::path)
                .toList(), "a TensorFlow Lite model is read inside the jar");
        assertEquals(List.of("lib/models.jar!/models/arrays.npz npz",
                "lib/models.jar!/opennlp-en-ud-ewt-sentence-1.2-2.5.0.bin opennlp"), formats(found));
        assertTrue(found.unread().get(0).reason().contains("inside another archive"), found.unread().toString());
    }

    @Test
    void theFilesAModelFolderHoldsAreAllAccountedFor() throws IOException {
        // the folder: an ONNX model, a TFLite model and a TensorFlow.js model
        write("mixed/model.onnx", OnnxBytes.model(OnnxBytes.graph(new byte[0][], OnnxBytes.tensor("w", 1, 16, 4))));
        write("mixed/selfie.tflite", UnreadFormats.tflite());
        write("mixed/tfjs/model.json", UnreadFormats.tfjsModelJson());
        ModelFinder.Found found = find("mixed");
        assertEquals(List.of("mixed/model.onnx", "mixed/selfie.tflite", "mixed/tfjs/model.json"), found.models()
                .stream().map(ModelFile::path).toList());
        assertEquals(List.of(), found.unread());
    }

    @Test
    void everyRowSaysWhereItsBytesLieAndEveryReaderReadsItsOwnFormat() {
        for (FormatTable row : FormatTable.values()) {
            assertTrue(row.reader().map(reader -> reader.format() == row.format()).orElse(true), row.name());
        }
        assertEquals(Layout.ARCHIVE, FormatTable.NPZ.layout());
        assertEquals(Layout.FOLDER, FormatTable.SAFETENSORS_INDEX.layout());
        assertEquals(Optional.of("a NumPy .npz archive inside another archive: read only as a file on disk (extract"
                + " it, or name it in <models>)"), FormatTable.NPZ.unreadBecause(true));
        assertEquals(Optional.empty(), FormatTable.SAFETENSORS_INDEX.unreadBecause(true), "a folder layout is read in"
                + " the archive it lies in");
    }

    @Test
    void twoModelsOutsideTheBaseKeepAsMuchOfTheirPathsAsTellsThemApart(@TempDir Path cache) throws IOException {
        byte[] onnx = OnnxBytes.model(OnnxBytes.graph(new byte[0][], OnnxBytes.tensor("w", 1, 16, 4)));
        Path a = cache.resolve("hub/models--A/onnx/model.onnx");
        Path b = cache.resolve("hub/models--B/onnx/model.onnx");
        Files.createDirectories(a.getParent());
        Files.createDirectories(b.getParent());
        Files.write(a, onnx);
        Files.write(b, onnx);
        new SafetensorsBytes().tensor("w", "F32", 32, 2).writeTo(cache.resolve("hub/other/m.safetensors"));
        ModelFinder.Found found = find(a.toString(), b.toString(), cache.resolve("hub/other/m.safetensors")
                .toString());
        assertEquals(List.of("models--A/onnx/model.onnx", "models--B/onnx/model.onnx", "other/m.safetensors"),
                found.models().stream().map(ModelFile::path).toList());
    }

    @Test
    void aZipInsideAnArchiveIsListedFromTheLocalHeadersInItsFirstBytes() {
        assertEquals(List.of("archive/data.pkl", "archive/data/0", "archive/version"),
                FileHead.localNames(UnreadFormats.pytorchZip()));
        assertEquals(List.of("manifest.properties"), FileHead.localNames(UnreadFormats.openNlp()),
                "a data descriptor follows the first entry: its size is not known from the head");
        assertEquals(List.of(), FileHead.localNames(new byte[] {'P', 'K', 3, 4, 0}));
    }
}
