package dev.openaccess.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.Describer;
import dev.openaccess.core.SafetensorsBytes;
import dev.openaccess.core.descriptor.DescriptorJson;
import dev.openaccess.core.descriptor.DescriptorSchema;
import dev.openaccess.core.descriptor.ModelEntry;
import dev.openaccess.core.descriptor.Subject;
import dev.openaccess.core.estimate.EstimateSettings;
import dev.openaccess.core.estimate.HardwareCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sharded safetensors model (index + shards) is one model, counted from the shards' own headers. */
class ShardedSafetensorsTest {

    private static final String INDEX = "model.safetensors.index.json";
    private static final String SHARD_1 = "model-00001-of-00002.safetensors";
    private static final String SHARD_2 = "model-00002-of-00002.safetensors";

    @TempDir
    Path base;

    /** Shard 1: embed 32×8 BF16 (256) + norm 8 F32; shard 2: head 32×8 BF16 (256). */
    private Path shardedModel(String totalSize) throws IOException {
        Path folder = base.resolve("llama");
        new SafetensorsBytes().tensor("model.embed_tokens.weight", "BF16", 16, 32, 8)
                .tensor("model.norm.weight", "F32", 32, 8).writeTo(folder.resolve(SHARD_1));
        new SafetensorsBytes().tensor("lm_head.weight", "BF16", 16, 32, 8).writeTo(folder.resolve(SHARD_2));
        return Files.writeString(folder.resolve(INDEX), """
                {"metadata": {"total_size": %s},
                 "weight_map": {"model.embed_tokens.weight": "%s", "model.norm.weight": "%s",
                                "lm_head.weight": "%s"}}""".formatted(totalSize, SHARD_1, SHARD_1, SHARD_2));
    }

    private Describer.Result describe(String location) throws IOException {
        return new Describer().describe(new Describer.Request(base, List.of(location), true, List.of(),
                new Subject("g", "a", "1", "jar", null), null, EstimateSettings.defaults(), true,
                HardwareCatalog.defaults(), null));
    }

    @Test
    void anIndexAndItsShardsAreOneModel() throws IOException {
        shardedModel("1056"); // 512 + 32 + 512 bytes of tensors
        Describer.Result result = describe("llama");
        assertEquals(1, result.descriptor().models().size());
        ModelEntry model = result.descriptor().models().get(0);
        assertEquals("llama/" + INDEX, model.path());
        assertEquals("safetensors", model.format());
        assertEquals(Map.of("BF16", 512L, "F32", 8L), model.parameters().byDtype());
        assertEquals(520, model.parameters().total());
        assertEquals(1_056L, model.weightsBytes());
        assertEquals(3L, model.tensors());
        assertEquals(List.of("llama/" + SHARD_1, "llama/" + SHARD_2),
                model.shards().stream().map(ModelEntry.Shard::path).toList());
        assertEquals(Files.size(base.resolve("llama/" + SHARD_2)), model.shards().get(1).sizeBytes());
        assertEquals(64, model.shards().get(0).sha256().length());
        assertEquals(null, model.notes()); // the index matches the shards; only the estimate says what it lacks
        assertEquals(List.of("llama/" + INDEX + ": architecture unknown (no config.json beside the weights): KV cache,"
                + " activations and LoRA adapters not estimated"), result.warnings());
        assertEquals(List.of(), DescriptorSchema.violations(DescriptorJson.toTree(result.descriptor())));
    }

    @Test
    void aTotalSizeThatDisagreesIsReportedAndTheHeadersWin() throws IOException {
        shardedModel("2600000"); // a writer that put file sizes there
        ModelEntry model = describe("llama").descriptor().models().get(0);
        assertEquals(1_056L, model.weightsBytes());
        assertTrue(model.notes().get(0).contains("metadata.total_size says 2600000 bytes"), model.notes().toString());
    }

    @Test
    void aConfigBesideTheIndexSuppliesTheArchitecture() throws IOException {
        shardedModel("1056");
        Files.writeString(base.resolve("llama/config.json"), """
                {"model_type": "llama", "vocab_size": 32, "hidden_size": 8, "intermediate_size": 16,
                 "num_hidden_layers": 0, "num_attention_heads": 2, "max_position_embeddings": 64}""");
        ModelEntry model = describe("llama").descriptor().models().get(0);
        assertEquals("llama/config.json", model.configPath());
        assertEquals("llama", model.architecture().family());
        // 0 layers: embeddings 256 + head 256 + norm 8 = 520, as the shards hold: no disagreement
        assertEquals(null, model.notes());
    }

    @Test
    void missingOrEscapingShardsAreRefused() throws IOException {
        shardedModel("1056");
        Files.delete(base.resolve("llama/" + SHARD_2));
        ModelFormatException missing = assertThrows(ModelFormatException.class, () -> describe("llama"));
        assertEquals("llama/" + INDEX, missing.path());
        assertTrue(missing.problem().contains("names shard '" + SHARD_2 + "', which is missing"), missing.getMessage());

        Files.writeString(base.resolve("llama/" + INDEX), "{\"weight_map\": {\"w\": \"../../etc/model.safetensors\"}}");
        ModelFormatException escaping = assertThrows(ModelFormatException.class, () -> describe("llama"));
        assertTrue(escaping.problem().contains("not a file beside the index"), escaping.getMessage());

        Files.writeString(base.resolve("llama/" + INDEX), "{\"metadata\": {}}");
        ModelFormatException empty = assertThrows(ModelFormatException.class, () -> describe("llama"));
        assertTrue(empty.problem().contains("has no weight_map"), empty.getMessage());
    }

    @Test
    void shardsWhoseElementsOverflowTogetherAreRefused() throws IOException {
        // A dtype the format does not define has no width, so only its shape counts: 2^62 elements in each shard are
        // valid alone and overflow a 64-bit count together.
        String header = "{\"w%d\": {\"dtype\": \"X9\", \"shape\": [4611686018427387904], \"data_offsets\": [0, 0]}}";
        Path folder = Files.createDirectories(base.resolve("huge"));
        Files.write(folder.resolve(SHARD_1), SafetensorsBytes.withHeader(header.formatted(1), 0));
        Files.write(folder.resolve(SHARD_2), SafetensorsBytes.withHeader(header.formatted(2), 0));
        Files.writeString(folder.resolve(INDEX), """
                {"weight_map": {"w1": "%s", "w2": "%s"}}""".formatted(SHARD_1, SHARD_2));

        ModelFormatException overflow = assertThrows(ModelFormatException.class, () -> describe("huge"));
        assertEquals("huge/" + INDEX, overflow.path());
        assertTrue(overflow.problem().contains("its shards declare more than 2^63 - 1 elements in all"),
                overflow.getMessage());
    }
}
