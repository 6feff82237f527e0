package dev.openaccess.core.format;

import static dev.openaccess.core.format.TfliteBytes.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.format.tflite.TensorType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MediaPipe task bundles as MediaPipe's model maker writes them: a zip of TensorFlow Lite models (stored, so they
 * can be mapped) and their metadata; a face landmarker's holds a detector, a landmarks model and more.
 */
class MediaPipeTaskReaderTest {

    @TempDir
    Path folder;

    /** 12 F32 (48 bytes) + 3 F16 (6 bytes). */
    static byte[] detector() {
        TfliteBytes model = new TfliteBytes();
        model.subgraph(tensor("w", TensorType.FLOAT32, model.buffer(48), 3, 4),
                tensor("b", TensorType.FLOAT16, model.buffer(6), 3),
                tensor("out", TensorType.FLOAT32, 0, 1, 3));
        return model.toBytes();
    }

    /** 8 I8 with 2 scales and 2 zero points: 8 + 8 + 16 = 32 bytes. */
    static byte[] landmarks() {
        TfliteBytes model = new TfliteBytes();
        model.subgraph(tensor("w", TensorType.INT8, model.buffer(8), 2, 4).quantized(2, 2));
        return model.toBytes();
    }

    /** Writes a zip of {name, bytes, stored?} entries. */
    static Path zip(Path file, Object[]... entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Object[] entry : entries) {
                byte[] bytes = (byte[]) entry[1];
                ZipEntry zipEntry = new ZipEntry((String) entry[0]);
                if ((Boolean) entry[2]) {
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    zipEntry.setMethod(ZipEntry.STORED);
                    zipEntry.setSize(bytes.length);
                    zipEntry.setCrc(crc.getValue());
                }
                zip.putNextEntry(zipEntry);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        return file;
    }

    private ModelFacts read(Path task) throws IOException {
        return new MediaPipeTaskReader().read(ModelFile.ofFile(task, task.getFileName().toString(),
                FormatTable.MEDIAPIPE_TASK).source());
    }

    @Test
    void theBundleIsTheSumOfItsModels() throws IOException {
        Path task = zip(folder.resolve("face_landmarker.task"),
                new Object[] {"face_detector.tflite", detector(), true},
                new Object[] {"face_landmarks_detector.tflite", landmarks(), false},
                new Object[] {"geometry_pipeline_metadata.binarypb", "not a model".getBytes(StandardCharsets.UTF_8),
                        false},
                new Object[] {"TOKENIZER_MODEL", new byte[] {1, 2, 3}, true});
        ModelFacts facts = read(task);
        assertEquals(ModelFormat.TFLITE, facts.format());
        assertEquals(Map.of("F32", 12L, "F16", 3L, "I8", 8L), facts.parameters().byDtype());
        assertEquals(54L + 32L, facts.weightsBytes());
        assertEquals(3L, facts.tensors());
        assertEquals("face_detector.tflite,face_landmarks_detector.tflite", facts.metadata().get("mediapipe.models"));
        assertEquals(List.of(), facts.warnings());
    }

    @Test
    void aModelUnderANameWithoutTfliteIsFoundByItsIdentifier() throws IOException {
        // LLM bundles name their model TF_LITE_PREFILL_DECODE
        ModelFacts facts = read(zip(folder.resolve("llm.task"), new Object[] {"TF_LITE_PREFILL_DECODE", detector(),
                true}));
        assertEquals(15, facts.parameters().total());
        assertEquals("TF_LITE_PREFILL_DECODE", facts.metadata().get("mediapipe.models"));
    }

    @Test
    void aBundleInsideTheBundleIsNamedInAWarning() throws IOException {
        Path inner = zip(folder.resolve("inner.task"), new Object[] {"m.tflite", landmarks(), true});
        Path task = zip(folder.resolve("holistic.task"), new Object[] {"m.tflite", detector(), true},
                new Object[] {"hand_landmarker.task", Files.readAllBytes(inner), true});
        ModelFacts facts = read(task);
        assertEquals(15, facts.parameters().total(), "the nested bundle is not counted");
        assertEquals(1, facts.warnings().size());
        assertTrue(facts.warnings().get(0).startsWith("holistic.task!/hand_landmarker.task: a bundle inside the"
                + " bundle, not read here"), facts.warnings().get(0));
    }

    @Test
    void aBundleWithoutAModelOrWithADamagedOneIsRefused() throws IOException {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(zip(folder.resolve("e.task"),
                new Object[] {"readme.txt", "hello".getBytes(StandardCharsets.UTF_8), false})));
        assertEquals("e.task", e.path());
        assertTrue(e.problem().contains("holds no TensorFlow Lite model"), e.getMessage());

        byte[] cut = java.util.Arrays.copyOf(detector(), 40);
        e = assertThrows(ModelFormatException.class, () -> read(zip(folder.resolve("cut.task"),
                new Object[] {"m.tflite", cut, true})));
        assertEquals("cut.task!/m.tflite", e.path());
    }

    @Test
    void aStoredEntryIsMappedWhereItLies() throws IOException {
        Path task = zip(folder.resolve("m.task"), new Object[] {"a.txt", new byte[333], false},
                new Object[] {"m.tflite", detector(), true});
        StoredEntry.Region region = StoredEntry.of(task, "m.tflite", "m.task").orElseThrow();
        byte[] whole = Files.readAllBytes(task);
        assertEquals(detector().length, region.size());
        assertEquals(new String(detector(), StandardCharsets.ISO_8859_1), new String(whole, (int) region.offset(),
                (int) region.size(), StandardCharsets.ISO_8859_1));
        assertTrue(StoredEntry.of(task, "a.txt", "m.task").isEmpty(), "a deflated entry has no region to map");
    }

    @Test
    void aTaskBundleIsFoundAndReadInAFolder() throws IOException {
        zip(folder.resolve("face_landmarker.task"), new Object[] {"face_detector.tflite", detector(), true});
        List<ModelFile> models = new ModelFinder(folder).find(List.of("."), true).models();
        assertEquals(List.of(FormatTable.MEDIAPIPE_TASK), models.stream().map(ModelFile::kind).toList());
        ModelFacts facts = models.get(0).kind().reader().orElseThrow().read(models.get(0).source());
        assertEquals(15, facts.parameters().total());
    }
}
