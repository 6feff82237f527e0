package dev.openaccess.core.format;

import static dev.openaccess.core.format.GgufBytes.ARRAY;
import static dev.openaccess.core.format.GgufBytes.BOOL;
import static dev.openaccess.core.format.GgufBytes.FLOAT32;
import static dev.openaccess.core.format.GgufBytes.FLOAT64;
import static dev.openaccess.core.format.GgufBytes.INT32;
import static dev.openaccess.core.format.GgufBytes.STRING;
import static dev.openaccess.core.format.GgufBytes.UINT16;
import static dev.openaccess.core.format.GgufBytes.UINT64;
import static dev.openaccess.core.format.GgufBytes.UINT8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Architecture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GgufReaderTest {

    private static final String PATH = "models/m.gguf";

    // ggml type ids from ggml.h, written out here so that files are not laid out by the code under test
    private static final int F32 = 0;
    private static final int F16 = 1;
    private static final int Q4_0 = 2;
    private static final int Q4_K = 12;
    private static final int Q6_K = 14;
    private static final int BF16 = 30;

    private final GgufReader reader = new GgufReader();

    private static ModelSource source(byte[] bytes) {
        return new ModelSource(PATH, bytes.length, () -> new ByteArrayInputStream(bytes));
    }

    private ModelFacts read(byte[] bytes) throws IOException {
        return reader.read(source(bytes));
    }

    private ModelFacts read(GgufBytes gguf) throws IOException {
        return read(gguf.toBytes());
    }

    private ModelFormatException failure(byte[] bytes) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(bytes));
        assertTrue(e.getMessage().startsWith(PATH + ": "), e.getMessage());
        assertEquals(PATH, e.path());
        return e;
    }

    private ModelFormatException failure(GgufBytes gguf) {
        return failure(gguf.toBytes());
    }

    private static void assertProblem(ModelFormatException e, String expected) {
        assertTrue(e.problem().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    }

    /** A valid little file: one F32 tensor of 4 elements (16 bytes). */
    private static GgufBytes oneTensor() {
        return new GgufBytes().string("general.architecture", "llama").tensor("t", F32, 16, 4);
    }

    // ------------------------------------------------------------------------------------------ type table

    /**
     * Every ggml type id of ggml.h with its block size and bytes per block, worked out by hand from the block
     * structs of ggml-common.h (ggml_half = 2 bytes, QK_K = 256, K_SCALE_SIZE = 12, IQ3S_N_SCALE = QK_K/64 = 4).
     */
    @ParameterizedTest(name = "{1} (id {0}): blocks of {2} in {3} bytes")
    @CsvSource({
        "0, F32, 1, 4",
        "1, F16, 1, 2",
        "2, Q4_0, 32, 18",     // d 2 + qs 32/2 16
        "3, Q4_1, 32, 20",     // d, m 4 + 16
        "6, Q5_0, 32, 22",     // d 2 + qh 4 + 16
        "7, Q5_1, 32, 24",     // d, m 4 + qh 4 + 16
        "8, Q8_0, 32, 34",     // d 2 + 32
        "9, Q8_1, 32, 36",     // d, s 4 + 32 (block_q8_1's static_assert; gguf-py's table says 40)
        "10, Q2_K, 256, 84",   // scales 16 + qs 64 + d, dmin 4
        "11, Q3_K, 256, 110",  // hmask 32 + qs 64 + scales 12 + d 2
        "12, Q4_K, 256, 144",  // d, dmin 4 + scales 12 + qs 128
        "13, Q5_K, 256, 176",  // 4 + 12 + qh 32 + qs 128
        "14, Q6_K, 256, 210",  // ql 128 + qh 64 + scales 16 + d 2
        "15, Q8_K, 256, 292",  // float d 4 + qs 256 + bsums 16 × 2
        "16, IQ2_XXS, 256, 66", // d 2 + 32 × uint16
        "17, IQ2_XS, 256, 74", // d 2 + 64 + scales 8
        "18, IQ3_XXS, 256, 98", // d 2 + 3 × 32
        "19, IQ1_S, 256, 50",  // d 2 + qs 32 + qh 8 × uint16
        "20, IQ4_NL, 32, 18",  // d 2 + 16
        "21, IQ3_S, 256, 110", // d 2 + 13 × 8 + 4
        "22, IQ2_S, 256, 82",  // d 2 + qs 64 + qh 8 + scales 8
        "23, IQ4_XS, 256, 136", // d 2 + scales_h 2 + scales_l 4 + qs 128
        "24, I8, 1, 1",
        "25, I16, 1, 2",
        "26, I32, 1, 4",
        "27, I64, 1, 8",
        "28, F64, 1, 8",
        "29, IQ1_M, 256, 56",  // qs 32 + qh 16 + scales 8
        "30, BF16, 1, 2",
        "34, TQ1_0, 256, 54",  // qs (256 − 16) / 5 = 48 + qh 4 + d 2
        "35, TQ2_0, 256, 66",  // qs 64 + d 2
        "39, MXFP4, 32, 17",   // e 1 + qs 16
        "40, NVFP4, 64, 36",   // d 64/16 = 4 + qs 32
        "41, Q1_0, 128, 18",   // d 2 + qs 128/8 16
        "42, Q2_0, 64, 18",    // d 2 + qs 64/4 16
    })
    void everyGgmlTypeIsReadWithItsExactBytes(int id, String name, int block, int bytesPerBlock) throws IOException {
        // 3 rows of 2 blocks each: 6 blocks
        long elements = 6L * block;
        long bytes = 6L * bytesPerBlock;
        ModelFacts facts = read(new GgufBytes().tensor("t", id, bytes, 2L * block, 3));
        assertEquals(Map.of(name, elements), facts.parameters().byDtype());
        assertEquals(elements, facts.parameters().total());
        assertEquals(bytes, facts.weightsBytes());
        assertTrue(facts.parameters().exact());

        GgmlType type = GgmlType.byId(id).orElseThrow();
        assertEquals(name, type.name());
        assertEquals(id, type.id());
        assertEquals(block, type.blockSize());
        assertEquals(bytesPerBlock, type.typeSize());
    }

    @Test
    void theTableHoldsEveryIdOfGgmlHBelowGgmlTypeCount() {
        // GGML_TYPE_COUNT = 43; ids 4, 5, 31–33 and 36–38 were removed: 43 − 8 = 35 types, the rows above
        assertEquals(35, GgmlType.values().length);
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5, 31, 32, 33, 36, 37, 38, 43, 255, 4_294_967_295L})
    void removedAndNewerTypeIdsAreUnknown(long id) throws IOException {
        assertTrue(GgmlType.byId(id).isEmpty());
        ModelFacts facts = read(new GgufBytes().string("general.architecture", "llama").tensor("t", id, 32, 8));
        assertEquals(Map.of("GGML_TYPE_" + id, 8L), facts.parameters().byDtype());
        assertEquals(0L, facts.weightsBytes());
        assertEquals(1, facts.warnings().size(), facts.warnings().toString());
        assertTrue(facts.warnings().get(0).contains("of ggml type id " + id), facts.warnings().get(0));
    }

    @Test
    void unknownTypesAreCountedAndTheirBytesLeftOutWithAWarning() throws IOException {
        byte[] file = new GgufBytes().string("general.architecture", "llama")
                .tensor("known", F32, 32, 8)          // 8 × 4 = 32 bytes at offset 0; next at 32
                .tensor("mystery", 43, 100, 10, 10)   // 100 elements at 32, 100 bytes reserved; next at 160
                .tensor("old", 31, 40, 64)            // 64 elements at 160, ends at 200, padded to 224
                .toBytes();
        ModelFacts facts = read(file);
        assertEquals(Map.of("F32", 8L, "GGML_TYPE_43", 100L, "GGML_TYPE_31", 64L), facts.parameters().byDtype());
        assertEquals(8 + 100 + 64, facts.parameters().total());
        assertEquals(32L, facts.weightsBytes(), "bytes of the known tensor only, nothing guessed");
        assertEquals(3L, facts.tensors());
        assertEquals(1, facts.warnings().size());
        String warning = facts.warnings().get(0);
        assertTrue(warning.startsWith(PATH + ": "), warning);
        assertTrue(warning.contains("1 tensor (64 elements) of ggml type id 31 (removed from ggml)"), warning);
        assertTrue(warning.contains("1 tensor (100 elements) of ggml type id 43 (not in this reader's table)"),
                warning);
        assertTrue(warning.contains("weightsBytes covers only the tensors of known types"), warning);
        // mystery: up to the next offset, 160 − 32 = 128; old: up to the end of the data, 224 − 160 = 64
        assertTrue(warning.contains("at most 192 bytes"), warning);
    }

    // ------------------------------------------------------------------------------------------ header and metadata

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void readsVersionsTwoAndThree(int version) throws IOException {
        ModelFacts facts = read(oneTensor().version(version).string("general.name", "v" + version));
        assertEquals(ModelFormat.GGUF, facts.format());
        assertEquals(4, facts.parameters().total());
        assertEquals(16L, facts.weightsBytes());
        assertEquals("v" + version, facts.metadata().get("general.name"));
    }

    @Test
    void readsEveryMetadataValueTypeAndKeepsTheShortOnes() throws IOException {
        GgufBytes gguf = new GgufBytes()
                .u8("t.u8", 200)
                .i8("t.i8", -5)
                .u16("t.u16", 65_535)
                .i16("t.i16", -300)
                .u32("t.u32", 4_294_967_295L)
                .i32("t.i32", -70_000)
                .f32("t.f32", 0.5f)
                .bool("t.bool", true)
                .string("t.string", "héllo")
                .u64("t.u64", -1L) // all 64 bits set: 2^64 − 1
                .i64("t.i64", -9_000_000_000L)
                .f64("t.f64", 0.25)
                .u32Array("t.array.u32", 1, 2, 3)
                .stringArray("t.array.string", "en", "fr")
                .array("t.array.bool", BOOL, 2, s -> s.u8(1).u8(0))
                .array("t.array.f64", FLOAT64, 2, s -> s.f64(1.5).f64(-2))
                .array("t.array.nested", ARRAY, 2, s -> {
                    s.u32(UINT16).u64(2).u16(7).u16(8);
                    s.u32(STRING).u64(1).string("x");
                })
                .string("t.long", "x".repeat(2_000))
                .array("t.array.long", UINT8, 100, s -> {
                    for (int i = 0; i < 100; i++) {
                        s.u8(i);
                    }
                })
                .array("t.array.empty", FLOAT32, 0, s -> { })
                .string("t.after", "still in step");
        ModelFacts facts = read(gguf);
        assertEquals(Map.ofEntries(
                Map.entry("t.u8", "200"),
                Map.entry("t.i8", "-5"),
                Map.entry("t.u16", "65535"),
                Map.entry("t.i16", "-300"),
                Map.entry("t.u32", "4294967295"),
                Map.entry("t.i32", "-70000"),
                Map.entry("t.f32", "0.5"),
                Map.entry("t.bool", "true"),
                Map.entry("t.string", "héllo"),
                Map.entry("t.u64", "18446744073709551615"),
                Map.entry("t.i64", "-9000000000"),
                Map.entry("t.f64", "0.25"),
                Map.entry("t.array.u32", "[1,2,3]"),
                Map.entry("t.array.string", "[\"en\",\"fr\"]"),
                Map.entry("t.array.bool", "[true,false]"),
                Map.entry("t.array.f64", "[1.5,-2.0]"),
                Map.entry("t.array.empty", "[]"),
                Map.entry("t.after", "still in step")), facts.metadata(),
                "nested arrays, strings over 1 KiB and arrays over 64 items are read past and left out");
        assertEquals(0, facts.parameters().total());
        assertEquals(0L, facts.tensors());
        assertNull(facts.architecture());
        assertEquals(List.of(PATH + ": no general.architecture string: the architecture is unknown"),
                facts.warnings());
    }

    // ------------------------------------------------------------------------------------------ architectures

    /**
     * A llama-like Q4_K_M file: vocabulary 300 (from the token list), hidden 256, 2 layers, 8 heads of 256 / 8 = 32,
     * 2 KV heads (grouped-query), feed-forward 512, context 4096, sliding window 1024.
     */
    private static GgufBytes tinyLlama() {
        String[] tokens = new String[300];
        Arrays.setAll(tokens, i -> "tok" + i);
        GgufBytes gguf = new GgufBytes()
                .string("general.architecture", "llama")
                .string("general.name", "Tiny Llama")
                .u32("general.file_type", 15)
                .u32("general.quantization_version", 2)
                .string("general.license", "apache-2.0")
                .u32("llama.block_count", 2)
                .u32("llama.context_length", 4096)
                .u32("llama.embedding_length", 256)
                .u32("llama.feed_forward_length", 512)
                .u32("llama.attention.head_count", 8)
                .u32("llama.attention.head_count_kv", 2)
                .u32("llama.attention.sliding_window", 1024)
                .string("tokenizer.ggml.model", "gpt2")
                .stringArray("tokenizer.ggml.tokens", tokens)
                .string("tokenizer.chat_template", "{{ x }}".repeat(300)) // 2,100 bytes: not kept
                // Q4_K: 256 elements in 144 bytes; Q6_K: 256 in 210; F32: 4 bytes each
                .tensor("token_embd.weight", Q4_K, 43_200, 256, 300)  // 76,800 = 300 blocks × 144
                .tensor("output_norm.weight", F32, 1_024, 256)
                .tensor("output.weight", Q6_K, 63_000, 256, 300);     // 76,800 = 300 blocks × 210
        for (int layer = 0; layer < 2; layer++) {
            String blk = "blk." + layer + ".";
            gguf.tensor(blk + "attn_norm.weight", F32, 1_024, 256)
                    .tensor(blk + "attn_q.weight", Q4_K, 36_864, 256, 256)         // 65,536 = 256 blocks
                    .tensor(blk + "attn_k.weight", Q4_K, 9_216, 256, 64)           // 16,384 = 64 blocks
                    .tensor(blk + "attn_v.weight", Q6_K, 13_440, 256, 64)          // 16,384 = 64 blocks
                    .tensor(blk + "attn_output.weight", Q4_K, 36_864, 256, 256)    // 65,536
                    .tensor(blk + "ffn_norm.weight", F32, 1_024, 256)
                    .tensor(blk + "ffn_gate.weight", Q4_K, 73_728, 256, 512)       // 131,072 = 512 blocks
                    .tensor(blk + "ffn_up.weight", Q4_K, 73_728, 256, 512)
                    .tensor(blk + "ffn_down.weight", Q6_K, 107_520, 512, 256);     // 131,072 = 512 blocks
        }
        return gguf;
    }

    @Test
    void readsALlamaLikeFileWithItsArchitecture() throws IOException {
        ModelFacts facts = read(tinyLlama());
        assertEquals(new Architecture("llama", 2, 256, 8, 2, 32, 300, 4096, null, null, 1024, Architecture.DECODER,
                512, true), facts.architecture(), "llama's MLP is gated; its width is feed_forward_length");
        // F32:  256 + 2 × (256 + 256)                              =   1,280
        // Q4_K: 76,800 + 2 × (65,536 + 16,384 + 65,536 + 2 × 131,072) = 76,800 + 2 × 409,600 = 896,000
        // Q6_K: 76,800 + 2 × (16,384 + 131,072)                    = 371,712
        assertEquals(Map.of("F32", 1_280L, "Q4_K", 896_000L, "Q6_K", 371_712L), facts.parameters().byDtype());
        assertEquals(1_268_992L, facts.parameters().total()); // 1,280 + 896,000 + 371,712
        assertEquals(1_268_992L, facts.parameters().active());
        // 1,280 × 4 + 896,000 / 256 × 144 + 371,712 / 256 × 210 = 5,120 + 504,000 + 304,920
        assertEquals(814_040L, facts.weightsBytes());
        assertEquals(21L, facts.tensors()); // 3 + 2 layers × 9
        assertEquals("Q4_K", facts.dominantDtype());
        assertEquals(List.of(), facts.warnings());
        assertEquals(Map.ofEntries(
                Map.entry("general.architecture", "llama"),
                Map.entry("general.name", "Tiny Llama"),
                Map.entry("general.file_type", "15"),
                Map.entry("general.quantization_version", "2"),
                Map.entry("general.license", "apache-2.0"),
                Map.entry("llama.block_count", "2"),
                Map.entry("llama.context_length", "4096"),
                Map.entry("llama.embedding_length", "256"),
                Map.entry("llama.feed_forward_length", "512"),
                Map.entry("llama.attention.head_count", "8"),
                Map.entry("llama.attention.head_count_kv", "2"),
                Map.entry("llama.attention.sliding_window", "1024"),
                Map.entry("tokenizer.ggml.model", "gpt2")), facts.metadata(),
                "the token list (300 items) and the 2,100-byte chat template are left out");
    }

    /** A mixture of experts: 8 experts, 2 used per token, a shared expert, head counts per layer. */
    private static GgufBytes tinyMoe(boolean declareExperts) {
        GgufBytes gguf = new GgufBytes()
                .string("general.architecture", "qwen2moe")
                .u32("qwen2moe.block_count", 2)
                .u64("qwen2moe.context_length", 32_768)
                .u64("qwen2moe.embedding_length", 64)
                .u32("qwen2moe.attention.head_count", 4)
                .u32Array("qwen2moe.attention.head_count_kv", 1, 2)
                .u32("qwen2moe.attention.key_length", 24)
                .u32("qwen2moe.vocab_size", 100)
                .stringArray("tokenizer.ggml.tokens", "a", "b", "c");
        if (declareExperts) {
            gguf.u32("qwen2moe.expert_count", 8).u32("qwen2moe.expert_used_count", 2);
        }
        return gguf
                .tensor("token_embd.weight", F16, 12_800, 64, 100)              // 6,400 × 2 bytes
                .tensor("blk.0.ffn_gate_inp.weight", F32, 2_048, 64, 8)         // router: 512 × 4
                .tensor("blk.0.ffn_gate_exps.weight", F16, 32_768, 64, 32, 8)   // 16,384 × 2
                .tensor("blk.0.ffn_up_exps.weight", F16, 32_768, 64, 32, 8)     // 16,384 × 2
                .tensor("blk.0.ffn_down_exps.weight", F16, 32_768, 32, 64, 8)   // 16,384 × 2
                .tensor("blk.0.ffn_gate_shexp.weight", F16, 4_096, 64, 32);     // shared expert: 2,048 × 2
    }

    @Test
    void aMixtureOfExpertsCountsOnlyTheUsedExpertsAsActive() throws IOException {
        ModelFacts facts = read(tinyMoe(true));
        // head dim from key_length (24), not 64 / 4; vocab_size (100) rather than the 3-token list; u64 counts read
        assertEquals(new Architecture("qwen2moe", 2, 64, 4, 2, 24, 100, 32_768, 8, 2, null, Architecture.DECODER,
                null, true), facts.architecture());
        // total: 6,400 + 512 + 3 × 16,384 + 2,048 = 58,112; experts 49,152, of which 2 of 8 are used per token:
        // active = 58,112 − 49,152 × (1 − 2/8) = 58,112 − 36,864 = 21,248
        // (check: 6,400 + 512 + 2,048 + 49,152 × 2/8 = 8,960 + 12,288 = 21,248)
        assertEquals(58_112L, facts.parameters().total());
        assertEquals(21_248L, facts.parameters().active());
        assertEquals(Map.of("F16", 57_600L, "F32", 512L), facts.parameters().byDtype());
        assertEquals(117_248L, facts.weightsBytes()); // 57,600 × 2 + 512 × 4 = 115,200 + 2,048
        assertEquals(List.of(PATH + ": qwen2moe.attention.head_count_kv is per layer (2 values from 1 to 2): the"
                + " largest, 2, is used"), facts.warnings());
    }

    @Test
    void expertTensorsWithoutExpertCountsAreAllActiveWithAWarning() throws IOException {
        ModelFacts facts = read(tinyMoe(false));
        assertNull(facts.architecture().experts());
        assertNull(facts.architecture().activeExperts());
        assertEquals(58_112L, facts.parameters().active());
        assertTrue(facts.warnings().stream().anyMatch(w -> w.contains("49152 parameters are in expert tensors")),
                facts.warnings().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bert", "nomic-bert", "jina-bert-v2"})
    void encoderArchitecturesAreEncoders(String arch) throws IOException {
        ModelFacts facts = read(new GgufBytes().string("general.architecture", arch)
                .u32(arch + ".block_count", 12).u32(arch + ".embedding_length", 768)
                .u32(arch + ".attention.head_count", 12).tensor("t", F32, 16, 4));
        assertEquals(Architecture.ENCODER, facts.architecture().kind());
        assertEquals(64, facts.architecture().headDim()); // 768 / 12
        assertEquals(12, facts.architecture().kvHeads(), "no head_count_kv: one KV head per head, as llama.cpp");
    }

    @Test
    void theVocabularyIsTheLengthOfTheTokenListReadInBoundedMemory() throws IOException {
        int vocab = 128_256; // a Llama 3 sized vocabulary, with scores and token types beside it
        byte[] file = new GgufBytes().string("general.architecture", "llama")
                .array("tokenizer.ggml.tokens", STRING, vocab, s -> {
                    for (int i = 0; i < vocab; i++) {
                        s.string("token-" + i);
                    }
                })
                .array("tokenizer.ggml.scores", FLOAT32, vocab, s -> {
                    for (int i = 0; i < vocab; i++) {
                        s.f32(-i);
                    }
                })
                .array("tokenizer.ggml.token_type", INT32, vocab, s -> {
                    for (int i = 0; i < vocab; i++) {
                        s.u32(1);
                    }
                })
                .u32("tokenizer.ggml.bos_token_id", 128_000)
                .tensor("t", F32, 16, 4).toBytes();
        ModelFacts facts = read(file);
        assertEquals(vocab, facts.architecture().vocabSize());
        assertEquals(Map.of("general.architecture", "llama", "tokenizer.ggml.bos_token_id", "128000"),
                facts.metadata());
    }

    @Test
    void aSplitFileSaysItIsOneShard() throws IOException {
        ModelFacts facts = read(oneTensor().u16("split.no", 0).u16("split.count", 3));
        assertEquals(List.of(PATH + ": one shard of a split model (split.no 0 of split.count 3): its parameters,"
                + " bytes and tensors are this file's only"), facts.warnings());
    }

    @Test
    void hyperparametersThatAreNotIntegersAreIgnoredWithAWarning() throws IOException {
        ModelFacts facts = read(oneTensor().f32("llama.block_count", 2.0f).u64("llama.context_length", -1L));
        assertNull(facts.architecture().layers());
        assertNull(facts.architecture().contextLength());
        assertEquals(List.of(
                PATH + ": llama.block_count is float32, not an integer or integers: ignored",
                PATH + ": llama.context_length = 18446744073709551615 is outside 0..2147483647: ignored"),
                facts.warnings());
    }

    // ------------------------------------------------------------------------------------------ alignment

    @Test
    void theDataSectionAndOffsetsFollowACustomAlignment() throws IOException {
        // A name long enough that the header ends 1..32 bytes past a multiple of 64: aligned to 64 the data starts
        // later than aligned to 32 would put it, so a reader using the wrong alignment misses the truncation below.
        GgufBytes gguf = null;
        for (int pad = 0; pad < 64; pad++) {
            GgufBytes candidate = new GgufBytes().alignment(64).string("general.architecture", "llama")
                    .string("general.name", "x".repeat(pad))
                    .tensor("a", F32, 40, 10)   // 40 bytes at offset 0; next at 64
                    .tensor("b", F32, 64, 16);  // 64 bytes at offset 64; data ends at 128
            int rest = candidate.header().length % 64;
            if (rest >= 1 && rest <= 32) {
                gguf = candidate;
                break;
            }
        }
        long headerLength = gguf.header().length;
        long aligned32 = (headerLength + 31) / 32 * 32;
        long aligned64 = (headerLength + 63) / 64 * 64;
        assertTrue(aligned32 < aligned64);
        byte[] file = gguf.toBytes();
        assertEquals(aligned64 + 128, file.length);

        ModelFacts facts = read(file);
        assertEquals(104L, facts.weightsBytes()); // 40 + 64
        assertEquals("64", facts.metadata().get("general.alignment"));

        // one byte short: 'b' no longer fits after a 64-aligned data start (it would after a 32-aligned one)
        assertProblem(failure(Arrays.copyOf(file, file.length - 1)), "truncated: tensor 'b'");
        // an offset aligned to 32 is not aligned to 64
        assertProblem(failure(new GgufBytes().alignment(64).tensorAt("c", F32, 4, 32, 1)),
                "tensor 'c' data offset 32 is not a multiple of the alignment 64");
    }

    @Test
    void refusesAlignmentsThatAreNotPowersOfTwoOrNotUint32() {
        assertProblem(failure(new GgufBytes().u32("general.alignment", 48).layoutAlignment(48)),
                "general.alignment 48 is not a power of two");
        assertProblem(failure(new GgufBytes().u32("general.alignment", 0)),
                "general.alignment 0 is not a power of two");
        assertProblem(failure(new GgufBytes().i32("general.alignment", 32)),
                "general.alignment must be a uint32, not int32");
    }

    // ------------------------------------------------------------------------------------------ errors

    @Test
    void failsOnTruncatedFiles() {
        assertProblem(failure(new byte[0]), "truncated: the magic needs 4 bytes at offset 0 but the file ends at 0");
        byte[] whole = oneTensor().string("general.name", "hello world").toBytes();
        assertProblem(failure(Arrays.copyOf(whole, 10)),
                "truncated: the tensor count needs 8 bytes at offset 8 but the file ends at 10");
        // cut inside the metadata: the name string declares 11 bytes
        int nameEnd = new GgufBytes().string("general.architecture", "llama").string("general.name", "hello world")
                .header().length; // the header of the same file without its tensor info, so the name's last byte
        assertProblem(failure(Arrays.copyOf(whole, nameEnd - 3)),
                "the value of 'general.name' declares a string of 11 bytes, but only 8 bytes remain");
        // cut inside the tensor info: its offset is the last 8 bytes of the header
        int header = oneTensor().string("general.name", "hello world").header().length;
        assertProblem(failure(Arrays.copyOf(whole, header - 4)),
                "truncated: tensor 't' offset needs 8 bytes at offset " + (header - 8) + " but the file ends at "
                        + (header - 4));
        // cut inside the data: the tensor's 16 bytes no longer fit
        assertProblem(failure(Arrays.copyOf(whole, whole.length - 17)), "truncated: tensor 't' (F32 [4], 16 bytes"
                + " at data offset 0) ends at file byte " + (whole.length - 16));
    }

    @Test
    void failsOnBadMagic() {
        assertProblem(failure(oneTensor().magic("GGML")), "bad magic 'GGML': not a GGUF file (expected 'GGUF')");
        assertProblem(failure(oneTensor().magic("\u0089PNG")), "bad magic '\\x89PNG'");
    }

    @Test
    void refusesVersionOneUnknownVersionsAndBigEndianFiles() {
        assertProblem(failure(oneTensor().version(1)), "GGUF version 1 is obsolete");
        assertProblem(failure(oneTensor().version(4)), "GGUF version 4 is newer than this reader knows (versions 2"
                + " and 3)");
        assertProblem(failure(oneTensor().version(0)), "GGUF version 0 is not a valid version");
        // a big-endian version 3 is the bytes 00 00 00 03, which little-endian reads as 0x03000000
        assertProblem(failure(oneTensor().version(0x0300_0000L)), "which is version 3 byte-swapped: a big-endian"
                + " file; only little-endian GGUF files are read");
        assertProblem(failure(oneTensor().magic("FUGG")), "a big-endian file");
    }

    @Test
    void refusesCountsTheFileCannotHold() {
        assertProblem(failure(oneTensor().tensorCount(1L << 62)), "declares 4611686018427387904 tensors, more than"
                + " the 100000 tensor limit");
        assertProblem(failure(oneTensor().kvCount(-1L)), "declares 18446744073709551615 metadata entries, more than"
                + " the 100000 metadata entry limit");
        byte[] file = oneTensor().tensorCount(1_000).toBytes();
        // 1,000 tensor infos need at least 1,000 × 24 bytes, 1 key-value pair at least 14
        assertProblem(failure(file), "declares 1000 tensors and 1 metadata entries, which need at least 24014 bytes,"
                + " but only " + (file.length - 24) + " bytes follow");
    }

    @Test
    void refusesUnknownValueTypesAndInvalidValues() {
        assertProblem(failure(oneTensor().kv("k", 13, s -> s.u32(0))),
                "metadata 'k' has unknown value type 13 (GGUF defines 0 to 12)");
        assertProblem(failure(oneTensor().array("k", 99, 1, s -> s.u32(0))), "metadata 'k' has unknown value type 99");
        assertProblem(failure(oneTensor().kv("k", BOOL, s -> s.u8(2))), "is a bool holding 2, neither 0 nor 1");
    }

    /** {@code levels} arrays, each the single element of the one around it, the innermost empty. */
    private static GgufBytes nested(int levels) {
        return oneTensor().kv("deep", ARRAY, s -> {
            for (int i = 1; i < levels; i++) {
                s.u32(ARRAY).u64(1);
            }
            s.u32(UINT8).u64(0);
        });
    }

    @Test
    void boundsTheNestingOfArrays() throws IOException {
        assertEquals(4, read(nested(8)).parameters().total());
        assertProblem(failure(nested(9)), "the array 'deep' nests arrays more than 8 deep");
    }

    @Test
    void refusesBadKeysAndNames() {
        assertProblem(failure(oneTensor().u8("k", 1).u8("k", 2)), "metadata key 'k' appears twice");
        assertProblem(failure(oneTensor().tensor("t", F32, 16, 4)), "tensor name 't' appears twice");
        assertProblem(failure(oneTensor().rawKv(s -> s.string("").u32(UINT8).u8(1))), "metadata key 1 is empty");
        assertProblem(failure(oneTensor().rawKv(s -> s.u64(65_536))),
                "metadata key 1 declares 65536 bytes, more than the 65535 the format allows");
        assertProblem(failure(new GgufBytes().tensor("n".repeat(65), F32, 4, 1)),
                "the name of tensor 0 declares 65 bytes, more than the 64 the format allows");
    }

    @Test
    void failsFastOnHugeDeclaredStringsAndArraysWithoutAllocating() {
        long huge = 1L << 60;
        assertProblem(failure(oneTensor().rawKv(s -> s.string("k").u32(STRING).u64(huge))),
                "the value of 'k' declares a string of 1152921504606846976 bytes, more than the 268435456-byte"
                        + " string limit");
        assertProblem(failure(oneTensor().rawKv(s -> s.string("k").u32(STRING).u64(100_000))),
                "the value of 'k' declares a string of 100000 bytes, but only");
        assertProblem(failure(oneTensor().array("k", UINT8, huge, s -> { })),
                "the array 'k' declares 1152921504606846976 uint8 elements, but only");
        assertProblem(failure(oneTensor().array("k", STRING, huge >> 1, s -> { })), // 2^59 × 8-byte lengths
                "the array 'k' declares 576460752303423488 string elements, but only");
        // 2^60 strings need 2^60 × 8 = 2^63 bytes, 2^62 u64 values 2^65: beyond a signed 64-bit size
        assertProblem(failure(oneTensor().array("k", STRING, huge, s -> { })),
                "the array 'k' declares 1152921504606846976 string elements: more than any file holds");
        assertProblem(failure(oneTensor().array("k", UINT64, 1L << 62, s -> { })),
                "the array 'k' declares 4611686018427387904 uint64 elements: more than any file holds");
        assertProblem(failure(oneTensor().array("k", UINT8, -1L, s -> { })),
                "the array 'k' declares 18446744073709551615 uint8 elements: more than any file holds");
    }

    @Test
    void refusesBadShapes() {
        assertProblem(failure(new GgufBytes().tensor("t", F32, 4, 1, 1, 1, 1, 1)),
                "tensor 't' has 5 dimensions; GGUF allows at most 4");
        assertProblem(failure(new GgufBytes().tensor("t", F32, 4, 1L << 32, 1L << 32)),
                "tensor 't' shape [4294967296, 4294967296] overflows a 64-bit element count");
        assertProblem(failure(new GgufBytes().tensor("t", F32, 4, 1L << 62)), // 2^62 × 4 bytes = 2^64
                "tensor 't' F32 [4611686018427387904]: byte size overflows 64 bits");
        assertProblem(failure(new GgufBytes().tensor("t", F32, 4, -1L)),
                "tensor 't' dimension 0 is 18446744073709551615, beyond 2^63 - 1");
        // ggml quantizes by rows: 48 is not a multiple of 32, although 48 × 2 = 96 elements are 3 blocks
        assertProblem(failure(new GgufBytes().tensor("t", Q4_0, 54, 48, 2)),
                "tensor 't' is Q4_0 [48, 2]: rows of 48 elements are not a whole number of Q4_0 blocks of 32");
    }

    @Test
    void refusesMisalignedOverlappingAndOutOfFileOffsets() {
        assertProblem(failure(new GgufBytes().tensorAt("t", F32, 16, 16, 4)),
                "tensor 't' data offset 16 is not a multiple of the alignment 32");
        assertProblem(failure(new GgufBytes().tensorAt("a", F32, 64, 0, 16).tensorAt("b", F32, 64, 32, 16)),
                "tensor 'b' at data offset 32 overlaps tensor 'a', which runs to data offset 64");
        // the header alone: the tensor starts a terabyte past the end of the file
        byte[] far = new GgufBytes().tensorAt("t", F32, 0, 1L << 40, 0).header();
        assertProblem(failure(far), "tensor 't' starts at data offset 1099511627776");
        assertProblem(failure(far), "beyond the end of the file (" + far.length + " bytes)");
        assertProblem(failure(new GgufBytes().tensorAt("t", F32, 0, -32L, 0).header()),
                "tensor 't' data offset 18446744073709551584 is beyond 2^63 - 1");
    }

    // ------------------------------------------------------------------------------------------ header only

    @Test
    void readsOnlyTheHeaderOfA100GigabyteFile(@TempDir Path dir) throws IOException {
        long elements = 50_000_000_000L;   // 5 × 10^10 BF16 elements
        long dataBytes = 2 * elements;     // × 2 bytes = 10^11 bytes (100 GB)
        GgufBytes gguf = tinyLlama().tensor("huge.weight", BF16, dataBytes, elements);
        byte[] header = gguf.header();
        Path file = dir.resolve("huge.gguf");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(header);
            raf.setLength(gguf.dataStart() + gguf.dataBytes()); // sparse: no data blocks are written
        }
        assertTrue(Files.size(file) > 100_000_000_000L);
        AtomicLong bytesRead = new AtomicLong();
        ModelSource counted = new ModelSource("huge.gguf", Files.size(file),
                () -> new CountingInputStream(Files.newInputStream(file), bytesRead, bytesRead));
        ModelFacts facts = reader.read(counted);
        assertEquals(1_268_992L + elements, facts.parameters().total()); // the tiny llama's and the huge tensor
        assertEquals(814_040L + dataBytes, facts.weightsBytes());
        // the reader buffers ahead at most one buffer past the last header byte it parses
        assertTrue(bytesRead.get() <= header.length + LittleEndianInput.BUFFER_BYTES,
                "read " + bytesRead.get() + " bytes; the header is " + header.length);
        assertFalse(bytesRead.get() > 1_000_000, "megabytes read from a 100 GB file");
    }

    @Test
    void recordsTheTensorLayoutLlamaCppHoldsBesideTheTensors() throws IOException {
        byte[] file = new GgufBytes().string("general.architecture", "llama")
                .tensor("token_embd.weight", 14, 210, 256, 1)   // Q6_K: one block of 256 in 210 bytes
                .tensor("blk.0.attn_q.weight", Q4_K, 288, 256, 2) // two Q4_K blocks of 144 bytes
                .tensor("blk.0.attn_norm.weight", F32, 1024, 256) // 1-D: not a matrix
                .toBytes();
        ModelFacts facts = read(file);
        var layout = facts.tensorLayout();
        assertEquals(Map.of("Q4_K", 288L), layout.matrixBytesByDtype(), "matrices other than the embedding, by type");
        assertEquals("Q6_K", layout.tokenEmbeddingDtype());
        assertEquals(210L, layout.tokenEmbeddingBytes());
        assertTrue(layout.tiedEmbeddings(), "no output.weight: the embedding is the output");
        // the data section starts after the header, aligned to 32; the tensors lie at 0 (210, padded to 224), 224
        // (288, to 512) and 512 (1024): 1536 bytes after it
        assertEquals(0, layout.headerBytes() % 32);
        assertTrue(layout.headerBytes() > 0 && layout.headerBytes() + 1536 <= file.length);
    }

    @Test
    void gemma3WindowsFiveOfEverySixLayersAsLlamaCppDoes() throws IOException {
        // llama.cpp set_swa_pattern(6): layer il is windowed when il % 6 < 5; of 26 layers, 5, 11, 17 and 23 are
        // full: 26 - 4 = 22 windowed
        ModelFacts facts = read(new GgufBytes().string("general.architecture", "gemma3")
                .u32("gemma3.block_count", 26).u32("gemma3.attention.sliding_window", 512)
                .tensor("t", F32, 32, 8));
        assertEquals(22, facts.architecture().slidingWindowLayers());
        // a declared period wins: 4 layers, period 2 -> layers 0 and 2 windowed
        ModelFacts declared = read(new GgufBytes().string("general.architecture", "gemma3")
                .u32("gemma3.block_count", 4).u32("gemma3.attention.sliding_window", 512)
                .u32("gemma3.attention.sliding_window_pattern", 2).tensor("t", F32, 32, 8));
        assertEquals(2, declared.architecture().slidingWindowLayers());
        // Mistral's window is in every layer: no count
        ModelFacts mistral = read(new GgufBytes().string("general.architecture", "llama")
                .u32("llama.block_count", 4).u32("llama.attention.sliding_window", 4096).tensor("t", F32, 32, 8));
        assertEquals(null, mistral.architecture().slidingWindowLayers());
    }
}
