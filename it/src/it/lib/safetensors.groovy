// Test helpers shared by the sample projects' scripts: write and read safetensors files, write the tiny Llama.
// Evaluate it to get a map of closures: def st = evaluate(new File(itLib, 'safetensors.groovy'))
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.charset.StandardCharsets

def bits = [F32: 32, F16: 16, BF16: 16, F64: 64, I64: 64, I32: 32, I16: 16, I8: 8, U8: 8, BOOL: 8]

// tensors: list of [name, dtype, shape]; the data is deterministic and non-zero. Returns the bytes written.
def write = { File file, List tensors, Map metadata = [:] ->
    def header = [:]
    if (metadata) header['__metadata__'] = metadata
    long offset = 0
    tensors.each { t ->
        long n = t[2].inject(1L) { a, b -> a * b }
        long bytes = n * bits[t[1]] / 8
        header[t[0]] = [dtype: t[1], shape: t[2], data_offsets: [offset, offset + bytes]]
        offset += bytes
    }
    def json = JsonOutput.toJson(header)
    json += ' ' * ((8 - json.length() % 8) % 8) // the reference writer pads to a multiple of 8
    byte[] jsonBytes = json.getBytes(StandardCharsets.UTF_8)
    def buffer = ByteBuffer.allocate((int) (8 + jsonBytes.length + offset)).order(ByteOrder.LITTLE_ENDIAN)
    buffer.putLong(jsonBytes.length).put(jsonBytes)
    for (long i = 0; i < offset; i++) buffer.put((byte) ((i * 31 + 7) % 251 + 1))
    file.parentFile.mkdirs()
    file.bytes = buffer.array()
    return buffer.array()
}

// Reads the JSON header back, independently of openaccess's reader.
def readHeader = { File file ->
    def raf = new RandomAccessFile(file, 'r')
    try {
        byte[] prefix = new byte[8]
        raf.readFully(prefix)
        long n = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong()
        byte[] json = new byte[(int) n]
        raf.readFully(json)
        return new JsonSlurper().parseText(new String(json, StandardCharsets.UTF_8))
    } finally {
        raf.close()
    }
}

def sha256 = { File file ->
    java.security.MessageDigest.getInstance('SHA-256').digest(file.bytes).encodeHex().toString()
}

// The tiny Llama the sample projects publish (2 layers, hidden 64, grouped-query attention): BF16 weights, F32 norms
// and its config.json, written into folder.
def tinyLlama = { File folder ->
    def vocab = 256, hidden = 64, layers = 2, heads = 4, kvHeads = 2, intermediate = 128
    def headDim = hidden / heads
    def tensors = [['model.embed_tokens.weight', 'BF16', [vocab, hidden]]]
    (0..<layers).each { l ->
        def p = "model.layers.${l}."
        tensors << [p + 'input_layernorm.weight', 'F32', [hidden]]
        tensors << [p + 'self_attn.q_proj.weight', 'BF16', [heads * headDim, hidden]]
        tensors << [p + 'self_attn.k_proj.weight', 'BF16', [kvHeads * headDim, hidden]]
        tensors << [p + 'self_attn.v_proj.weight', 'BF16', [kvHeads * headDim, hidden]]
        tensors << [p + 'self_attn.o_proj.weight', 'BF16', [hidden, heads * headDim]]
        tensors << [p + 'post_attention_layernorm.weight', 'F32', [hidden]]
        tensors << [p + 'mlp.gate_proj.weight', 'BF16', [intermediate, hidden]]
        tensors << [p + 'mlp.up_proj.weight', 'BF16', [intermediate, hidden]]
        tensors << [p + 'mlp.down_proj.weight', 'BF16', [hidden, intermediate]]
    }
    tensors << ['model.norm.weight', 'F32', [hidden]]
    tensors << ['lm_head.weight', 'BF16', [vocab, hidden]]
    write(new File(folder, 'model.safetensors'), tensors, [format: 'pt'])
    new File(folder, 'config.json').text = JsonOutput.prettyPrint(JsonOutput.toJson([
            architectures: ['LlamaForCausalLM'], model_type: 'llama', vocab_size: vocab, hidden_size: hidden,
            intermediate_size: intermediate, num_hidden_layers: layers, num_attention_heads: heads,
            num_key_value_heads: kvHeads, max_position_embeddings: 512, torch_dtype: 'bfloat16']))
}

[write: write, readHeader: readHeader, sha256: sha256, bits: bits, tinyLlama: tinyLlama]
