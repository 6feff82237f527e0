package dev.openaccess.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.descriptor.Assumptions;
import dev.openaccess.core.descriptor.DecodeBound;
import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.DescriptorJson;
import dev.openaccess.core.descriptor.DescriptorSchema;
import dev.openaccess.core.descriptor.FineTuningMethod;
import dev.openaccess.core.descriptor.Inference;
import dev.openaccess.core.descriptor.ModelEntry;
import dev.openaccess.core.descriptor.Parameters;
import dev.openaccess.core.descriptor.ProfileFit;
import dev.openaccess.core.descriptor.Readiness.Persona;
import dev.openaccess.core.descriptor.Readiness.Personas;
import dev.openaccess.core.descriptor.Readiness;
import dev.openaccess.core.descriptor.Subject;
import dev.openaccess.core.descriptor.Tier;
import dev.openaccess.core.descriptor.Variant;
import dev.openaccess.core.estimate.EstimateSettings;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.KvCacheDtype;
import dev.openaccess.core.format.GgufBytes;
import dev.openaccess.core.format.ModelFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on real files: find, read header-only, estimate, assess, write JSON that the schema accepts. */
class DescriberTest {

    @TempDir
    Path base;

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private Descriptor describe(String location, boolean digest) throws IOException {
        return new Describer().describe(TinyModels.request(base, location, digest)).descriptor();
    }

    @Test
    void describesATinySafetensorsLlamaWithTheConfigBesideIt() throws Exception {
        byte[] weights = TinyModels.writeTinyLlama(base.resolve("model"));
        Describer.Result result = new Describer().describe(TinyModels.request(base, "model", true));
        assertEquals(List.of(), result.warnings());
        assertTrue(result.hasModels());
        Descriptor descriptor = result.descriptor();
        assertEquals("1.0", descriptor.schemaVersion());
        assertEquals(new Subject("org.example", "tiny", "1.0", "jar", null), descriptor.subject(),
                "no artifact file: no subject digest");
        assertEquals(Generators.NAME, descriptor.generator().name());
        assertFalse(descriptor.generator().version().contains("${"), "the version is filtered in at build time");

        assertEquals(1, descriptor.models().size(), "config.json describes the weights beside it, not a model of its own");
        ModelEntry model = descriptor.models().get(0);
        assertEquals("model/model.safetensors", model.path());
        assertEquals("safetensors", model.format());
        assertEquals(weights.length, model.sizeBytes());
        assertEquals(sha256(Files.readAllBytes(base.resolve("model/model.safetensors"))), model.sha256());
        assertEquals(sha256(weights), model.sha256());
        assertEquals("model/config.json", model.configPath());
        // from config.json: head dim = hidden 8 / 2 heads = 4; no sliding_window key; a gated MLP of 16
        assertEquals(new Architecture("llama", 2, 8, 2, 1, 4, 32, 64, null, null, null, Architecture.DECODER, 16,
                true), model.architecture());
        // from the tensor headers (see TinyModels for the sum)
        assertEquals(new Parameters(1_704, 1_704, Map.of("F32", 1_704L), true), model.parameters());
        assertEquals(6_816L, model.weightsBytes());
        assertEquals(21L, model.tensors());
        assertEquals(Map.of("format", "pt"), model.metadata());

        Assumptions assumptions = descriptor.requirements().assumptions();
        assertEquals(64, assumptions.contextLength(), "the model's own context");
        assertEquals(1, assumptions.batchSize());
        assertEquals("F16", assumptions.kvCacheDtype());
        assertEquals(64, assumptions.fineTuning().sequenceLength(), "2,048 capped at the model's context");
        assertNull(assumptions.notes());

        Inference inference = descriptor.requirements().inference();
        // KV per token: 2 × 2 layers × 1 KV head × 4 head dim × 2 bytes = 32; × 64 tokens = 2,048
        assertEquals(32L, inference.kvCacheBytesPerToken());
        assertEquals(2_048L, inference.kvCacheBytes());
        assertEquals(6_816L, inference.weightsBytes());
        // activations: 64 tokens × (3 × 8 + 2 × 8 + 2 × 4 + 3 × 16 = 96) × 4 bytes (fp32) = 24,576 + logits 4 × 32
        // = 24,704; overhead 24,704 + 335,544,320 runtime (PyTorch's resident part) = 335,569,024
        assertEquals(24_704L, inference.activationsBytes());
        assertEquals(335_569_024L, inference.overheadBytes());
        assertEquals(335_577_888L, inference.totalBytes()); // 6,816 + 2,048 + 335,569,024
        assertEquals("laptop-16gb", inference.minimumProfile());
        // bf16: 1,704 × 2 = 3,408 → 3,408 + 2,048 + 335,569,024 = 335,574,480
        // int8: ceil(1,704 / 32) = 54 blocks × 34 = 1,836 → 335,572,908; int4: 54 × 18 = 972 → 335,572,044
        assertEquals(List.of(
                new Variant("fp32", true, 6_816, 335_577_888, "laptop-16gb"),
                new Variant("bf16", false, 3_408, 335_574_480, "laptop-16gb"),
                new Variant("int8", false, 1_836, 335_572_908, "laptop-16gb"),
                new Variant("int4", false, 972, 335_572_044, "laptop-16gb")), inference.variants());
        // decode: bandwidth alone would allow 89,600,000,000 B/s / (6,816 weights + 2,048 KV) = 10,108,303 tokens/s
        // on the laptop and 26,800,000,000,000 / 8,864 = 3,023,465,704 on 8× H100, but a step of 2 layers is a
        // graph of 31 × 2 + 6 = 68 nodes, at least 68 × 0.5 µs = 34 µs: 29,411.8 tokens/s on every profile
        List<ProfileFit> profiles = descriptor.requirements().profiles();
        assertEquals(5, profiles.size());
        assertTrue(profiles.stream().allMatch(ProfileFit::fitsInference));
        // the compute bound is far above: 844.8e9 FLOP/s / (2 × 1,704 + the attention's few thousand FLOPs)
        assertEquals(new ProfileFit("laptop-16gb", true, true, List.of(FineTuningMethod.FULL, FineTuningMethod.LORA,
                FineTuningMethod.QLORA), false, 29_411.8, DecodeBound.DISPATCH), profiles.get(0),
                "fine-tuning fits the laptop's CPU; training from scratch needs a GPU");
        assertEquals(new ProfileFit("8x-h100-80gb", true, true, List.of(FineTuningMethod.FULL, FineTuningMethod.LORA,
                FineTuningMethod.QLORA), true, 29_411.8, DecodeBound.DISPATCH), profiles.get(4));

        // every persona fine-tunes it fully on the laptop and retrains it on the RTX 4090 (34,080 tokens assumed)
        Persona everyone = new Persona(true, "laptop-16gb", true, FineTuningMethod.FULL, "laptop-16gb", true);
        assertEquals(new Readiness(Tier.LAPTOP, new Personas(everyone, everyone, everyone), List.of()),
                descriptor.readiness());

        assertEquals(List.of(), DescriptorSchema.violations(DescriptorJson.toTree(descriptor)));
        assertEquals(List.of(), DescriptorSchema.violations(DescriptorJson.readTree(
                new java.io.ByteArrayInputStream(DescriptorJson.toBytes(descriptor)), "written")));
    }

    @Test
    void describingTwiceGivesTheSameBytesWhereverTheProjectLies() throws IOException {
        TinyModels.writeTinyLlama(base.resolve("a/model"));
        TinyModels.writeTinyLlama(base.resolve("b/model"));
        Describer describer = new Describer();
        byte[] first = DescriptorJson.toBytes(describer.describe(TinyModels.request(base.resolve("a"), "model", true))
                .descriptor());
        byte[] second = DescriptorJson.toBytes(describer.describe(TinyModels.request(base.resolve("a"), "model", true))
                .descriptor());
        byte[] elsewhere = DescriptorJson.toBytes(new Describer().describe(TinyModels.request(base.resolve("b"),
                "model", true)).descriptor());
        assertArrayEquals(first, second);
        assertArrayEquals(first, elsewhere, "no absolute path or other trace of where the build ran");
        String json = new String(first, StandardCharsets.UTF_8);
        assertFalse(json.contains(base.toString()), json);
        assertFalse(json.contains(base.toString().replace('\\', '/')), json);
    }

    @Test
    void withoutDigestsThereIsNoSha256() throws IOException {
        TinyModels.writeTinyLlama(base.resolve("model"));
        Path artifact = Files.write(base.resolve("tiny-1.0.jar"), new byte[] {'P', 'K', 3, 4});
        Describer.Request request = new Describer.Request(base, List.of("model"), true, List.of(),
                new Subject("org.example", "tiny", "1.0", "jar", null), artifact, EstimateSettings.defaults(), false,
                HardwareCatalog.defaults(), null);
        Descriptor descriptor = new Describer().describe(request).descriptor();
        assertNull(descriptor.models().get(0).sha256());
        assertNull(descriptor.subject().sha256());
        String json = DescriptorJson.toString(descriptor);
        assertFalse(json.contains("sha256"), json);
        assertEquals(List.of(), DescriptorSchema.violations(DescriptorJson.toTree(descriptor)));
    }

    @Test
    void theArtifactIsDigestedWhenThereIsOne() throws Exception {
        TinyModels.writeTinyLlama(base.resolve("model"));
        byte[] jar = {'P', 'K', 3, 4, 0, 0, 1, 2, 3};
        Path artifact = Files.write(base.resolve("tiny-1.0.jar"), jar);
        Describer.Request request = new Describer.Request(base, List.of("model"), true, List.of(),
                new Subject("org.example", "tiny", "1.0", "jar", null), artifact, EstimateSettings.defaults(), true,
                HardwareCatalog.defaults(), null);
        assertEquals(sha256(jar), new Describer().describe(request).descriptor().subject().sha256());
    }

    @Test
    void assumptionsComeFromTheRequest() throws IOException {
        TinyModels.writeTinyLlama(base.resolve("model"));
        Describer.Request request = new Describer.Request(base, List.of("model"), true, List.of(),
                new Subject("g", "a", "1", "jar", null), null,
                EstimateSettings.defaults().withInference(16, 3, KvCacheDtype.F32), false,
                HardwareCatalog.defaults(), null);
        Descriptor descriptor = new Describer().describe(request).descriptor();
        Assumptions assumptions = descriptor.requirements().assumptions();
        assertEquals(16, assumptions.contextLength());
        assertEquals(3, assumptions.batchSize());
        assertEquals("F32", assumptions.kvCacheDtype());
        // 2 × 2 × 1 × 4 × 4 bytes = 64 per token; × 16 tokens × 3 sequences = 3,072
        assertEquals(64L, descriptor.requirements().inference().kvCacheBytesPerToken());
        assertEquals(3_072L, descriptor.requirements().inference().kvCacheBytes());
    }

    @Test
    void aConfigOnlyFolderGivesDerivedCounts() throws IOException {
        TinyModels.writeGpt2Config(base.resolve("gpt2"));
        Describer.Result result = new Describer().describe(TinyModels.request(base, "gpt2", true));
        Descriptor descriptor = result.descriptor();
        ModelEntry model = descriptor.models().get(0);
        assertEquals("gpt2/config.json", model.path());
        assertEquals("hf-config", model.format());
        assertEquals(Files.size(base.resolve("gpt2/config.json")), model.sizeBytes());
        assertNull(model.configPath(), "the config is the model here");
        assertNull(model.tensors());
        // GPT-2 small, published as 124,439,808 parameters: per block LN 1,536 + c_attn 768×2,304+2,304 = 1,771,776
        // + c_proj 768×768+768 = 590,592 + LN 1,536 + c_fc 768×3,072+3,072 = 2,362,368 + c_proj 3,072×768+768 =
        // 2,360,064 → 7,087,872; × 12 = 85,054,464; + wte 50,257×768 = 38,597,376 + wpe 1,024×768 = 786,432 +
        // ln_f 1,536 = 124,439,808
        assertEquals(new Parameters(124_439_808L, 124_439_808L, Map.of("F32", 124_439_808L), false), model.parameters());
        assertEquals(497_759_232L, model.weightsBytes(), "no torch_dtype: F32, 4 bytes each");
        assertEquals(new Architecture("gpt2", 12, 768, 12, 12, 64, 50257, 1024, null, null, null,
                Architecture.DECODER, 3072, false), model.architecture());
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("torch_dtype")), result.warnings()::toString);
        // KV 2 × 12 × 12 × 64 × 2 = 36,864 per token × 1,024 = 37,748,736; activations 512 tokens × (3 × 768 +
        // 4 × 768 + 3,072 = 8,448) × 4 + logits 4 × 50,257 = 17,502,532; total 497,759,232 + 37,748,736 +
        // 17,502,532 + 335,544,320 (transformers' 320 MiB) = 888,554,820
        assertEquals(36_864L, descriptor.requirements().inference().kvCacheBytesPerToken());
        assertEquals(888_554_820L, descriptor.requirements().inference().totalBytes());
        assertEquals(Tier.LAPTOP, descriptor.readiness().tier());
        assertEquals(List.of(), DescriptorSchema.violations(DescriptorJson.toTree(descriptor)));
    }

    @Test
    void describesAGgufFileFromItsOwnHeader() throws IOException {
        // llama, 2 layers, hidden 8, 2 heads of 8 / 2 = 4, 1 KV head, vocab 32, context 64; two F32 tensors
        byte[] file = new GgufBytes().string("general.architecture", "llama").string("general.name", "tiny")
                .u32("llama.block_count", 2).u32("llama.context_length", 64).u32("llama.embedding_length", 8)
                .u32("llama.attention.head_count", 2).u32("llama.attention.head_count_kv", 1)
                .u32("llama.vocab_size", 32).u32("llama.feed_forward_length", 16)
                .tensor("token_embd.weight", 0, 1_024, 8, 32)  // F32: 256 elements × 4 bytes
                .tensor("output_norm.weight", 0, 32, 8)        // F32: 8 × 4
                .toBytes();
        Files.createDirectories(base.resolve("gguf"));
        Files.write(base.resolve("gguf/tiny.gguf"), file);
        Describer.Result result = new Describer().describe(TinyModels.request(base, "gguf", true));
        assertEquals(List.of(), result.warnings());
        Descriptor descriptor = result.descriptor();
        ModelEntry model = descriptor.models().get(0);
        assertEquals("gguf/tiny.gguf", model.path());
        assertEquals("gguf", model.format());
        assertEquals(file.length, model.sizeBytes());
        assertEquals(new Architecture("llama", 2, 8, 2, 1, 4, 32, 64, null, null, null, Architecture.DECODER, 16,
                true),
                model.architecture());
        assertEquals(new Parameters(264, 264, Map.of("F32", 264L), true), model.parameters()); // 256 + 8
        assertEquals(1_056L, model.weightsBytes()); // 264 × 4
        assertEquals(2L, model.tensors());
        assertEquals("tiny", model.metadata().get("general.name"));
        // KV per token: 2 × 2 layers × 1 KV head × 4 head dim × 2 bytes = 32; × 64 tokens = 2,048
        assertEquals(32L, descriptor.requirements().inference().kvCacheBytesPerToken());
        // llama.cpp (GGUF's runtime) pads the context to 256 cells and clears them all: 256 × 32 = 8,192
        assertEquals(8_192L, descriptor.requirements().inference().kvCacheBytes());
        assertEquals("llama.cpp", descriptor.requirements().assumptions().runtime());
        assertEquals(List.of(), DescriptorSchema.violations(DescriptorJson.toTree(descriptor)));
    }

    @Test
    void weightsAndAConfigThatDisagreeAreReportedNotHidden() throws IOException {
        TinyModels.writeTinyLlama(base.resolve("model"));
        // per layer q 64 + k 32 + v 32 + o 64 + MLP 3 × 8 × 16 + norms 16 = 592; embeddings and head 2 × 32 × 8 + norm 8
        // = 520: the weights hold 520 + 2 × 592 = 1,704, the same config with 4 layers implies 520 + 4 × 592 = 2,888
        TinyModels.writeConfig(base.resolve("model"), TinyModels.TINY_LLAMA_CONFIG
                .replace("\"num_hidden_layers\": 2", "\"num_hidden_layers\": 4"));
        Describer.Result result = new Describer().describe(TinyModels.request(base, "model", false));
        ModelEntry model = result.descriptor().models().get(0);
        assertEquals(TinyModels.TINY_LLAMA_PARAMETERS, model.parameters().total(), "the counts are the weights'");
        assertEquals(4, model.architecture().layers(), "the architecture is the config's");
        assertEquals(1, model.notes().size());
        assertTrue(model.notes().get(0).startsWith("model/model.safetensors: the weights hold 1704 parameters but"
                + " model/config.json describes a model of 2888 (-41.0%)"), model.notes().get(0));
        assertTrue(result.warnings().contains(model.notes().get(0)));
    }

    @Test
    void aGgufFileKeepsItsOwnArchitectureBesideAConfig() throws IOException {
        byte[] file = new GgufBytes().string("general.architecture", "llama")
                .u32("llama.block_count", 2).u32("llama.context_length", 64).u32("llama.embedding_length", 8)
                .u32("llama.attention.head_count", 2).u32("llama.attention.head_count_kv", 1)
                .tensor("token_embd.weight", 0, 1_024, 8, 32)
                .toBytes();
        Files.createDirectories(base.resolve("gguf"));
        Files.write(base.resolve("gguf/tiny.gguf"), file);
        TinyModels.writeGpt2Config(base.resolve("gguf")); // a stray config of another model: not the authority
        ModelEntry model = describe("gguf", false).models().get(0);
        assertEquals("llama", model.architecture().family());
        assertEquals(2, model.architecture().layers());
        assertEquals(null, model.configPath());
    }

    @Test
    void theOpt175bConfigNeedsAMultiGpuNode() throws IOException {
        TinyModels.writeOpt175bConfig(base.resolve("opt-175b"));
        Descriptor descriptor = describe("opt-175b", true);
        ModelEntry model = descriptor.models().get(0);
        // per layer: q, k, v, out 4 × (12,288² + 12,288) = 604,028,928; fc1 12,288×49,152+49,152 = 604,028,928;
        // fc2 49,152×12,288+12,288 = 603,992,064; two LayerNorms 49,152 → 1,812,099,072; × 96 = 173,961,510,912;
        // + tokens 50,272×12,288 = 617,742,336 + positions (2,048+2)×12,288 = 25,190,400 + final LN 24,576
        // = 174,604,468,224
        assertEquals(174_604_468_224L, model.parameters().total());
        assertFalse(model.parameters().exact());
        assertEquals(349_208_936_448L, model.weightsBytes());
        assertEquals(359_346_770_304L, descriptor.requirements().inference().totalBytes()); // ReadinessAssessorTest
        assertEquals("8x-h100-80gb", descriptor.requirements().inference().minimumProfile());
        assertEquals(Tier.MULTI_GPU_NODE, descriptor.readiness().tier());
        assertTrue(descriptor.readiness().blockers().contains(
                "fp16 weights alone need 325.2 GiB; the largest single GPU in the catalog (h200-141gb) has 141.0 GiB"));
        assertTrue(descriptor.readiness().blockers().contains(
                "quantized to int4, the weights (91.5 GiB; 100.9 GiB in all) would fit one h200-141gb"));
        assertEquals(List.of(), DescriptorSchema.violations(DescriptorJson.toTree(descriptor)));
    }

    @Test
    void aModelWhoseCountsOverflowTheEstimateIsRefusedNamingIt() throws IOException {
        // Found by fuzzing: a small GGUF in a jar made the estimator throw ArithmeticException.
        try (var in = getClass().getResourceAsStream(
                "/dev/openaccess/core/fuzz/ReaderFuzzTestInputs/archive/estimate-overflow")) {
            Files.write(base.resolve("model.jar"), in.readAllBytes());
        }
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> new Describer().describe(TinyModels.request(base, "model.jar", false)));
        assertTrue(e.path().startsWith("model.jar!/"), e.getMessage());
        assertTrue(e.problem().contains("more parameters or bytes than a 64-bit estimate can count"), e.getMessage());
    }
}
