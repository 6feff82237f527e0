package dev.openaccess.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-in: real TensorFlow Lite and TensorFlow.js models from npm, read with no error and counted as a second,
 * independent count says ({@code scripts/tflite-count.py}, a FlatBuffers walker written from the format's docs and
 * {@code schema.fbs} with Python's standard library only, and the manifests summed by Python's {@code json}). Not
 * committed; fetch and run them with {@code scripts/npm-models.sh}, or by hand:
 * <pre>
 * npm pack @mediapipe/selfie_segmentation@0.1.1675465747 @vladmandic/face-api@1.7.15
 * mkdir -p /tmp/npm-models/ms /tmp/npm-models/fa
 * tar xzf mediapipe-selfie_segmentation-*.tgz -C /tmp/npm-models/ms; tar xzf vladmandic-face-api-*.tgz -C /tmp/npm-models/fa
 * NPM_MODELS=/tmp/npm-models ./mvnw -pl openaccess-core test -Dtest=NpmModelsTest
 * </pre>
 * The counts below are the independent ones, as the script printed them; the test also writes every model's counts
 * to {@code $TMPDIR/openaccess-npm-models-counts.tsv} for the script to compare.
 */
@EnabledIfEnvironmentVariable(named = "NPM_MODELS", matches = ".+")
class NpmModelsTest {

    private static final Path ROOT = Path.of(System.getenv().getOrDefault("NPM_MODELS", "."));
    private static final Path SELFIE = ROOT.resolve("ms/package");
    private static final Path FACE_API = ROOT.resolve("fa/package/model");

    @TempDir
    Path folder;

    /** {path, parameters, weights bytes, tensors, per dtype} from {@code scripts/tflite-count.py}. */
    private static final List<Object[]> TFLITE = List.of(
            new Object[] {"selfie_segmentation.tflite", 106_407L, 212_826L, 113L, Map.of("F16", 106_401L, "I32", 6L)},
            new Object[] {"selfie_segmentation_landscape.tflite", 106_427L, 212_906L, 123L,
                    Map.of("F16", 106_401L, "I32", 26L)});

    /**
     * {manifest, parameters, weights bytes (= the shard's size), weights, per stored dtype} from Python's json:
     * sum of prod(shape) per weight, bytes by the quantized dtype where there is one.
     */
    private static final List<Object[]> TFJS = List.of(
            new Object[] {"age_gender_model-weights_manifest.json", 421_731L, 429_708L, 51L,
                    Map.of("U8", 419_072L, "F32", 2_659L)},
            new Object[] {"face_expression_model-weights_manifest.json", 323_687L, 329_468L, 49L,
                    Map.of("U8", 321_760L, "F32", 1_927L)},
            new Object[] {"face_landmark_68_model-weights_manifest.json", 356_840L, 356_840L, 49L,
                    Map.of("U8", 356_840L)},
            new Object[] {"face_landmark_68_tiny_model-weights_manifest.json", 77_224L, 77_224L, 28L,
                    Map.of("U8", 77_224L)},
            new Object[] {"face_recognition_model-weights_manifest.json", 5_614_592L, 6_444_032L, 117L,
                    Map.of("U8", 5_338_112L, "F32", 276_480L)},
            new Object[] {"ssd_mobilenetv1_model-weights_manifest.json", 5_555_541L, 5_616_957L, 151L,
                    Map.of("U8", 5_535_069L, "F32", 20_472L)},
            new Object[] {"tiny_face_detector_model-weights_manifest.json", 193_321L, 193_321L, 19L,
                    Map.of("U8", 193_321L)});

    @Test
    void mediapipeTfliteModelsAreCountedAsTheIndependentCountSays() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Object[] expected : TFLITE) {
            String name = (String) expected[0];
            ModelFacts facts = new TfliteReader().read(ModelFile.ofFile(SELFIE.resolve(name), name,
                    FormatTable.TFLITE).source());
            assertCounts(expected, facts);
            assertEquals(List.of(), facts.warnings(), name);
            lines.add(line(name, facts));
        }
        write("tflite", lines);
    }

    /** Both models in one MediaPipe task bundle, stored as MediaPipe stores them (mapped in place) and deflated. */
    @Test
    void aTaskBundleOfBothIsTheirSum() throws IOException {
        for (boolean stored : new boolean[] {true, false}) {
            Path task = folder.resolve(stored ? "stored.task" : "deflated.task");
            try (OutputStream out = Files.newOutputStream(task); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Object[] model : TFLITE) {
                    byte[] bytes = Files.readAllBytes(SELFIE.resolve((String) model[0]));
                    ZipEntry entry = new ZipEntry((String) model[0]);
                    if (stored) {
                        CRC32 crc = new CRC32();
                        crc.update(bytes);
                        entry.setMethod(ZipEntry.STORED);
                        entry.setSize(bytes.length);
                        entry.setCrc(crc.getValue());
                    }
                    zip.putNextEntry(entry);
                    zip.write(bytes);
                    zip.closeEntry();
                }
            }
            ModelFacts facts = new MediaPipeTaskReader().read(ModelFile.ofFile(task, task.getFileName().toString(),
                    FormatTable.MEDIAPIPE_TASK).source());
            assertEquals(106_407L + 106_427L, facts.parameters().total());
            assertEquals(212_826L + 212_906L, facts.weightsBytes());
            assertEquals(113L + 123L, facts.tensors());
            assertEquals(Map.of("F16", 2 * 106_401L, "I32", 32L), facts.parameters().byDtype());
        }
    }

    @Test
    void faceApiTfjsModelsAreCountedAsTheIndependentCountSays() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Object[] expected : TFJS) {
            String name = (String) expected[0];
            ModelFacts facts = new TfjsReader().read(ModelFile.ofFile(FACE_API.resolve(name), name,
                    FormatTable.TFJS).source());
            assertCounts(expected, facts);
            assertEquals(List.of(), facts.warnings(), name);
            String shard = name.replace("-weights_manifest.json", ".bin");
            assertEquals(List.of(shard), facts.parts().stream().map(ModelSource::path).toList(), name);
            assertEquals(Files.size(FACE_API.resolve(shard)), facts.weightsBytes(), name);
            lines.add(line(name, facts));
        }
        write("tfjs", lines);
    }

    /** The folder as a user has it: every manifest found as a model of its own, none taken for another format. */
    @Test
    void theFaceApiFolderHoldsSevenTfjsModels() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listed = Files.list(FACE_API)) {
            files = listed.sorted().toList();
        }
        for (Path file : files) {
            FormatTable.detect(FileHead.of(file)).ifPresent(row -> found.add(file.getFileName() + "=" + row));
        }
        assertEquals(TFJS.stream().map(model -> model[0] + "=TFJS").sorted().toList(), found.stream().sorted().toList());
    }

    private static void assertCounts(Object[] expected, ModelFacts facts) {
        String name = (String) expected[0];
        assertEquals(expected[1], facts.parameters().total(), name + " parameters");
        assertEquals(expected[2], facts.weightsBytes(), name + " weights bytes");
        assertEquals(expected[3], facts.tensors(), name + " tensors");
        assertEquals(expected[4], facts.parameters().byDtype(), name + " per dtype");
        assertTrue(facts.parameters().exact(), name);
    }

    private static String line(String name, ModelFacts facts) {
        return String.join("\t", name, Long.toString(facts.parameters().total()),
                String.valueOf(facts.weightsBytes()), String.valueOf(facts.tensors()),
                facts.parameters().byDtype().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .sorted().collect(Collectors.joining(",")));
    }

    private static void write(String kind, List<String> lines) throws IOException {
        Path tsv = Path.of(System.getProperty("java.io.tmpdir"), "openaccess-npm-models-" + kind + ".tsv");
        Files.write(tsv, lines);
    }
}
