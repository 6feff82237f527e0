package dev.openaccess.core.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.descriptor.Requirements;
import dev.openaccess.core.descriptor.TensorLayout;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** llama.cpp's rules, computed by hand from the sources the class cites. */
class LlamaCppRuntimeTest {

    /** Llama-3.2-1B: 16 layers, hidden 2048, 32 heads, 8 KV heads of 64, MLP 8192, vocabulary 128,256. */
    private static final Architecture LLAMA_1B = new Architecture("llama", 16, 2048, 32, 8, 64, 128_256, 131_072,
            null, null, null, Architecture.DECODER, 8192, true);
    /** gemma-3-1b: 26 layers, hidden 1152, 4 heads, 1 KV head of 256, MLP 6912, window 512 in 22 layers. */
    private static final Architecture GEMMA3_1B = new Architecture("gemma3", 26, 1152, 4, 1, 256, 262_144, 32_768,
            null, null, 512, Architecture.DECODER, 6912, true, null, 22, null);

    @Test
    void cellsArePaddedTo256ForTheWholeContextThenPerSequence() {
        assertEquals(512, LlamaCppRuntime.cellsPerSequence(512, 1));
        assertEquals(1024, LlamaCppRuntime.cellsPerSequence(1000, 1));  // PAD(1000, 256)
        assertEquals(1024, LlamaCppRuntime.cellsPerSequence(1000, 4));  // n_ctx PAD(4000) = 4096; 4096 / 4
        assertEquals(512, LlamaCppRuntime.cellsPerSequence(300, 3));    // n_ctx PAD(900) = 1024; PAD(1024 / 3 = 341)
    }

    @Test
    void kvCacheOfGroupedQueryAttention() {
        // 16 layers × (K and V: 2 × 8 heads × 64) values × 2 bytes × 4096 cells = 134,217,728 (128 MiB); 4 sequences:
        // four streams of 4096 cells
        assertEquals(134_217_728L, LlamaCppRuntime.kvCache(LLAMA_1B, 4096, 1, KvCacheDtype.F16));
        assertEquals(4 * 134_217_728L, LlamaCppRuntime.kvCache(LLAMA_1B, 4096, 4, KvCacheDtype.F16));
    }

    @Test
    void slidingWindowLayersKeepTheWindowPlusAUbatch() {
        // windowed layers: PAD(min(8192, 512 + 512), 256) = 1024 cells; 22 × 1024 + 4 full × 8192 = 55,296 layer
        // cells × (2 × 1 × 256) values × 2 bytes = 56,623,104
        assertEquals(56_623_104L, LlamaCppRuntime.kvCache(GEMMA3_1B, 8192, 1, KvCacheDtype.F16));
        // at 512 cells the window holds them all: 26 × 512 × 512 × 2 = 13,631,488
        assertEquals(13_631_488L, LlamaCppRuntime.kvCache(GEMMA3_1B, 512, 1, KvCacheDtype.F16));
    }

    @Test
    void computeWorkingSetOfAPromptUbatch() {
        // 512 tokens; per token 4 × (2 × 2048 + 3 × 8192) + 2 (F16 input of the F16 matrices) × 8192 = 131,072 bytes;
        // mask 512 cells × 512 tokens × 2 = 524,288
        long live = (long) Math.ceil(LlamaCppRuntime.COMPUTE_FACTOR * 131_072 * 512);
        assertEquals(live + 524_288, LlamaCppRuntime.computeTouched(LLAMA_1B, "F16", 512, null));
        // Q8_0 matrices convert their input to Q8_0, 34 bytes per 32: 114,688 + 8,704 = 123,392 per token; at 4096
        // cells the mask is 4096 × 512 × 2 = 4,194,304
        long q8 = (long) Math.ceil(LlamaCppRuntime.COMPUTE_FACTOR * 123_392 * 512);
        assertEquals(q8 + 4_194_304, LlamaCppRuntime.computeTouched(LLAMA_1B, "Q8_0", 4096, null));
    }

    @Test
    void repackedMatricesAreHeldTwiceButNotTheEmbedding() {
        TensorLayout layout = new TensorLayout(4096, Map.of("Q4_K", 1000L, "Q6_K", 500L, "Q5_0", 300L), "Q6_K", 210L,
                true);
        ModelShape model = new ModelShape("m.gguf", "gguf", 1, 1, 2010, "Q4_K", LLAMA_1B, layout);
        assertEquals(1000, LlamaCppRuntime.repackedBytes(model, 2010, 2010, null), "Q4_K has AVX2 kernels; Q6_K, Q5_0 not");
        // a tied Q4_0 embedding is the output projection too: repacked with the matrices
        TensorLayout tiedQ4 = new TensorLayout(4096, Map.of("Q4_0", 1000L), "Q4_0", 200L, true);
        assertEquals(1200, LlamaCppRuntime.repackedBytes(new ModelShape("m.gguf", "gguf", 1, 1, 1200, "Q4_0", LLAMA_1B,
                tiedQ4), 1200, 1200, null));
        // the int4 what-if is Q4_0: all but the untied embedding's share, 1 - 210 / 2010 of 900 bytes -> 806
        TensorLayout untied = new TensorLayout(4096, Map.of("F16", 1800L), "F16", 210L, false);
        assertEquals(806, LlamaCppRuntime.repackedBytes(new ModelShape("m.gguf", "gguf", 1, 1, 2010, "F16", LLAMA_1B,
                untied), 900, 2010, WeightPrecision.INT4));
    }

    @Test
    void theEstimateAddsEveryTermAndNamesTheRuntime() {
        TensorLayout layout = new TensorLayout(7_000_000, Map.of("F16", 2_000_000_000L), "F16", 525_336_576L, true,
                280_147);
        ModelShape model = new ModelShape("llama.gguf", "gguf", 1_235_814_400L, 1_235_814_400L, 2_525_336_576L, "F16",
                LLAMA_1B, layout);
        EstimateSettings settings = EstimateSettings.defaults().withInference(4096, 1, KvCacheDtype.F16);
        var requirements = new RequirementsEstimator(HardwareCatalog.defaults()).estimate(List.of(model), settings);
        var inference = requirements.inference();
        assertEquals("llama.cpp", requirements.assumptions().runtime(), "GGUF runs in llama.cpp by default");
        assertEquals(134_217_728L, inference.kvCacheBytes());
        long output = 128_256L * 4;                                  // one sequence's logits
        // host: per token and per BPE merge (Llama 3's 280,147)
        long host = LlamaCppRuntime.HOST_PER_TOKEN * 128_256 + LlamaCppRuntime.HOST_PER_MERGE * 280_147;
        assertEquals(output, inference.outputBufferBytes());
        assertEquals(host, inference.vocabularyBytes());
        assertEquals(0L, inference.weightCopiesBytes(), "F16 is not repacked");
        assertEquals(LlamaCppRuntime.BASELINE_BYTES, inference.baselineBytes());
        assertEquals(LlamaCppRuntime.computeTouched(LLAMA_1B, "F16", 4096, null), inference.activationsBytes());
        assertEquals(2_525_336_576L + 134_217_728L + inference.activationsBytes() + output + host
                + LlamaCppRuntime.BASELINE_BYTES, inference.totalBytes());
        // a GPU keeps the reserved compute buffer: the worst-case logits of 512 tokens, 512 × 128,256 × 4, on top
        assertEquals(inference.totalBytes() + 512L * 128_256 * 4, inference.reservedBytes());
        assertTrue(requirements.assumptions().overhead().startsWith("llama.cpp on the CPU"));
        assertEquals(Boolean.TRUE, requirements.assumptions().cpuWeightRepack());
    }

    @Test
    void runtimesParseAndDefaultByFormat() {
        assertEquals("llama.cpp", InferenceRuntime.defaultFor("gguf").id());
        assertEquals("onnxruntime", InferenceRuntime.defaultFor("onnx").id());
        assertEquals("transformers", InferenceRuntime.defaultFor("safetensors").id());
        assertEquals("transformers", InferenceRuntime.defaultFor("hf-config").id());
        assertEquals("transformers", InferenceRuntime.defaultFor("pytorch").id());
        assertEquals("transformers", InferenceRuntime.defaultFor("torchscript").id());
        // formats PyTorch does not run get the generic rule, not a runtime it would misname
        for (String format : List.of("tflite", "savedmodel", "keras", "tfjs", "openvino", "npy")) {
            assertEquals("generic", InferenceRuntime.defaultFor(format).id(), format);
        }
        assertEquals("llama.cpp", InferenceRuntime.parse("LLAMA.CPP").id());
        assertEquals("generic", InferenceRuntime.parse("generic").id());
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> InferenceRuntime.parse("vllm"));
        assertTrue(e.getMessage().contains("llama.cpp, onnxruntime, transformers, generic"), e.getMessage());
    }

    @Test
    void transformersTakesPyTorchsMeasuredNativePartAndTheGenericRuleOnnxRuntimes() {
        // the same 1,000-byte encoder-less shape in two formats: no KV cache, no activations without a layer shape
        ModelShape tflite = new ModelShape("m.tflite", "tflite", 250, 250, 1_000, "F32", null);
        ModelShape safetensors = new ModelShape("m.safetensors", "safetensors", 250, 250, 1_000, "F32", null);
        RequirementsEstimator estimator = new RequirementsEstimator(HardwareCatalog.defaults());
        Requirements generic = estimator.estimate(List.of(tflite), EstimateSettings.defaults());
        Requirements pytorch = estimator.estimate(List.of(safetensors), EstimateSettings.defaults());
        assertEquals("generic", generic.assumptions().runtime());
        assertEquals(1_000 + 16L * 1024 * 1024, generic.inference().totalBytes()); // 16 MiB: 16,778,216
        assertEquals("transformers", pytorch.assumptions().runtime());
        assertEquals(1_000 + 320L * 1024 * 1024, pytorch.inference().totalBytes()); // 320 MiB: 335,545,320
        assertTrue(pytorch.assumptions().overhead().contains("320 MiB runtime (PyTorch 2.13's resident libraries"),
                pytorch.assumptions().overhead());
    }
}
