package dev.openaccess.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.format.TensorBundleBytes.Entry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TensorFlow SavedModels as {@code tf.saved_model.save} lays them out: {@code saved_model.pb}, and the variables'
 * checkpoint {@code variables/variables.index} ({@link TensorBundleBytes}) beside its data shard. The counts are the
 * shapes' products, worked out by hand.
 */
class SavedModelReaderTest {

    private static final int DT_FLOAT = 1;
    private static final int DT_STRING = 7;
    private static final int DT_INT64 = 9;
    private static final int DT_HALF = 19;

    @TempDir
    Path base;

    /**
     * Two dense layers, 3→4 and 4→2, in F32: kernels 12 and 8, biases 4 and 2, 26 parameters, 104 bytes; a step
     * counter (I64 scalar); the object graph, a string, left out.
     */
    private Path denseModel(int blockEntries) throws IOException {
        Path folder = Files.createDirectories(base.resolve("saved/variables"));
        // the graph's own constants (a saver file name, a reshape target) are no weights beside variables
        Files.write(base.resolve("saved/saved_model.pb"), new GraphDefBytes().strings("saver_filename", "model")
                .constant("reshape/shape", GraphDefBytes.DT_INT32, new long[] {2}, new byte[8]).savedModel());
        byte[] index = new TensorBundleBytes().header(1).blockEntries(blockEntries)
                .entry(new Entry("_CHECKPOINTABLE_OBJECT_GRAPH", DT_STRING, new long[0], 0, 50))
                .entry(new Entry("variables/0/.ATTRIBUTES/VARIABLE_VALUE", DT_FLOAT, new long[] {3, 4}, 50, 48))
                .entry(new Entry("variables/1/.ATTRIBUTES/VARIABLE_VALUE", DT_FLOAT, new long[] {4}, 98, 16))
                .entry(new Entry("variables/2/.ATTRIBUTES/VARIABLE_VALUE", DT_FLOAT, new long[] {4, 2}, 114, 32))
                .entry(new Entry("variables/3/.ATTRIBUTES/VARIABLE_VALUE", DT_FLOAT, new long[] {2}, 146, 8))
                .entry(new Entry("variables/4/.ATTRIBUTES/VARIABLE_VALUE", DT_INT64 + 100, new long[0], 154, 8))
                .bytes();
        Files.write(folder.resolve("variables.index"), index);
        Files.write(folder.resolve("variables.data-00000-of-00001"), new byte[162]);
        return base.resolve("saved/saved_model.pb");
    }

    private static ModelFacts read(Path savedModel, String path) throws IOException {
        return new SavedModelReader().read(ModelFile.ofFile(savedModel, path, FormatTable.SAVEDMODEL).source());
    }

    @Test
    void theVariablesAreCountedFromTheIndexAndTheShardsAreItsParts() throws IOException {
        for (int blockEntries : new int[] {1000, 2}) { // one data block, or several
            ModelFacts facts = read(denseModel(blockEntries), "saved/saved_model.pb");
            assertEquals(Map.of("F32", 26L, "I64", 1L), facts.parameters().byDtype());
            assertEquals(104L + 8, facts.weightsBytes());
            assertEquals(5L, facts.tensors());
            assertEquals(List.of("saved/variables/variables.index", "saved/variables/variables.data-00000-of-00001"),
                    facts.parts().stream().map(ModelSource::path).toList());
            assertTrue(facts.loading().safe());
            assertEquals(List.of(), facts.warnings());
            assertEquals("2", facts.metadata().get("savedmodel.graphConstants"));
            assertEquals("3", facts.metadata().get("savedmodel.graphConstantElements"));
            assertEquals("serve", facts.metadata().get("savedmodel.tags"));
            assertEquals("2.16.1", facts.metadata().get("tensorflow.version"));
            assertEquals("1", facts.metadata().get("savedmodel.shards"));
        }
    }

    /**
     * A model saved with its Adam optimizer: the kernel [3,4] F32 is the model's (12); its slot m [3,4] F32 and the
     * step counter I64 are the optimizer's (13 elements, 48 + 8 bytes), checked but not counted.
     */
    @Test
    void optimizerStateIsNoParameter() throws IOException {
        Path folder = Files.createDirectories(base.resolve("adam/variables"));
        Path pb = Files.write(base.resolve("adam/saved_model.pb"), new GraphDefBytes().savedModel());
        Files.write(folder.resolve("variables.index"), new TensorBundleBytes().header(1)
                .entry(new Entry("variables/0/.ATTRIBUTES/VARIABLE_VALUE", DT_FLOAT, new long[] {3, 4}, 0, 48))
                .entry(new Entry("variables/0/.OPTIMIZER_SLOT/optimizer/m/.ATTRIBUTES/VARIABLE_VALUE", DT_FLOAT,
                        new long[] {3, 4}, 48, 48))
                .entry(new Entry("optimizer/iter/.ATTRIBUTES/VARIABLE_VALUE", DT_INT64, new long[0], 96, 8))
                .bytes());
        Files.write(folder.resolve("variables.data-00000-of-00001"), new byte[104]);
        ModelFacts facts = read(pb, "adam/saved_model.pb");
        assertEquals(Map.of("F32", 12L), facts.parameters().byDtype());
        assertEquals(48L, facts.weightsBytes());
        assertEquals(1L, facts.tensors());
        assertEquals(List.of("adam/saved_model.pb: 2 tensors of optimizer state (13 elements, 56 bytes), kept for"
                + " training, are not counted as the model's parameters"), facts.warnings());
    }

    @Test
    void theFinderFindsTheSavedModelAsOneModel() throws IOException {
        denseModel(1000);
        ModelFinder.Found found = new ModelFinder(base).find(List.of("saved"), true);
        assertEquals(List.of("saved/saved_model.pb"), found.models().stream().map(ModelFile::path).toList());
        assertEquals(List.of(), found.unread());
    }

    /** Frozen into its graph: the constants are the weights, [3,4] and [4] F32, 16 elements, 64 bytes. */
    @Test
    void aSavedModelWithoutVariablesCountsItsGraphsConstants() throws IOException {
        Files.createDirectories(base.resolve("frozen"));
        Path pb = Files.write(base.resolve("frozen/saved_model.pb"), new GraphDefBytes()
                .constant("kernel", GraphDefBytes.DT_FLOAT, new long[] {3, 4}, new byte[48])
                .constant("bias", GraphDefBytes.DT_FLOAT, new long[] {4}, new byte[16]).savedModel());
        ModelFacts facts = read(pb, "frozen/saved_model.pb");
        assertEquals(Map.of("F32", 16L), facts.parameters().byDtype());
        assertEquals(64L, facts.weightsBytes());
        assertEquals(2L, facts.tensors());
        assertEquals(List.of("frozen/saved_model.pb: no variables/variables.index beside it: the weights counted are"
                + " the constants of its graph"), facts.warnings());
        assertEquals(List.of(), facts.parts());
    }

    @Test
    void aSavedModelOfNoMetaGraphIsRefused() throws IOException {
        Files.createDirectories(base.resolve("empty"));
        Path pb = Files.write(base.resolve("empty/saved_model.pb"), new byte[] {8, 1});
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(pb, "empty/saved_model.pb"));
        assertTrue(e.getMessage().contains("empty/saved_model.pb: holds no meta graph"), e.getMessage());
    }

    @Test
    void entriesPastTheirShardOrOfTheWrongSizeAreRefused() throws IOException {
        Files.createDirectories(base.resolve("bad/variables"));
        Path pb = Files.write(base.resolve("bad/saved_model.pb"), new GraphDefBytes().savedModel());
        Files.write(base.resolve("bad/variables/variables.data-00000-of-00001"), new byte[16]);
        Files.write(base.resolve("bad/variables/variables.index"), new TensorBundleBytes().header(1)
                .entry(new Entry("w", DT_HALF, new long[] {8}, 0, 16)).entry(new Entry("x", DT_FLOAT, new long[] {1},
                        12, 8)).bytes());
        ModelFormatException past = assertThrows(ModelFormatException.class, () -> read(pb, "bad/saved_model.pb"));
        assertTrue(past.getMessage().contains("tensor 'x' lies at 12 (8 bytes), past the end of"
                + " bad/variables/variables.data-00000-of-00001 (16 bytes)"), past.getMessage());
        Files.write(base.resolve("bad/variables/variables.index"), new TensorBundleBytes().header(1)
                .entry(new Entry("w", DT_HALF, new long[] {8}, 0, 12)).bytes());
        ModelFormatException size = assertThrows(ModelFormatException.class, () -> read(pb, "bad/saved_model.pb"));
        assertTrue(size.getMessage().contains("tensor 'w' of 8 F16 elements declares 12 bytes where they take 16"),
                size.getMessage());
        Files.write(base.resolve("bad/variables/variables.index"), new TensorBundleBytes().header(2).bytes());
        ModelFormatException shards = assertThrows(ModelFormatException.class, () -> read(pb, "bad/saved_model.pb"));
        assertTrue(shards.getMessage().contains("declares 2 data shards, and variables/variables.data-00000-of-00002"
                + " is missing"), shards.getMessage());
    }

    @Test
    void aFileThatIsNoTableIsRefusedInWords() throws IOException {
        Files.createDirectories(base.resolve("junk/variables"));
        Path pb = Files.write(base.resolve("junk/saved_model.pb"), new GraphDefBytes().savedModel());
        Files.write(base.resolve("junk/variables/variables.index"), new byte[64]);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(pb, "junk/saved_model.pb"));
        assertTrue(e.getMessage().contains("junk/variables/variables.index: does not end with the table magic number"),
                e.getMessage());
        // a table whose first key is a tensor: the header (key "") would sort before it
        Files.write(base.resolve("junk/variables/variables.index"), new TensorBundleBytes()
                .entry(new Entry("w", DT_FLOAT, new long[] {1}, 0, 4)).bytes());
        ModelFormatException unsorted = assertThrows(ModelFormatException.class, () -> read(pb,
                "junk/saved_model.pb"));
        assertTrue(unsorted.getMessage().contains("lists tensor 'w' before its header"), unsorted.getMessage());
    }
}
