package dev.openaccess.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.DescriptorJson;
import dev.openaccess.core.descriptor.DescriptorSchema;
import dev.openaccess.core.descriptor.ModelEntry;
import dev.openaccess.core.descriptor.Subject;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.KvCacheDtype;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescriberTest {

    private static final Subject SUBJECT = new Subject("com.example", "tiny", "1.0", "jar", null);

    @TempDir
    Path project;

    private Describer.Result describe(List<String> locations, boolean digest, Path artifact) throws IOException {
        return new Describer().describe(new Describer.Request(project, locations, true, List.of(project.resolve("target")),
                SUBJECT, artifact, null, 1, KvCacheDtype.F16, digest, HardwareCatalog.defaults()));
    }

    private Path tinyLlama() throws IOException {
        Path folder = project.resolve("src/main/resources/model");
        new SafetensorsBytes().metadata("format", "pt")
                .tensor("model.embed_tokens.weight", "BF16", 16, 256, 64)
                .tensor("model.layers.0.self_attn.q_proj.weight", "BF16", 16, 64, 64)
                .tensor("model.norm.weight", "F32", 32, 64)
                .writeTo(folder.resolve("model.safetensors"));
        Files.writeString(folder.resolve("config.json"), """
                {"model_type": "llama", "vocab_size": 256, "hidden_size": 64, "intermediate_size": 128,
                 "num_hidden_layers": 1, "num_attention_heads": 4, "num_key_value_heads": 2,
                 "max_position_embeddings": 1024, "torch_dtype": "bfloat16"}""");
        return folder.resolve("model.safetensors");
    }

    @Test
    void describesAModelFolderAsOneModel() throws IOException {
        Path weights = tinyLlama();
        Files.createDirectories(project.resolve("target/classes"));
        Path jar = Files.write(project.resolve("target/tiny-1.0.jar"), new byte[] {'P', 'K', 3, 4});
        Files.copy(weights, project.resolve("target/classes/model.safetensors")); // a copy the build makes
        Describer.Result result = describe(List.of("src/main/resources"), true, jar);
        Descriptor descriptor = result.descriptor();

        assertEquals("1.0", descriptor.schemaVersion());
        assertEquals(new Subject("com.example", "tiny", "1.0", "jar", sha256(jar)), descriptor.subject());
        assertEquals("openaccess", descriptor.generator().name());
        assertEquals(1, descriptor.models().size());
        ModelEntry model = descriptor.models().get(0);
        assertEquals("src/main/resources/model/model.safetensors", model.path());
        assertEquals("safetensors", model.format());
        assertEquals(Files.size(weights), model.sizeBytes());
        assertEquals(sha256(weights), model.sha256());
        assertEquals("src/main/resources/model/config.json", model.configPath());
        assertEquals(new Architecture("llama", 1, 64, 4, 2, 16, 256, 1024, null, null, null, "decoder"),
                model.architecture());
        // 256×64 + 64×64 BF16 and 64 F32, from the tensor headers
        assertEquals(16_384 + 4_096 + 64, model.parameters().total());
        assertEquals(Map.of("BF16", 20_480L, "F32", 64L), model.parameters().byDtype());
        assertTrue(model.parameters().exact());
        assertEquals(2 * 20_480 + 4 * 64, model.weightsBytes());
        assertEquals(3, model.tensors());
        assertEquals(Map.of("format", "pt"), model.metadata());

        // 2 × 1 layer × 2 KV heads × 16 × 2 bytes = 128 bytes per token, at the model's 1024 tokens
        assertEquals(128L, descriptor.requirements().inference().kvCacheBytesPerToken());
        assertEquals(128L * 1024, descriptor.requirements().inference().kvCacheBytes());
        assertEquals("laptop", descriptor.readiness().tier());
        assertEquals(List.of(), DescriptorSchema.violations(DescriptorJson.toTree(descriptor)));
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void sameInputsGiveTheSameBytes() throws IOException {
        tinyLlama();
        byte[] first = DescriptorJson.toBytes(describe(List.of("src/main/resources"), true, null).descriptor());
        byte[] second = DescriptorJson.toBytes(describe(List.of("src/main/resources"), true, null).descriptor());
        assertArrayEquals(first, second);
        String json = new String(first, java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(json.contains(project.toString()), "no absolute paths");
    }

    @Test
    void digestsCanBeSwitchedOff() throws IOException {
        tinyLlama();
        Descriptor descriptor = describe(List.of("src/main/resources"), false, null).descriptor();
        assertNull(descriptor.models().get(0).sha256());
        assertNull(descriptor.subject().sha256());
        assertFalse(DescriptorJson.toString(descriptor).contains("sha256"));
    }

    @Test
    void aConfigOnlyFolderIsDescribedFromTheConfig() throws IOException {
        Files.createDirectories(project.resolve("gpt2"));
        Files.writeString(project.resolve("gpt2/config.json"), """
                {"model_type": "gpt2", "vocab_size": 50257, "n_positions": 1024, "n_embd": 768, "n_layer": 12,
                 "n_head": 12}""");
        Describer.Result result = describe(List.of("gpt2"), true, null);
        ModelEntry model = result.descriptor().models().get(0);
        assertEquals("hf-config", model.format());
        assertEquals(124_439_808L, model.parameters().total());
        assertFalse(model.parameters().exact());
        assertTrue(result.warnings().get(0).contains("no torch_dtype declared"));
        List<String> summary = DescriptorSummary.lines(result.descriptor());
        assertTrue(summary.get(0).contains("124,439,808 (124 M) parameters (from config)"), summary.toString());
        assertTrue(summary.stream().anyMatch(line -> line.equals("Tier: laptop (minimum profile: laptop-16gb)")));
    }

    @Test
    void theSummaryRepeatsTheDescriptorsFigures() throws IOException {
        tinyLlama();
        Descriptor descriptor = describe(List.of("src/main/resources"), false, null).descriptor();
        List<String> lines = DescriptorSummary.lines(descriptor);
        assertEquals("Model src/main/resources/model/model.safetensors (safetensors llama): 20,544 (20.5 K) parameters,"
                + " BF16/F32, weights 40.3 KiB", lines.get(0));
        var inference = descriptor.requirements().inference();
        assertTrue(lines.get(1).startsWith("Inference memory: " + dev.openaccess.core.estimate.Bytes.human(
                inference.totalBytes()) + " = weights 40.3 KiB + KV cache 128.0 KiB"), lines.get(1));
        assertTrue(lines.get(1).endsWith("(context 1024, batch 1, KV F16)"), lines.get(1));
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
