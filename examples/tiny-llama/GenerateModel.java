import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the example's tiny Llama model: real safetensors bytes with Hugging Face tensor names, BF16 weights drawn
 * from a fixed-seed generator (so the file is the same on every run), and the config.json beside it.
 *
 * <p>Run from this folder: {@code java GenerateModel.java}. The files it writes are committed; this program only
 * shows where they come from.
 */
public class GenerateModel {

    static final int VOCAB = 256, HIDDEN = 64, LAYERS = 2, HEADS = 4, KV_HEADS = 2, INTERMEDIATE = 172, CONTEXT = 2048;
    static final int HEAD_DIM = HIDDEN / HEADS;

    public static void main(String[] args) throws IOException {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("model.embed_tokens.weight", new int[] {VOCAB, HIDDEN});
        for (int layer = 0; layer < LAYERS; layer++) {
            String p = "model.layers." + layer + ".";
            shapes.put(p + "input_layernorm.weight", new int[] {HIDDEN});
            shapes.put(p + "self_attn.q_proj.weight", new int[] {HEADS * HEAD_DIM, HIDDEN});
            shapes.put(p + "self_attn.k_proj.weight", new int[] {KV_HEADS * HEAD_DIM, HIDDEN});
            shapes.put(p + "self_attn.v_proj.weight", new int[] {KV_HEADS * HEAD_DIM, HIDDEN});
            shapes.put(p + "self_attn.o_proj.weight", new int[] {HIDDEN, HEADS * HEAD_DIM});
            shapes.put(p + "post_attention_layernorm.weight", new int[] {HIDDEN});
            shapes.put(p + "mlp.gate_proj.weight", new int[] {INTERMEDIATE, HIDDEN});
            shapes.put(p + "mlp.up_proj.weight", new int[] {INTERMEDIATE, HIDDEN});
            shapes.put(p + "mlp.down_proj.weight", new int[] {HIDDEN, INTERMEDIATE});
        }
        shapes.put("model.norm.weight", new int[] {HIDDEN});
        shapes.put("lm_head.weight", new int[] {VOCAB, HIDDEN});

        StringBuilder header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        List<int[]> order = new ArrayList<>();
        long offset = 0;
        for (var entry : shapes.entrySet()) {
            long bytes = 2L * elements(entry.getValue());
            header.append(",\"").append(entry.getKey()).append("\":{\"dtype\":\"BF16\",\"shape\":")
                    .append(java.util.Arrays.toString(entry.getValue()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            order.add(entry.getValue());
            offset += bytes;
        }
        header.append('}');
        while (header.length() % 8 != 0) {
            header.append(' '); // the reference writer pads the header to a multiple of 8
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer file = ByteBuffer.allocate((int) (8 + json.length + offset)).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(json.length).put(json);
        long state = 42;
        for (int[] shape : order) {
            for (long i = 0; i < elements(shape); i++) {
                state = state * 6364136223846793005L + 1442695040888963407L; // Knuth's MMIX LCG
                float value = (float) (((state >>> 40) / (double) (1L << 24)) - 0.5) * 0.04f;
                file.putShort((short) (Float.floatToIntBits(value) >>> 16)); // BF16: the top half of an F32
            }
        }
        Path folder = Path.of("src/main/resources/models/tiny-llama");
        Files.createDirectories(folder);
        Files.write(folder.resolve("model.safetensors"), file.array());
        Files.writeString(folder.resolve("config.json"), """
                {
                  "architectures": ["LlamaForCausalLM"],
                  "model_type": "llama",
                  "vocab_size": %d,
                  "hidden_size": %d,
                  "intermediate_size": %d,
                  "num_hidden_layers": %d,
                  "num_attention_heads": %d,
                  "num_key_value_heads": %d,
                  "max_position_embeddings": %d,
                  "rms_norm_eps": 1e-05,
                  "tie_word_embeddings": false,
                  "torch_dtype": "bfloat16"
                }
                """.formatted(VOCAB, HIDDEN, INTERMEDIATE, LAYERS, HEADS, KV_HEADS, CONTEXT));
    }

    static long elements(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
