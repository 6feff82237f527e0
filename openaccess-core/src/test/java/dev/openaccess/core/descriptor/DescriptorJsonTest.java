package dev.openaccess.core.descriptor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openaccess.core.Describer;
import dev.openaccess.core.TinyModels;
import dev.openaccess.core.descriptor.Readiness.Persona;
import dev.openaccess.core.descriptor.Readiness.Personas;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stable bytes out, equal records back in, and clear refusals of what is not a descriptor. */
public class DescriptorJsonTest {

    /** A descriptor with every optional part filled in: notes, metadata, a missing profile, decode figures. */
    public static Descriptor handMade() {
        Architecture arch = new Architecture("mistral", 32, 4096, 32, 8, 128, 32000, 32768, 8, 2, 4096,
                Architecture.DECODER);
        ModelEntry model = new ModelEntry("lib/model.jar!/weights/model.safetensors", "safetensors", 1_000_000L,
                "0".repeat(64), "lib/model.jar!/weights/config.json", arch,
                new Parameters(1_000, 250, Map.of("F32", 10L, "BF16", 990L), true), 1_980L, 3L,
                Map.of("zeta", "last", "alpha", "first"), List.of("a reader's note"),
                List.of(new ModelEntry.Shard("lib/model.jar!/weights/model-00001-of-00001.safetensors", 1_000L, null)));
        Assumptions assumptions = new Assumptions(32768, 2, "F16", "rule", 0.9, "2026.11-2",
                new Assumptions.FineTuningAssumptions(2048, 1, true, 8, List.of("q", "v"), List.of("a rule")),
                new Assumptions.TrainingAssumptions(0.4, 30, 20, "6 N D"), List.of("a note", "another"));
        Inference inference = new Inference(1_980, 131_072L, 1_073_741_824L, 1_000L, 268_434_456L, 268_435_456L,
                1_343_177_260L, null,
                List.of(new Variant("bf16", true, 1_980, 1_343_177_260L, null),
                        new Variant("int4", false, 576, 1_343_177_000L, "laptop-16gb")));
        FineTuningNeed need = new FineTuningNeed(16_000 + 1_073_741_824L, "h100-80gb", 1_000, 2_000, 2_000, 12_000,
                0, 1_073_741_824L);
        FineTuning fineTuning = new FineTuning(need, need, need);
        Training training = new Training(1_500, 300_000_000_000L, new BigInteger("450000000000000"),
                Map.of("h100-80gb", 0.0003159), Map.of("h100-80gb", 0.00001316), need.totalBytes(), "h100-80gb", "8 x A100 80GB", 1234.5);
        List<ProfileFit> profiles = List.of(new ProfileFit("laptop-16gb", true, false, List.of(), false, 34_727_981.4),
                new ProfileFit("h100-80gb", false, true, List.of(FineTuningMethod.FULL, FineTuningMethod.LORA, FineTuningMethod.QLORA), true, null));
        Persona cannot = new Persona(false, null, false, null, null, false);
        Readiness readiness = new Readiness(Tier.CLUSTER, new Personas(cannot, cannot,
                new Persona(true, "8x-h100-80gb", true, FineTuningMethod.QLORA, "h100-80gb", false)),
                List.of("a blocker", "another blocker"));
        return new Descriptor("1.0", new Subject("org.example", "model", "1.0", "jar", "a".repeat(64)),
                new Generator("openaccess", "0.1.0"), List.of(model),
                new Requirements(assumptions, inference, List.of(new ModelRequirements(model.path(), inference)),
                        fineTuning, training, profiles),
                new Openness(List.of(
                        new Openness.Component("Model parameters (Final)", true, "Apache-2.0",
                                "org.example:model:1.0", LicenseClass.OPEN, true),
                        new Openness.Component("Datasets", false, null, null, null, null)),
                        List.of(new Openness.License("Apache-2.0", "Apache License 2.0", LicenseClass.OPEN, true, true, null)),
                        null, Map.of("III", List.of("Model architecture")),
                        new Openness.Osaid(false, List.of("data information: datasets not released"))),
                new Access(List.of(new Access.Channel(ChannelType.HOSTED_API, "https://api.example.org/v1", "https://example.org/terms",
                        null, "api-key", true, null, null))),
                readiness);
    }

    public static Descriptor described(Path base) throws IOException {
        TinyModels.writeTinyLlama(base.resolve("model"));
        return new Describer().describe(TinyModels.request(base, "model", true)).descriptor();
    }

    private static Descriptor read(String json, String source) throws DescriptorException {
        return DescriptorJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), source);
    }

    @Test
    void twoWritesOfTheSameDescriptorAreByteIdentical(@TempDir Path base) throws Exception {
        for (Descriptor descriptor : List.of(handMade(), described(base))) {
            byte[] once = DescriptorJson.toBytes(descriptor);
            assertArrayEquals(once, DescriptorJson.toBytes(descriptor));
            // an equal record built separately, and one read back, write the same bytes
            assertArrayEquals(once, DescriptorJson.toBytes(DescriptorJson.read(new ByteArrayInputStream(once), "x")));
            assertEquals(new String(once, StandardCharsets.UTF_8), DescriptorJson.toString(descriptor));
        }
        assertArrayEquals(DescriptorJson.toBytes(handMade()), DescriptorJson.toBytes(handMade()));
    }

    @Test
    void keysAreSortedAtEveryLevel(@TempDir Path base) throws Exception {
        for (Descriptor descriptor : List.of(handMade(), described(base))) {
            // readTree keeps the document's order, so the tree shows the order written
            JsonNode tree = DescriptorJson.readTree(new ByteArrayInputStream(DescriptorJson.toBytes(descriptor)), "x");
            assertSorted(tree, "$");
        }
        String json = DescriptorJson.toString(handMade());
        assertTrue(json.indexOf("\"alpha\"") < json.indexOf("\"zeta\""), "map keys sorted too");
        assertTrue(json.indexOf("\"BF16\"") < json.indexOf("\"F32\""));
    }

    private static void assertSorted(JsonNode node, String where) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            List<String> sorted = new ArrayList<>(names);
            sorted.sort(null);
            assertEquals(sorted, names, "keys of " + where);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                assertSorted(field.getValue(), where + "." + field.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertSorted(node.get(i), where + "[" + i + "]");
            }
        }
    }

    @Test
    void layoutIsTwoSpacesNewlinesAndAFinalNewline() {
        String json = DescriptorJson.toString(handMade());
        assertFalse(json.contains("\r"), "\\n line ends on every platform");
        assertTrue(json.startsWith("{\n  \"access\": {\n    \"channels\": [\n      {\n"), json);
        assertTrue(json.endsWith("}\n"), "a final newline");
        assertFalse(json.endsWith("\n\n"), "exactly one");
        assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), DescriptorJson.toBytes(handMade()), "UTF-8");
    }

    @Test
    void nullsAreLeftOut() {
        String json = DescriptorJson.toString(handMade());
        // mofClass is the one field written as null: "no class reached" is an answer, not a gap
        assertTrue(json.contains("\"mofClass\": null"), json);
        assertFalse(json.replace("\"mofClass\": null", "").contains("null"), json);
        // the persona that cannot run has no profile key; the profile that does not fit has no decode figure
        assertFalse(json.contains("\"minimumProfile\": null"));
        JsonNode tree = DescriptorJson.toTree(handMade());
        assertEquals(List.of("canFineTune", "canRetrain", "canRunInference"), names(tree.at("/readiness/personas/individual")));
        assertFalse(tree.at("/requirements/profiles/1").has("decodeTokensPerSecond"));
        assertFalse(tree.at("/requirements/inference").has("minimumProfile"));
        assertFalse(tree.at("/requirements/inference/variants/0").has("minimumProfile"));
        assertTrue(tree.at("/requirements/inference/variants/1").has("minimumProfile"));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void decimalsAreWrittenPlain() {
        String json = DescriptorJson.toString(handMade());
        assertTrue(json.contains("\"decodeTokensPerSecond\": 34727981.4"), json);
        assertTrue(json.contains("\"fitFraction\": 0.9"), json);
        assertTrue(json.contains("\"h100-80gb\": 0.00001316"), json);
        assertTrue(json.contains("\"flops\": 450000000000000,"), json);
        assertFalse(json.contains("E7"), json);
    }

    @Test
    void readsBackEqualRecords(@TempDir Path base) throws Exception {
        Descriptor handMade = handMade();
        assertEquals(handMade, DescriptorJson.read(new ByteArrayInputStream(DescriptorJson.toBytes(handMade)), "x"));
        Descriptor described = described(base);
        assertEquals(described, DescriptorJson.read(new ByteArrayInputStream(DescriptorJson.toBytes(described)), "x"));
        assertEquals(described, DescriptorJson.fromTree(DescriptorJson.toTree(described), "x"));
    }

    @Test
    void unknownFieldsOfNewerGeneratorsAreIgnored() throws Exception {
        String json = DescriptorJson.toString(handMade()).replaceFirst("\\{", "{\n  \"openness\": {\"mofClass\": \"I\"},");
        assertEquals(handMade(), read(json, "newer.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"schemaVersion\": }", "not json", "{\"a\": 1} trailing", "{'a': 1}"})
    void brokenJsonIsRefusedNamingTheSource(String json) {
        DescriptorException e = assertThrows(DescriptorException.class, () -> read(json, "broken.json"));
        assertTrue(e.getMessage().startsWith("broken.json: "), e.getMessage());
    }

    @Test
    void brokenJsonSaysItIsNotJson() {
        DescriptorException e = assertThrows(DescriptorException.class, () -> read("{\"models\": [", "g:a:1"));
        assertTrue(e.getMessage().startsWith("g:a:1: not valid JSON"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{}]", "\"descriptor\"", "42", "null", "", "   "})
    void nonObjectsAreRefused(String json) {
        DescriptorException e = assertThrows(DescriptorException.class, () -> read(json, "odd.json"));
        assertTrue(e.getMessage().startsWith("odd.json: "), e.getMessage());
    }

    @Test
    void nonObjectsSaySo() {
        DescriptorException e = assertThrows(DescriptorException.class, () -> read("[1, 2]", "list.json"));
        assertEquals("list.json: not a JSON object", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"models\": 5}",
        "{\"models\": [{\"sizeBytes\": \"big\"}]}",
        "{\"models\": [\"a\"]}",
        "{\"subject\": [], \"models\": []}",
        "{\"models\": [], \"requirements\": {\"assumptions\": {\"batchSize\": \"one\"}}}",
        "{\"models\": [], \"readiness\": {\"tier\": \"laptop\", \"blockers\": {\"a\": 1}}}",
        "{\"models\": [], \"requirements\": {\"inference\": {\"totalBytes\": 1.5e400}}}",
        "{}",
        "{\"models\": null}",
        "{\"models\": [{\"path\": \"m\", \"parameters\": {\"total\": 1}}]}",
        "{\"models\": [], \"readiness\": {\"tier\": \"laptop\"}}"
    })
    void wrongShapesAreRefusedNamingTheSource(String json) {
        // read() checks the schema before binding, so a partial descriptor gets the schema's words, never an NPE
        DescriptorException e = assertThrows(DescriptorException.class, () -> read(json, "shapes.json"));
        assertTrue(e.getMessage().startsWith("shapes.json: does not match the openaccess descriptor schema 1.0:\n  "),
                e.getMessage());
    }

    @Test
    void aFailingStreamIsReportedToo() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }
        };
        DescriptorException e = assertThrows(DescriptorException.class, () -> DescriptorJson.read(failing, "f.json"));
        assertTrue(e.getMessage().startsWith("f.json: "), e.getMessage());
        assertTrue(e.getMessage().contains("disk on fire"), e.getMessage());
    }
}
