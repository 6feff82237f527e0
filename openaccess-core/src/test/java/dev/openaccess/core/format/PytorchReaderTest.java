package dev.openaccess.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.format.TorchBytes.Tensor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyTorch checkpoints and TorchScript archives as torch writes them ({@link TorchBytes}), read header-only. The
 * expected counts are the shapes' products, worked out by hand below; {@code scripts/verify-pytorch-fixtures.py}
 * loads the same bytes with Python's own unpickler (a stub in place of torch) and gets the same numbers.
 */
class PytorchReaderTest {

    @TempDir
    Path base;

    /**
     * A small MLP's state dict: fc1 (4×3 weight, 4 bias) in F32, fc2 (2×4, 2) in BF16, and a batch-norm counter,
     * an I64 scalar. F32 12 + 4 = 16, BF16 8 + 2 = 10, I64 1; bytes 16×4 + 10×2 + 8 = 92.
     */
    static List<Tensor> mlp() {
        return List.of(
                Tensor.of("fc1.weight", "FloatStorage", "0", 4, 3),
                Tensor.of("fc1.bias", "FloatStorage", "1", 4),
                Tensor.of("fc2.weight", "BFloat16Storage", "2", 2, 4),
                Tensor.of("fc2.bias", "BFloat16Storage", "3", 2),
                Tensor.of("bn.num_batches_tracked", "LongStorage", "4"));
    }

    private ModelFacts readZip(String name, byte[] bytes, ModelFormat format) throws IOException {
        Path file = Files.write(base.resolve(name), bytes);
        return new PytorchZipReader(format).read(ModelFile.ofFile(file, name, format == ModelFormat.TORCHSCRIPT
                ? FormatTable.TORCHSCRIPT : FormatTable.PYTORCH_ZIP).source());
    }

    private static ModelFacts readLegacy(byte[] bytes) throws IOException {
        return new PytorchLegacyReader().read(new ModelSource("model.pth", bytes.length,
                () -> new ByteArrayInputStream(bytes)));
    }

    private static void assertMlp(ModelFacts facts) {
        assertEquals(Map.of("F32", 16L, "BF16", 10L, "I64", 1L), facts.parameters().byDtype());
        assertEquals(27, facts.parameters().total());
        assertTrue(facts.parameters().exact());
        assertEquals(92L, facts.weightsBytes());
        assertEquals(5L, facts.tensors());
        assertTrue(facts.loading().safe(), facts.loading().toString());
        assertEquals(List.of("collections.OrderedDict", "torch.BFloat16Storage", "torch.FloatStorage",
                "torch.LongStorage", "torch._utils._rebuild_tensor_v2"), facts.loading().imports());
        assertEquals(List.of(), facts.warnings());
    }

    /**
     * With {@code -Dopenaccess.fixtures=DIR}, writes the checkpoints these tests read to DIR, for
     * {@code scripts/verify-pytorch-fixtures.py} to load with Python's own unpickler: an independent count.
     */
    @Test
    void writesTheFixturesForTheIndependentCheck() throws IOException {
        String dir = System.getProperty("openaccess.fixtures");
        if (dir == null) {
            return;
        }
        Path out = Files.createDirectories(Path.of(dir));
        Files.write(out.resolve("mlp.pt"), TorchBytes.zip("mlp", mlp()));
        Files.write(out.resolve("mlp-legacy.pth"), TorchBytes.legacy(mlp()));
        Files.write(out.resolve("tied.pt"), TorchBytes.zip("tied", List.of(
                Tensor.of("transformer.wte.weight", "FloatStorage", "0", 8, 4),
                Tensor.of("lm_head.weight", "FloatStorage", "0", 8, 4),
                Tensor.of("q", "FloatStorage", "1", 3, 4).at(0, 36),
                Tensor.of("k", "FloatStorage", "1", 3, 4).at(12, 36),
                Tensor.of("v", "FloatStorage", "1", 3, 4).at(24, 36))));
        Files.write(out.resolve("params.pt"), TorchBytes.zip("params", List.of(
                Tensor.of("w", "FloatStorage", "0", 5, 2).asParameter(),
                Tensor.of("b", "FloatStorage", "1", 5).asParameter())));
        Files.write(out.resolve("traced.pt"), TorchBytes.torchScript("traced",
                List.of(Tensor.of("weight", "FloatStorage", "0", 3, 3), Tensor.of("bias", "FloatStorage", "1", 3)),
                List.of(Tensor.of("c0", "HalfStorage", "0", 2))));
    }

    @Test
    void aZipCheckpointIsCountedFromItsPickle() throws IOException {
        ModelFacts facts = readZip("model.pt", TorchBytes.zip("model", mlp()), ModelFormat.PYTORCH);
        assertMlp(facts);
        assertEquals(ModelFormat.PYTORCH, facts.format());
        assertEquals("3", facts.metadata().get("pytorch.archiveVersion"));
        assertEquals("little", facts.metadata().get("pytorch.byteorder"));
        assertEquals("5", facts.metadata().get("pytorch.storages"));
    }

    @Test
    void aLegacyCheckpointIsCountedFromItsPicklesAndItsStorageSizes() throws IOException {
        ModelFacts facts = readLegacy(TorchBytes.legacy(mlp()));
        assertMlp(facts);
        assertEquals("little", facts.metadata().get("pytorch.byteorder"));
    }

    @Test
    void theFormatTableFindsAndReadsEachKind() throws IOException {
        Files.write(base.resolve("pytorch_model.bin"), TorchBytes.zip("pytorch_model", mlp()));
        Files.write(base.resolve("legacy.bin"), TorchBytes.legacy(mlp())); // the magic number, whatever the name
        Files.write(base.resolve("traced.pt"), TorchBytes.torchScript("traced", List.of(), List.of()));
        ModelFinder.Found found = new ModelFinder(base).find(List.of("."), true);
        assertEquals(List.of("legacy.bin pytorch", "pytorch_model.bin pytorch", "traced.pt torchscript"),
                found.models().stream().map(m -> m.path() + " " + m.format().id()).toList());
        for (ModelFile model : found.models()) {
            ModelFacts facts = model.kind().reader().orElseThrow().read(model.source());
            assertEquals(model.format(), facts.format());
        }
    }

    @Test
    void tiedWeightsCountOnceAndSlicesOfOneStorageEachCount() throws IOException {
        List<Tensor> tensors = List.of(
                // GPT-2's lm_head.weight is wte.weight: one storage, one view, saved under two names
                Tensor.of("transformer.wte.weight", "FloatStorage", "0", 8, 4),
                Tensor.of("lm_head.weight", "FloatStorage", "0", 8, 4),
                // a fused qkv projection of 3 × (3×4) saved as three views of one 36-element storage
                Tensor.of("q", "FloatStorage", "1", 3, 4).at(0, 36),
                Tensor.of("k", "FloatStorage", "1", 3, 4).at(12, 36),
                Tensor.of("v", "FloatStorage", "1", 3, 4).at(24, 36));
        ModelFacts facts = readZip("tied.pt", TorchBytes.zip("tied", tensors), ModelFormat.PYTORCH);
        assertEquals(Map.of("F32", 32L + 36L), facts.parameters().byDtype());
        assertEquals((32L + 36L) * 4, facts.weightsBytes());
        assertEquals(5L, facts.tensors(), "every entry of the state dict");
        assertEquals("1", facts.metadata().get("pytorch.tiedTensors"));
        assertEquals(List.of(), facts.warnings());
    }

    @Test
    void aSliceSavedAloneBringsItsWholeStorage() throws IOException {
        // torch.save({'head': big[:10]}) saves all 100 elements of big's storage
        ModelFacts facts = readZip("slice.pt", TorchBytes.zip("slice", List.of(
                Tensor.of("head", "FloatStorage", "0", 10).at(0, 100))), ModelFormat.PYTORCH);
        assertEquals(10, facts.parameters().total());
        assertEquals(400L, facts.weightsBytes());
        assertEquals(1, facts.warnings().size());
        assertTrue(facts.warnings().get(0).contains("1 storage holds 90 more elements than its tensors view"),
                facts.warnings().get(0));
    }

    @Test
    void overlappingViewsCountNoMoreThanTheirStorageHolds() throws IOException {
        // a tensor and a row of it; an expanded tensor (stride 0) of one element
        ModelFacts facts = readZip("views.pt", TorchBytes.zip("views", List.of(
                Tensor.of("w", "FloatStorage", "0", 4, 4),
                new Tensor("w0", "FloatStorage", "0", 16, 0, new long[] {4}, new long[] {1}, false),
                new Tensor("ones", "HalfStorage", "1", 1, 0, new long[] {1000}, new long[] {0}, false))),
                ModelFormat.PYTORCH);
        assertEquals(Map.of("F32", 16L, "F16", 1L), facts.parameters().byDtype());
        assertEquals(16L * 4 + 2, facts.weightsBytes());
    }

    @Test
    void parametersAreTheTensorsTheyWrap() throws IOException {
        ModelFacts facts = readZip("p.pt", TorchBytes.zip("p", List.of(
                Tensor.of("w", "FloatStorage", "0", 5, 2).asParameter(),
                Tensor.of("b", "FloatStorage", "1", 5).asParameter())), ModelFormat.PYTORCH);
        assertEquals(15, facts.parameters().total());
        assertEquals(2L, facts.tensors());
        assertTrue(facts.loading().safe());
        assertTrue(facts.loading().imports().contains("torch._utils._rebuild_parameter"));
    }

    @Test
    void newDtypesAreUntypedStoragesWithTheDtypeBesideThem() throws IOException {
        // _rebuild_tensor_v3(storage, offset, size, stride, requires_grad, hooks, dtype): float8 of 2×8 in 16 bytes
        byte[] pickle = TorchBytes.pickle(p -> {
            p.emptyOrderedDict().string("w8").global("torch._utils", "_rebuild_tensor_v3").mark();
            p.mark().string("storage").global("torch", "UntypedStorage").string("0").string("cpu").integer(16)
                    .tupleOf(99).op('Q');
            p.integer(0).ints(2, 8).ints(8, 1).bool(false).emptyOrderedDict().global("torch", "float8_e4m3fn")
                    .tupleOf(99).op('R').memoize().op('s');
        });
        Tensor storage = new Tensor("w8", "UntypedStorage", "0", 16, 0, new long[] {16}, new long[] {1}, false);
        ModelFacts facts = readZip("f8.pt", TorchBytes.zip("f8", pickle, List.of(storage), Map.of()),
                ModelFormat.PYTORCH);
        assertEquals(Map.of("F8_E4M3", 16L), facts.parameters().byDtype());
        assertEquals(16L, facts.weightsBytes());
        assertTrue(facts.loading().safe(), facts.loading().imports().toString());
    }

    @Test
    void aTorchScriptArchiveCountsItsAttributesAndItsConstants() throws IOException {
        ModelFacts facts = readZip("traced.pt", TorchBytes.torchScript("traced",
                List.of(Tensor.of("weight", "FloatStorage", "0", 3, 3), Tensor.of("bias", "FloatStorage", "1", 3)),
                List.of(Tensor.of("c0", "HalfStorage", "0", 2))), ModelFormat.TORCHSCRIPT);
        assertEquals(ModelFormat.TORCHSCRIPT, facts.format());
        assertEquals(Map.of("F32", 12L, "F16", 2L), facts.parameters().byDtype(), "data/0 and constants/0 differ");
        assertEquals(12L * 4 + 4, facts.weightsBytes());
        assertEquals(3L, facts.tensors());
        assertTrue(facts.loading().safe(), "its own compiled classes, __torch__.*, import no Python");
        assertTrue(facts.loading().imports().contains("__torch__.Net"));
        assertEquals("true", facts.metadata().get("torchscript.code"));
    }

    @Test
    void aStorageWhoseEntryIsMissingOrOfAnotherSizeIsRefused() throws IOException {
        byte[] pickle = TorchBytes.stateDict(List.of(Tensor.of("w", "FloatStorage", "0", 4)), false);
        ModelFormatException missing = assertThrows(ModelFormatException.class, () -> readZip("missing.pt",
                TorchBytes.zip("missing", pickle, List.of(), Map.of()), ModelFormat.PYTORCH));
        assertTrue(missing.getMessage().contains("storage '0' has no entry missing/data/0"), missing.getMessage());
        ModelFormatException size = assertThrows(ModelFormatException.class, () -> readZip("size.pt",
                TorchBytes.zip("size", pickle, List.of(Tensor.of("w", "FloatStorage", "0", 3)), Map.of()),
                ModelFormat.PYTORCH));
        assertTrue(size.getMessage().contains("entry size/data/0 holds 12 bytes, but its storage declares 4"
                + " elements of F32 (16 bytes)"), size.getMessage());
    }

    @Test
    void aViewPastItsStorageIsRefused() {
        Tensor outside = new Tensor("w", "FloatStorage", "0", 10, 4, new long[] {2, 4}, new long[] {4, 1}, false);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> readZip("past.pt",
                TorchBytes.zip("past", List.of(outside)), ModelFormat.PYTORCH));
        assertTrue(e.getMessage().contains("tensor 1 (_rebuild_tensor_v2) reaches element 11 of storage '0', which"
                + " holds 10"), e.getMessage());
    }

    @Test
    void aLegacyFileWhoseStoragesDoNotAddUpIsRefused() {
        byte[] whole = TorchBytes.legacy(mlp());
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 1);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> readLegacy(truncated));
        assertTrue(e.getMessage().contains("model.pth: storage '4' (8 bytes) declares 8 bytes, but only 7 bytes"
                + " remain"), e.getMessage());
        byte[] notTorch = TorchBytes.pickle(p -> p.integer(7));
        ModelFormatException magic = assertThrows(ModelFormatException.class, () -> readLegacy(notTorch));
        assertTrue(magic.getMessage().contains("does not start with torch.save's magic number"), magic.getMessage());
    }

    @Test
    void aPickleThatWouldRunCodeIsFlaggedAndNeverRun() throws IOException {
        Path witness = base.resolve("pwned");
        // what a malicious checkpoint holds: os.system('touch <witness>') as the state dict's value
        byte[] pickle = TorchBytes.pickle(p -> p.emptyOrderedDict().string("w").global("os", "system")
                .string("touch " + witness).tupleOf(1).op('R').memoize().op('s'));
        ModelFacts facts = readZip("evil.pt", TorchBytes.zip("evil", pickle, List.of(), Map.of()),
                ModelFormat.PYTORCH);
        assertFalse(Files.exists(witness), "the pickle was executed");
        assertFalse(facts.loading().safe());
        assertEquals(List.of("collections.OrderedDict", "os.system"), facts.loading().imports());
        assertTrue(facts.warnings().get(0).contains("its pickle imports os.system, beyond the torch and collections"
                + " callables a checkpoint needs"), facts.warnings().toString());
    }

    @Test
    void everyWayOfImportingIsSeen() throws IOException {
        // protocol 4's STACK_GLOBAL, protocol 0's INST, Python 2's module names, copyreg's extension registry
        byte[] pickle = new PickleBytes().op(0x80, 4)
                .string("builtins").string("exec").op(0x93).memoize().string("print(1)").tupleOf(1).op('R').op('0')
                .mark().op('i').raw("__builtin__\neval\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .op('0').global("__builtin__", "set").op('0').op(0x82, 7).op('0')
                .op('N').stop().bytes();
        ModelFacts facts = readZip("ways.pt", TorchBytes.zip("ways", pickle, List.of(), Map.of()),
                ModelFormat.PYTORCH);
        assertFalse(facts.loading().safe());
        assertEquals(List.of("__builtin__.eval", "__builtin__.set", "builtins.exec", "copyreg._extension_registry[7]"),
                facts.loading().imports());
        assertTrue(facts.warnings().get(0).contains("builtins.exec, __builtin__.eval, copyreg._extension_registry[7]"),
                facts.warnings().get(0));
    }

    @Test
    void aWholeModelSavedByClassExecutesItsCode() throws IOException {
        // torch.save(model): the model's class and copyreg's reconstructor, as pickle writes any object
        byte[] pickle = TorchBytes.pickle(p -> p.global("copy_reg", "_reconstructor").global("__main__", "Net")
                .global("torch.nn.modules.module", "Module").op('N').tupleOf(3).op('R').memoize()
                .op('}').memoize().op('b'));
        ModelFacts facts = readZip("whole.pt", TorchBytes.zip("whole", pickle, List.of(), Map.of()),
                ModelFormat.PYTORCH);
        assertFalse(facts.loading().safe());
        assertEquals(List.of("__main__.Net", "copy_reg._reconstructor", "torch.nn.modules.module.Module"),
                facts.loading().imports());
    }
}
