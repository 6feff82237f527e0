package dev.openaccess.core.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DescriptorJsonTest {

    static Descriptor sample() {
        Architecture arch = new Architecture("llama", 2, 64, 4, 2, 16, 256, 512, null, null, null, "decoder");
        ModelEntry model = new ModelEntry("src/main/resources/model.safetensors", "safetensors", 1000,
                "0".repeat(64), "src/main/resources/config.json", arch,
                new Parameters(400, 400, Map.of("F32", 100L, "BF16", 300L), true), 1000L, 3L, Map.of("z", "1", "a", "2"));
        Inference inference = new Inference(1000, 256L, 131_072, 268_566_000, 268_698_072, "laptop-16gb",
                List.of(new Variant("bf16", true, 1000, 268_698_072, "laptop-16gb")));
        Requirements requirements = new Requirements(
                new Assumptions(512, 1, "F16", "rule", 0.9, List.of()), inference,
                List.of(new ProfileFit("laptop-16gb", true, 34_727_981.4), new ProfileFit("h100-80gb", true, null)));
        Readiness readiness = new Readiness("laptop", new Readiness.Personas(new Readiness.Persona(true, "laptop-16gb"),
                new Readiness.Persona(true, "laptop-16gb"), new Readiness.Persona(true, "laptop-16gb")), List.of());
        return new Descriptor("1.0", new Subject("g", "a", "1", "jar", null), new Generator("openaccess", "test"),
                List.of(model), requirements, readiness);
    }

    @Test
    void writesStableSortedJson() {
        String json = DescriptorJson.toString(sample());
        assertEquals(json, DescriptorJson.toString(sample()));
        assertTrue(json.endsWith("}\n"));
        assertFalse(json.contains("\r"));
        assertFalse(json.contains("null"), "null fields are left out");
        assertTrue(json.indexOf("\"generator\"") < json.indexOf("\"models\""));
        assertTrue(json.indexOf("\"BF16\"") < json.indexOf("\"F32\""), "map keys sorted");
        assertTrue(json.indexOf("\"a\": \"2\"") < json.indexOf("\"z\": \"1\""));
        assertTrue(json.contains("\"decodeTokensPerSecond\": 34727981.4"), "no exponent notation");
        assertTrue(json.contains("\"blockers\": []"));
        assertTrue(json.startsWith("{\n  \"generator\": {\n    \"name\": \"openaccess\","), json);
    }

    @Test
    void readsBackWhatItWrote() throws DescriptorException {
        Descriptor descriptor = sample();
        byte[] bytes = DescriptorJson.toBytes(descriptor);
        assertEquals(descriptor, DescriptorJson.read(new ByteArrayInputStream(bytes), "sample.json"));
    }

    @Test
    void ignoresFieldsANewerGeneratorAdded() throws DescriptorException {
        ObjectNode tree = (ObjectNode) DescriptorJson.toTree(sample());
        tree.put("futureField", "value");
        assertEquals(sample(), DescriptorJson.fromTree(tree, "newer.json"));
    }

    @Test
    void failsOnBrokenInputNamingTheSource() {
        assertEquals("dep.json: not valid JSON at line 1, column 19: Unexpected end-of-input within/between Object"
                + " entries", assertThrows(DescriptorException.class, () -> read("{\"schemaVersion\": ")).getMessage());
        assertEquals("dep.json: not a JSON object",
                assertThrows(DescriptorException.class, () -> read("[1]")).getMessage());
        assertTrue(assertThrows(DescriptorException.class, () -> read("{\"models\": 3}")).getMessage()
                .startsWith("dep.json: not an openaccess descriptor: "));
    }

    @Test
    void refusesDeeplyNestedInput() {
        String deep = "[".repeat(1000) + "]".repeat(1000);
        DescriptorException e = assertThrows(DescriptorException.class, () -> read("{\"x\": " + deep + "}"));
        assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
    }

    private static Descriptor read(String json) throws DescriptorException {
        return DescriptorJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "dep.json");
    }

    @Test
    void theSampleMatchesTheSchema() {
        assertEquals(List.of(), DescriptorSchema.violations(DescriptorJson.toTree(sample())));
    }

    @Test
    void theSchemaRefusesWhatBreaksTheContract() {
        assertInvalid(tree -> tree.remove("readiness"));
        assertInvalid(tree -> ((ObjectNode) tree.get("readiness")).put("tier", "supercomputer"));
        assertInvalid(tree -> model(tree).put("format", "pickle"));
        assertInvalid(tree -> model(tree).put("path", "/home/me/model.safetensors"));
        assertInvalid(tree -> model(tree).put("path", "C:/models/m.safetensors"));
        assertInvalid(tree -> model(tree).put("path", "../outside/m.safetensors"));
        assertInvalid(tree -> model(tree).put("sha256", "not-a-digest"));
        assertInvalid(tree -> model(tree).put("sizeBytes", -1));
        assertInvalid(tree -> ((ObjectNode) tree.get("requirements").get("inference")).put("totalBytes", 1.5));
        assertInvalid(tree -> tree.put("schemaVersion", "2.0"));
    }

    private static ObjectNode model(JsonNode tree) {
        return (ObjectNode) tree.get("models").get(0);
    }

    private static void assertInvalid(java.util.function.Consumer<ObjectNode> breakIt) {
        ObjectNode tree = (ObjectNode) DescriptorJson.toTree(sample());
        breakIt.accept(tree);
        assertFalse(DescriptorSchema.violations(tree).isEmpty(), tree::toString);
        assertThrows(DescriptorException.class, () -> DescriptorSchema.requireValid(tree, "x.json"));
    }
}
