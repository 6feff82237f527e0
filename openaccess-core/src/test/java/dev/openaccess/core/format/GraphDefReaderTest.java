package dev.openaccess.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frozen TensorFlow graphs written by {@link GraphDefBytes} from TensorFlow's .proto files. The counts are the
 * constants' shapes' products, worked out by hand in each test.
 */
class GraphDefReaderTest {

    @TempDir
    Path base;

    /**
     * A frozen 3→4 dense layer: kernel [3,4] F32 in tensor_content (12, 48 bytes), bias [4] F32 as one broadcast
     * float_val (4, 16 bytes), a reshape target [2] I32 (2, 8 bytes), class names [3] STRING ("cat", "dog", "emu":
     * 3 elements, 9 bytes stored), a function's F16 constant [5] (5, 10 bytes); a Placeholder and a MatMul, not
     * constants, the MatMul carrying a tensor under 'value' that must not count. 26 elements, 91 bytes, 5 tensors.
     */
    static byte[] frozenDense() {
        return new GraphDefBytes()
                .op("input", "Placeholder", null)
                .constant("dense/kernel", GraphDefBytes.DT_FLOAT, new long[] {3, 4}, new byte[48])
                .broadcastFloat("dense/bias", new long[] {4}, 0.5f)
                .constant("reshape/shape", GraphDefBytes.DT_INT32, new long[] {2}, new byte[8])
                .strings("labels", "cat", "dog", "emu")
                .op("dense/MatMul", "MatMul", GraphDefBytes.tensor(GraphDefBytes.DT_FLOAT, new long[] {100},
                        new byte[400], null))
                .function(GraphDefBytes.node("fn/half", "Const", GraphDefBytes.tensor(GraphDefBytes.DT_HALF,
                        new long[] {5}, new byte[10], null)))
                .graph();
    }

    private static ModelFacts read(String name, byte[] bytes) throws IOException {
        return new GraphDefReader().read(new ModelSource(name, bytes.length, () -> new ByteArrayInputStream(bytes)));
    }

    @Test
    void theConstantsAreTheWeights() throws IOException {
        ModelFacts facts = read("frozen_inference_graph.pb", frozenDense());
        assertEquals(ModelFormat.SAVEDMODEL, facts.format());
        assertEquals(Map.of("F32", 16L, "I32", 2L, "STRING", 3L, "F16", 5L), facts.parameters().byDtype());
        assertEquals(26L, facts.parameters().total());
        assertEquals(48L + 16 + 8 + 9 + 10, facts.weightsBytes());
        assertEquals(5L, facts.tensors());
        assertEquals("frozen-graphdef", facts.metadata().get("tensorflow.graph"));
        assertEquals("7", facts.metadata().get("tensorflow.nodes"));
        assertTrue(facts.loading().safe());
        assertEquals(List.of(), facts.warnings());
    }

    @Test
    void theFinderKnowsAFrozenGraphByItsBytesAndAnyOtherPbIsNoModel() throws IOException {
        Files.createDirectories(base.resolve("m"));
        Files.write(base.resolve("m/frozen_inference_graph.pb"), frozenDense());
        // a FileDescriptorSet, as protoc writes one: a .pb that is no graph
        Files.write(base.resolve("m/descriptors.pb"), TensorBundleBytes.message(out -> out.writeByteArray(1,
                TensorBundleBytes.message(file -> file.writeString(1, "a.proto")))));
        // a graph under another name is no frozen graph: .pb alone says nothing
        Files.write(base.resolve("m/graph.bin"), frozenDense());
        ModelFinder.Found found = new ModelFinder(base).find(List.of("m"), true);
        assertEquals(List.of("m/frozen_inference_graph.pb"), found.models().stream().map(ModelFile::path).toList());
        assertEquals(FormatTable.TF_GRAPHDEF, found.models().get(0).kind());
        assertEquals(List.of(), found.unread());
    }

    @Test
    void unknownTypesAreCountedUnderTheirNumberWithAWarning() throws IOException {
        ModelFacts facts = read("g.pb", new GraphDefBytes()
                .constant("a", 77, new long[] {2, 3}, new byte[1])
                .constant("b", 77, new long[] {4}, new byte[1]).graph());
        assertEquals(Map.of("TF_TYPE_77", 10L), facts.parameters().byDtype());
        assertEquals(0L, facts.weightsBytes());
        assertEquals(List.of("g.pb: 2 constants of data type 77, which types.proto does not define: their elements"
                + " and stored bytes are counted under TF_TYPE_77"), facts.warnings());
    }

    @Test
    void hostileGraphsAreRefusedInWords() {
        ModelFormatException overflow = assertThrows(ModelFormatException.class, () -> read("o.pb",
                new GraphDefBytes().constant("big", GraphDefBytes.DT_FLOAT, new long[] {1L << 32, 1L << 32},
                        new byte[0]).graph()));
        assertTrue(overflow.getMessage().contains("overflows a 64-bit element count"), overflow.getMessage());
        ModelFormatException unknown = assertThrows(ModelFormatException.class, () -> read("u.pb",
                new GraphDefBytes().constant("dyn", GraphDefBytes.DT_FLOAT, new long[] {-1, 3}, new byte[0]).graph()));
        assertTrue(unknown.getMessage().contains("constant 'dyn' has an unknown dimension (-1)"), unknown.getMessage());
        ModelFormatException empty = assertThrows(ModelFormatException.class, () -> read("e.pb", new byte[0]));
        assertTrue(empty.getMessage().contains("e.pb: holds no nodes"), empty.getMessage());
        // a node declaring 8 MiB in a file of a few bytes
        ModelFormatException truncated = assertThrows(ModelFormatException.class, () -> read("t.pb",
                new byte[] {0x0A, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04, 0x0A, 0x01, 'x'}));
        assertTrue(truncated.getMessage().contains("t.pb: truncated: a field declares 8388608 bytes"),
                truncated.getMessage());
        ModelFormatException wire = assertThrows(ModelFormatException.class, () -> read("w.pb",
                new byte[] {0x08, 0x01}));
        assertTrue(wire.getMessage().contains("field 1 should be a message but has wire type 0"), wire.getMessage());
    }
}
