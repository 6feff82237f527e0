package dev.openaccess.benchmarks.jmh;

import dev.openaccess.core.SafetensorsBytes;
import dev.openaccess.core.format.GgufBytes;
import dev.openaccess.core.format.GgufReader;
import dev.openaccess.core.format.ModelFacts;
import dev.openaccess.core.format.ModelSource;
import dev.openaccess.core.format.OnnxBytes;
import dev.openaccess.core.format.OnnxReader;
import dev.openaccess.core.format.SafetensorsReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time and allocation per file of each reader on representative headers: a 7B-sized safetensors header (Llama-2-7B's
 * 291 tensors, the 13.5 GB of data a sparse hole), a GGUF whose metadata holds a 128,256-token vocabulary (strings,
 * scores and types, as Llama 3's), and an ONNX graph with 1,000 initializers. Run with {@code -prof gc} for the
 * allocation per file ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReaderBenchmark {

    private Path folder;
    private ModelSource safetensors;
    private ModelSource gguf;
    private ModelSource onnx;
    private final SafetensorsReader safetensorsReader = new SafetensorsReader();
    private final GgufReader ggufReader = new GgufReader();
    private final OnnxReader onnxReader = new OnnxReader();

    @Setup(Level.Trial)
    public void writeFiles() throws IOException {
        folder = Files.createTempDirectory("openaccess-jmh");
        safetensors = source(llama2Header());
        gguf = source(Files.write(folder.resolve("vocab.gguf"), ggufWithVocabulary(128_256)));
        onnx = source(Files.write(folder.resolve("graph.onnx"), onnxWithInitializers(1_000)));
    }

    @TearDown(Level.Trial)
    public void deleteFiles() throws IOException {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(folder);
    }

    @Benchmark
    public ModelFacts safetensors7bHeader() throws IOException {
        return safetensorsReader.read(safetensors);
    }

    @Benchmark
    public ModelFacts gguf128kVocabulary() throws IOException {
        return ggufReader.read(gguf);
    }

    @Benchmark
    public ModelFacts onnx1000Initializers() throws IOException {
        return onnxReader.read(onnx);
    }

    private static ModelSource source(Path file) throws IOException {
        return ModelSource.ofFile(file, file.getFileName().toString());
    }

    /** Llama-2-7B's tensors (F16) and shapes; the data region a sparse hole of the right size. */
    private Path llama2Header() throws IOException {
        SafetensorsBytes bytes = new SafetensorsBytes().tensor("model.embed_tokens.weight", "F16", 16, 32_000, 4_096);
        for (int layer = 0; layer < 32; layer++) {
            String p = "model.layers." + layer + ".";
            bytes.tensor(p + "input_layernorm.weight", "F16", 16, 4_096)
                    .tensor(p + "self_attn.q_proj.weight", "F16", 16, 4_096, 4_096)
                    .tensor(p + "self_attn.k_proj.weight", "F16", 16, 4_096, 4_096)
                    .tensor(p + "self_attn.v_proj.weight", "F16", 16, 4_096, 4_096)
                    .tensor(p + "self_attn.o_proj.weight", "F16", 16, 4_096, 4_096)
                    .tensor(p + "post_attention_layernorm.weight", "F16", 16, 4_096)
                    .tensor(p + "mlp.gate_proj.weight", "F16", 16, 11_008, 4_096)
                    .tensor(p + "mlp.up_proj.weight", "F16", 16, 11_008, 4_096)
                    .tensor(p + "mlp.down_proj.weight", "F16", 16, 4_096, 11_008);
        }
        bytes.tensor("model.norm.weight", "F16", 16, 4_096).tensor("lm_head.weight", "F16", 16, 32_000, 4_096);
        Path file = folder.resolve("llama-2-7b.safetensors");
        byte[] header = SafetensorsBytes.withHeader(bytes.headerJson(), 0);
        Files.write(file, header);
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(header.length + bytes.dataBytes()); // a hole: no disk, nothing read
        }
        return file;
    }

    private static byte[] ggufWithVocabulary(int tokens) {
        String[] vocabulary = new String[tokens];
        for (int i = 0; i < tokens; i++) {
            vocabulary[i] = "token" + i;
        }
        return new GgufBytes().string("general.architecture", "llama").u32("llama.block_count", 32)
                .u32("llama.context_length", 8_192).u32("llama.embedding_length", 4_096)
                .u32("llama.attention.head_count", 32).u32("llama.attention.head_count_kv", 8)
                .u32("llama.feed_forward_length", 14_336)
                .stringArray("tokenizer.ggml.tokens", vocabulary)
                .array("tokenizer.ggml.scores", GgufBytes.FLOAT32, tokens, sink -> {
                    for (int i = 0; i < tokens; i++) {
                        sink.f32(-i);
                    }
                })
                .array("tokenizer.ggml.token_type", GgufBytes.INT32, tokens, sink -> {
                    for (int i = 0; i < tokens; i++) {
                        sink.u32(1);
                    }
                })
                .tensor("output_norm.weight", 0, 16_384, 4_096)
                .toBytes();
    }

    private static byte[] onnxWithInitializers(int count) {
        byte[][] initializers = new byte[count][];
        for (int i = 0; i < count; i++) {
            initializers[i] = OnnxBytes.tensor("w" + i, 1, 1_024, 16, 16); // FLOAT, 16 x 16 = 1 KiB of raw data
        }
        return OnnxBytes.model(OnnxBytes.graph(new byte[0][], initializers));
    }
}
