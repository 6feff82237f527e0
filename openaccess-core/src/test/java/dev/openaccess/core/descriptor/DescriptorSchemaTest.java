package dev.openaccess.core.descriptor;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openaccess.core.Describer;
import dev.openaccess.core.TinyModels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped JSON Schema accepts what the Describer writes and refuses what breaks the contract. */
class DescriptorSchemaTest {

    @TempDir
    Path base;

    private ObjectNode valid;

    @BeforeEach
    void describeTinyLlama() throws IOException {
        TinyModels.writeTinyLlama(base.resolve("model"));
        Descriptor descriptor = new Describer().describe(TinyModels.request(base, "model", true)).descriptor();
        valid = (ObjectNode) DescriptorJson.toTree(descriptor);
    }

    private ObjectNode model(ObjectNode tree) {
        return (ObjectNode) tree.withArray("models").get(0);
    }

    private List<String> violationsAfter(Consumer<ObjectNode> change) {
        ObjectNode copy = valid.deepCopy();
        change.accept(copy);
        return DescriptorSchema.violations(copy);
    }

    private void assertRefused(String mentioning, Consumer<ObjectNode> change) {
        List<String> violations = violationsAfter(change);
        assertFalse(violations.isEmpty(), "accepted a descriptor that should break: " + mentioning);
        assertTrue(violations.stream().anyMatch(v -> v.contains(mentioning)), violations::toString);
    }

    @Test
    void acceptsWhatTheDescriberWrites() throws Exception {
        assertEquals(List.of(), DescriptorSchema.violations(valid));
        assertDoesNotThrow(() -> DescriptorSchema.requireValid(valid, "tiny"));
        // the full descriptor has models with architecture, parameters, digests, variants, profiles and personas
        assertTrue(model(valid).has("sha256"));
        assertTrue(model(valid).has("architecture"));
        assertEquals(4, valid.at("/requirements/inference/variants").size());
        assertEquals(5, valid.at("/requirements/profiles").size());
    }

    @Test
    void acceptsConfigOnlyAndMultiGpuDescriptorsToo() throws IOException {
        TinyModels.writeGpt2Config(base.resolve("gpt2"));
        TinyModels.writeOpt175bConfig(base.resolve("opt"));
        for (String location : List.of("gpt2", "opt")) {
            Descriptor descriptor = new Describer().describe(TinyModels.request(base, location, false)).descriptor();
            assertEquals(List.of(), DescriptorSchema.violations(DescriptorJson.toTree(descriptor)), location);
        }
    }

    @Test
    void acceptsTheHandMadeDescriptorWithEveryOptionalPart() {
        assertEquals(List.of(), DescriptorSchema.violations(DescriptorJson.toTree(DescriptorJsonTest.handMade())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"schemaVersion", "subject", "generator", "models", "requirements", "readiness"})
    void refusesAMissingTopLevelField(String field) {
        assertRefused(field, tree -> tree.remove(field));
    }

    @ParameterizedTest
    @ValueSource(strings = {"path", "format", "sizeBytes", "parameters"})
    void refusesAModelWithoutARequiredField(String field) {
        assertRefused(field, tree -> model(tree).remove(field));
    }

    @Test
    void refusesOtherMissingRequiredFields() {
        assertRefused("totalBytes", tree -> ((ObjectNode) tree.at("/requirements/inference")).remove("totalBytes"));
        assertRefused("tier", tree -> ((ObjectNode) tree.at("/readiness")).remove("tier"));
        assertRefused("blockers", tree -> ((ObjectNode) tree.at("/readiness")).remove("blockers"));
        assertRefused("exact", tree -> ((ObjectNode) model(tree).get("parameters")).remove("exact"));
        assertRefused("artifactId", tree -> ((ObjectNode) tree.get("subject")).remove("artifactId"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"supercomputer", "Laptop", "multi_gpu_node", ""})
    void refusesABadTier(String tier) {
        assertRefused("tier", tree -> ((ObjectNode) tree.get("readiness")).put("tier", tier));
    }

    @Test
    void acceptsEveryTierOfTheLadder() {
        for (String tier : List.of("laptop", "single-consumer-gpu", "single-datacenter-gpu", "multi-gpu-node",
                "cluster")) {
            assertEquals(List.of(), violationsAfter(tree -> ((ObjectNode) tree.get("readiness")).put("tier", tier)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"caffe", "SAFETENSORS", "pickle", "ggml", ""})
    void refusesABadFormat(String format) {
        assertRefused("format", tree -> model(tree).put("format", format));
    }

    @Test
    void acceptsEveryFormatOfTheContract() {
        for (String format : List.of("safetensors", "gguf", "onnx", "hf-config", "npy", "npz", "tflite", "pytorch",
                "torchscript", "savedmodel", "keras", "tfjs", "openvino")) {
            assertEquals(List.of(), violationsAfter(tree -> model(tree).put("format", format)), format);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/home/me/model.safetensors", "\\\\server\\share\\m.safetensors", "C:/models/m.safetensors",
        "c:\\m.safetensors", "../model.safetensors", "models/../../etc/passwd", "a/..", "..", "a\\..\\b", ""})
    void refusesAbsoluteAndEscapingPaths(String path) {
        assertRefused("path", tree -> model(tree).put("path", path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"model/model.safetensors", "archive.jar!/weights/model.safetensors", "a/..b/c",
        "..hidden/x", "x..y"})
    void acceptsRelativePaths(String path) {
        assertEquals(List.of(), violationsAfter(tree -> model(tree).put("path", path)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
        "g123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void refusesAMalformedSha256(String sha256) {
        assertRefused("sha256", tree -> model(tree).put("sha256", sha256));
        assertRefused("sha256", tree -> ((ObjectNode) tree.get("subject")).put("sha256", sha256));
    }

    @Test
    void refusesNegativeBytesAndCounts() {
        assertRefused("sizeBytes", tree -> model(tree).put("sizeBytes", -1));
        assertRefused("weightsBytes", tree -> model(tree).put("weightsBytes", -6816));
        assertRefused("totalBytes", tree -> ((ObjectNode) tree.at("/requirements/inference")).put("totalBytes", -1));
        assertRefused("kvCacheBytes", tree -> ((ObjectNode) tree.at("/requirements/inference")).put("kvCacheBytes", -2));
        assertRefused("totalBytes", tree -> ((ObjectNode) tree.at("/requirements/inference/variants/0"))
                .put("totalBytes", -3));
        assertRefused("total", tree -> ((ObjectNode) model(tree).get("parameters")).put("total", -1));
        assertRefused("sizeBytes", tree -> model(tree).put("sizeBytes", 1.5));
    }

    @Test
    void refusesOtherBreaches() {
        assertRefused("schemaVersion", tree -> tree.put("schemaVersion", "2.0"));
        assertRefused("minimumProfile", tree -> ((ObjectNode) tree.at("/requirements/inference"))
                .put("minimumProfile", "H100 80GB"));
        assertRefused("batchSize", tree -> ((ObjectNode) tree.at("/requirements/assumptions")).put("batchSize", 0));
        assertRefused("models", tree -> tree.put("models", "none"));
        assertRefused("canRunInference", tree -> ((ObjectNode) tree.at("/readiness/personas/lab"))
                .put("canRunInference", "yes"));
        assertRefused("blockers", tree -> ((ArrayNode) tree.at("/readiness/blockers")).add(42));
    }

    @Test
    void requireValidNamesTheSourceAndEveryViolation() {
        ObjectNode broken = valid.deepCopy();
        ((ObjectNode) broken.get("readiness")).put("tier", "supercomputer");
        model(broken).put("sha256", "xyz");
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> DescriptorSchema.requireValid(broken, "org.example:tiny:1.0"));
        assertTrue(e.getMessage().startsWith("org.example:tiny:1.0: does not match the openaccess descriptor schema 1.0"),
                e.getMessage());
        assertTrue(e.getMessage().contains("tier"), e.getMessage());
        assertTrue(e.getMessage().contains("sha256"), e.getMessage());
    }

    @Test
    void theSchemaIsShippedWhereItsConstantSays() throws IOException {
        try (InputStream in = DescriptorSchema.class.getResourceAsStream(DescriptorSchema.RESOURCE)) {
            JsonNode schema = DescriptorJson.readTree(in, DescriptorSchema.RESOURCE);
            assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
        } catch (DescriptorException e) {
            throw new AssertionError(e);
        }
    }
}
