package dev.openaccess.core;

import dev.openaccess.core.descriptor.Subject;
import dev.openaccess.core.estimate.EstimateSettings;
import dev.openaccess.core.estimate.HardwareCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tiny but real model folders for end-to-end tests, written byte by byte from the format specifications (no
 * production code involved): a safetensors file laid out like a Llama checkpoint with its config.json, and
 * config-only folders.
 *
 * <p>safetensors: 8 bytes little-endian {@code u64} header length N, N bytes of JSON header (padded with spaces
 * to a multiple of 8, as the reference writer does), then the tensors' bytes back to back.
 */
public final class TinyModels {

    private TinyModels() {
    }

    /** One F32 tensor: {@code name} with {@code shape}. */
    record Tensor(String name, long... shape) {

        long elements() {
            long n = 1;
            for (long dim : shape) {
                n *= dim;
            }
            return n;
        }
    }

    // The tiny Llama: vocab 32, hidden 8, 2 layers, 2 attention heads of dim 8 / 2 = 4, 1 KV head (grouped-query),
    // intermediate 16, context 64, untied LM head, stored in F32.
    public static final int VOCAB = 32;
    public static final int HIDDEN = 8;
    public static final int LAYERS = 2;
    public static final int HEADS = 2;
    public static final int KV_HEADS = 1;
    public static final int HEAD_DIM = HIDDEN / HEADS; // 4
    public static final int INTERMEDIATE = 16;
    public static final int CONTEXT = 64;

    /**
     * Parameters, summed by hand over the tensors below:
     * embed 32×8 = 256; per layer q 8×8 = 64, k 4×8 = 32, v 4×8 = 32, o 8×8 = 64, gate 16×8 = 128, up 16×8 = 128,
     * down 8×16 = 128, two RMSNorms 8 + 8 = 16 → 592 per layer, × 2 layers = 1,184; final norm 8; lm_head 32×8 =
     * 256. Total 256 + 1,184 + 8 + 256 = 1,704.
     */
    public static final long TINY_LLAMA_PARAMETERS = 1_704;
    /** 1,704 parameters × 4 bytes (F32) = 6,816. */
    public static final long TINY_LLAMA_WEIGHTS_BYTES = 6_816;
    /** 1 embedding + 2 layers × 9 + final norm + lm_head = 21. */
    public static final long TINY_LLAMA_TENSORS = 21;

    static final String TINY_LLAMA_CONFIG = """
            {
              "architectures": ["LlamaForCausalLM"],
              "model_type": "llama",
              "vocab_size": 32,
              "hidden_size": 8,
              "intermediate_size": 16,
              "num_hidden_layers": 2,
              "num_attention_heads": 2,
              "num_key_value_heads": 1,
              "max_position_embeddings": 64,
              "rms_norm_eps": 1e-06,
              "tie_word_embeddings": false,
              "torch_dtype": "float32"
            }
            """;

    /**
     * GPT-2 small as published on the Hugging Face hub (openai-community/gpt2 config.json, the fields that matter;
     * no torch_dtype, as in the original). Its published parameter count is 124,439,808.
     */
    static final String GPT2_CONFIG = """
            {
              "activation_function": "gelu_new",
              "architectures": ["GPT2LMHeadModel"],
              "model_type": "gpt2",
              "n_ctx": 1024,
              "n_embd": 768,
              "n_head": 12,
              "n_layer": 12,
              "n_positions": 1024,
              "vocab_size": 50257
            }
            """;

    /**
     * OPT-175B in the Hugging Face OPTConfig spelling (Zhang et al. 2022, Table 1): 96 layers, 96 heads, hidden
     * 12,288, FFN 49,152, context 2,048, fp16.
     */
    static final String OPT_175B_CONFIG = """
            {
              "architectures": ["OPTForCausalLM"],
              "model_type": "opt",
              "vocab_size": 50272,
              "hidden_size": 12288,
              "num_hidden_layers": 96,
              "num_attention_heads": 96,
              "ffn_dim": 49152,
              "max_position_embeddings": 2048,
              "word_embed_proj_dim": 12288,
              "do_layer_norm_before": true,
              "activation_function": "relu",
              "torch_dtype": "float16"
            }
            """;

    /**
     * Meta-Llama-3-8B's config.json (meta-llama/Meta-Llama-3-8B on the Hugging Face hub, the fields that matter):
     * 8,030,261,248 parameters, 32 layers, 8 KV heads of dim 128, context 8,192, bf16.
     */
    public static final String LLAMA_3_8B_CONFIG = """
            {
              "architectures": ["LlamaForCausalLM"],
              "model_type": "llama",
              "vocab_size": 128256,
              "hidden_size": 4096,
              "intermediate_size": 14336,
              "num_hidden_layers": 32,
              "num_attention_heads": 32,
              "num_key_value_heads": 8,
              "max_position_embeddings": 8192,
              "tie_word_embeddings": false,
              "torch_dtype": "bfloat16"
            }
            """;

    static List<Tensor> tinyLlamaTensors() {
        List<Tensor> tensors = new java.util.ArrayList<>();
        tensors.add(new Tensor("model.embed_tokens.weight", VOCAB, HIDDEN));
        for (int i = 0; i < LAYERS; i++) {
            String layer = "model.layers." + i + ".";
            tensors.add(new Tensor(layer + "self_attn.q_proj.weight", HEADS * HEAD_DIM, HIDDEN));
            tensors.add(new Tensor(layer + "self_attn.k_proj.weight", KV_HEADS * HEAD_DIM, HIDDEN));
            tensors.add(new Tensor(layer + "self_attn.v_proj.weight", KV_HEADS * HEAD_DIM, HIDDEN));
            tensors.add(new Tensor(layer + "self_attn.o_proj.weight", HIDDEN, HEADS * HEAD_DIM));
            tensors.add(new Tensor(layer + "mlp.gate_proj.weight", INTERMEDIATE, HIDDEN));
            tensors.add(new Tensor(layer + "mlp.up_proj.weight", INTERMEDIATE, HIDDEN));
            tensors.add(new Tensor(layer + "mlp.down_proj.weight", HIDDEN, INTERMEDIATE));
            tensors.add(new Tensor(layer + "input_layernorm.weight", HIDDEN));
            tensors.add(new Tensor(layer + "post_attention_layernorm.weight", HIDDEN));
        }
        tensors.add(new Tensor("model.norm.weight", HIDDEN));
        tensors.add(new Tensor("lm_head.weight", VOCAB, HIDDEN));
        return tensors;
    }

    /** The bytes of a safetensors file holding {@code tensors} in F32, with {@code __metadata__ {"format": "pt"}}. */
    static byte[] safetensorsF32(List<Tensor> tensors) {
        SafetensorsBytes file = new SafetensorsBytes().metadata("format", "pt");
        for (Tensor tensor : tensors) {
            file.tensor(tensor.name(), "F32", 32, tensor.shape());
        }
        return file.toBytes();
    }

    /** Writes {@code folder/model.safetensors} and {@code folder/config.json}; returns the safetensors bytes. */
    public static byte[] writeTinyLlama(Path folder) throws IOException {
        Files.createDirectories(folder);
        byte[] bytes = safetensorsF32(tinyLlamaTensors());
        Files.write(folder.resolve("model.safetensors"), bytes);
        Files.writeString(folder.resolve("config.json"), TINY_LLAMA_CONFIG, StandardCharsets.UTF_8);
        return bytes;
    }

    /** The bytes of the tiny Llama's safetensors file (F32, its tensors as {@link #writeTinyLlama} writes them). */
    public static byte[] tinyLlamaSafetensors() {
        return safetensorsF32(tinyLlamaTensors());
    }

    /** The tiny Llama's config.json. */
    public static String tinyLlamaConfig() {
        return TINY_LLAMA_CONFIG;
    }

    /** Writes a zip archive (a jar) holding {@code entries}, name to bytes, in their order; returns its path. */
    public static Path writeJar(Path jar, java.util.Map<String, byte[]> entries) throws IOException {
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return jar;
    }

    /** Writes {@code folder/config.json} with {@code json}. */
    public static Path writeConfig(Path folder, String json) throws IOException {
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve("config.json"), json, StandardCharsets.UTF_8);
    }

    public static Path writeGpt2Config(Path folder) throws IOException {
        return writeConfig(folder, GPT2_CONFIG);
    }

    public static Path writeOpt175bConfig(Path folder) throws IOException {
        return writeConfig(folder, OPT_175B_CONFIG);
    }

    /** A request as the describe goal makes it by default: named locations, batch 1, F16 KV cache, the default ladder. */
    public static Describer.Request request(Path baseDir, String location, boolean digest) {
        return new Describer.Request(baseDir, List.of(location), true, List.of(),
                new Subject("org.example", "tiny", "1.0", "jar", null), null, EstimateSettings.defaults(), digest,
                HardwareCatalog.defaults(), null);
    }
}
