package dev.openaccess.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keras models written by {@code scripts/keras-fixtures.py} with h5py (libhdf5's own writer) as Keras lays them out,
 * read here with jhdf. The expected counts are the script's, in {@code keras/expected.json}: numpy's sizes and
 * byte counts of the arrays it wrote, not this reader's.
 */
class KerasReaderTest {

    private static final String FIXTURES = "/dev/openaccess/core/format/keras/";

    @TempDir
    Path base;

    private Path fixture(String name) throws IOException {
        return resource(FIXTURES, name);
    }

    private Path resource(String folder, String name) throws IOException {
        try (InputStream in = KerasReaderTest.class.getResourceAsStream(folder + name)) {
            Path file = base.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    private static ModelFacts read(Path file, String name) throws IOException {
        FormatTable row = name.endsWith(".keras") ? FormatTable.KERAS : FormatTable.KERAS_H5;
        return row.reader().orElseThrow().read(ModelFile.ofFile(file, name, row).source());
    }

    private static JsonNode expected(String name) throws IOException {
        try (InputStream in = KerasReaderTest.class.getResourceAsStream(FIXTURES + "expected.json")) {
            return new ObjectMapper().readTree(in).get(name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sequential.h5", "weights-only.h5", "lambda.h5", "sequential.keras", "lambda.keras"})
    void theCountsAreTheWritersOwn(String name) throws IOException {
        ModelFacts facts = read(fixture(name), name);
        JsonNode expected = expected(name);
        Map<String, Long> byDtype = new TreeMap<>();
        expected.get("byDtype").fields().forEachRemaining(e -> byDtype.put(e.getKey(), e.getValue().asLong()));
        assertEquals(byDtype, facts.parameters().byDtype(), name);
        assertEquals(expected.get("bytes").asLong(), facts.weightsBytes(), name);
        assertEquals(expected.get("tensors").asLong(), facts.tensors(), name);
        assertEquals(ModelFormat.KERAS, facts.format());
    }

    @Test
    void aKeras2ModelSaysItsVersionAndLeavesTheOptimizerOut() throws IOException {
        ModelFacts facts = read(fixture("sequential.h5"), "sequential.h5");
        assertEquals(1012L, facts.parameters().total()); // 100×8 + (8×16 + 16) + (16×4 + 4)
        assertEquals("2.15.0", facts.metadata().get("keras.version"));
        assertEquals("tensorflow", facts.metadata().get("keras.backend"));
        assertTrue(facts.loading().safe());
        assertEquals(List.of("sequential.h5: 2 datasets of optimizer state (129 elements), kept for training, are not"
                + " counted as the model's parameters"), facts.warnings());
    }

    @Test
    void weightsAloneAreAKerasFileToo() throws IOException {
        ModelFacts facts = read(fixture("weights-only.h5"), "weights-only.h5");
        assertEquals(1012L, facts.parameters().total());
        assertEquals(List.of(), facts.warnings());
        assertTrue(facts.loading().safe());
    }

    @Test
    void aKeras3ModelIsReadFromItsZip() throws IOException {
        ModelFacts facts = read(fixture("sequential.keras"), "sequential.keras");
        assertEquals(222L, facts.parameters().total()); // (8×16 + 16) + (16×4 + 4) + 10
        assertEquals("3.15.1", facts.metadata().get("keras.version"));
        assertTrue(facts.loading().safe());
        assertEquals(List.of("sequential.keras: 2 datasets of optimizer state (129 elements), kept for training, are"
                + " not counted as the model's parameters"), facts.warnings());
    }

    @Test
    void lambdaLayersExecuteCodeOnLoad() throws IOException {
        ModelFacts keras2 = read(fixture("lambda.h5"), "lambda.h5");
        assertFalse(keras2.loading().safe());
        assertEquals(List.of(KerasReader.LAMBDA), keras2.loading().imports());
        assertEquals(List.of("lambda.h5: 1 Lambda layers (lambda) keep Python code in the model's config: loading"
                + " the model runs it"), keras2.warnings());
        ModelFacts keras3 = read(fixture("lambda.keras"), "lambda.keras");
        assertFalse(keras3.loading().safe());
        assertTrue(keras3.warnings().get(0).contains("1 Lambda layers (double)"), keras3.warnings().toString());
    }

    @Test
    void theFinderFindsThemAsModelsAndAnH5InAJarIsReadThroughACopy() throws IOException {
        Files.createDirectories(base.resolve("m"));
        Files.copy(fixture("sequential.h5"), base.resolve("m/model.h5"));
        Files.copy(fixture("sequential.keras"), base.resolve("m/model.keras"));
        ModelFinder.Found found = new ModelFinder(base).find(List.of("m"), true);
        assertEquals(List.of("m/model.h5", "m/model.keras"), found.models().stream().map(ModelFile::path).sorted()
                .toList());
        assertEquals(List.of(), found.unread());

        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(jar)) {
            zip.putNextEntry(new ZipEntry("models/weights.h5"));
            zip.write(Files.readAllBytes(base.resolve("m/model.h5")));
            zip.closeEntry();
        }
        Files.write(base.resolve("models.jar"), jar.toByteArray());
        ModelFinder.Found inJar = new ModelFinder(base).find(List.of("models.jar"), true);
        assertEquals(List.of("models.jar!/models/weights.h5"), inJar.models().stream().map(ModelFile::path).toList());
        ModelFile model = inJar.models().get(0);
        assertEquals(1012L, model.kind().reader().orElseThrow().read(model.source()).parameters().total());
    }

    @Test
    void damagedFilesAreRefusedInWords() throws IOException {
        byte[] whole = Files.readAllBytes(fixture("sequential.h5"));
        for (int length : new int[] {8, 100, 1000, whole.length / 2}) {
            Path cut = Files.write(base.resolve("cut.h5"), Arrays.copyOf(whole, length));
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(cut, "cut.h5"),
                    "cut at " + length);
            assertTrue(e.getMessage().startsWith("cut.h5: "), e.getMessage());
        }
        Path noConfig = base.resolve("empty.keras");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(noConfig))) {
            zip.putNextEntry(new ZipEntry("metadata.json"));
            zip.write("{}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(noConfig, "empty.keras"));
        assertTrue(e.getMessage().contains("empty.keras: holds no config.json"), e.getMessage());
        Path deep = base.resolve("deep.keras");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(deep))) {
            zip.putNextEntry(new ZipEntry("config.json"));
            zip.write(("[".repeat(KerasReader.MAX_CONFIG_DEPTH + 1) + "]".repeat(KerasReader.MAX_CONFIG_DEPTH + 1))
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        ModelFormatException tooDeep = assertThrows(ModelFormatException.class, () -> read(deep, "deep.keras"));
        assertTrue(tooDeep.getMessage().contains("nesting depth"), tooDeep.getMessage());
    }

    /** The hostile files the script writes into the fuzzing corpus, each refused or counted as it should be. */
    @Test
    void hostileStructuresAreBounded() throws IOException {
        String corpus = "/dev/openaccess/core/fuzz/ReaderFuzzTestInputs/keras/";
        ModelFormatException overflow = assertThrows(ModelFormatException.class, () -> read(resource(corpus,
                "shape-overflow.h5"), "shape-overflow.h5"));
        assertTrue(overflow.getMessage().contains("dataset '/w' shape [2147483647, 2147483647, 4] overflows a 64-bit"
                + " element count"), overflow.getMessage());
        ModelFacts cycle = read(resource(corpus, "group-cycle.h5"), "group-cycle.h5");
        assertEquals(3L, cycle.parameters().total(), "the group holding itself is walked once");
        ModelFacts links = read(resource(corpus, "links.h5"), "links.h5");
        assertEquals(4L, links.parameters().total(), "links are not followed, not even to /w");
        assertTrue(links.warnings().contains("links.h5: 2 soft or external links, not followed: what they point to is"
                + " not counted"), links.warnings().toString());
        ModelFormatException deep = assertThrows(ModelFormatException.class, () -> read(resource(corpus,
                "deep-groups.h5"), "deep-groups.h5"));
        assertTrue(deep.getMessage().contains("its groups nest more than " + KerasReader.MAX_DEPTH + " deep"),
                deep.getMessage());
    }
}
