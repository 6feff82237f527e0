package dev.openaccess.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.cyclonedx.CycloneDxExport;
import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.DescriptorJson;
import dev.openaccess.core.descriptor.DescriptorSchema;
import dev.openaccess.core.descriptor.Loading;
import dev.openaccess.core.descriptor.ModelEntry;
import dev.openaccess.core.estimate.EstimateSettings;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.policy.DenyUnsafeLoading;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code models[].loading}: every reader says what loading its model does; a model that executes code on load is
 * named in the summary, the blockers and the ML-BOM, and fails {@code denyUnsafeLoading}.
 */
class LoadingSafetyTest {

    @TempDir
    Path base;

    private Descriptor describe(String location) throws IOException {
        return new Describer().describe(TinyModels.request(base, location, false)).descriptor();
    }

    /** A descriptor of the tiny Llama whose model, as a pickle reader would report it, imports os.system. */
    private Descriptor unsafe() throws IOException {
        TinyModels.writeTinyLlama(base.resolve("model"));
        Descriptor safe = describe("model");
        ModelEntry model = safe.models().get(0);
        ModelEntry pickled = new ModelEntry(model.path(), "pytorch", model.sizeBytes(), model.sha256(),
                model.configPath(), model.architecture(), model.parameters(), model.weightsBytes(), model.tensors(),
                model.metadata(), model.notes(), model.shards(), Loading.executesCode(List.of("os.system",
                "collections.OrderedDict", "torch._utils._rebuild_tensor_v2")));
        List<ModelEntry> models = List.of(pickled);
        return Describer.assemble(safe.subject(), models, Describer.requirements(models, EstimateSettings.defaults(),
                HardwareCatalog.defaults()), null, HardwareCatalog.defaults());
    }

    @Test
    void everyCurrentReaderSaysItsModelIsSafeToLoad() throws IOException {
        TinyModels.writeTinyLlama(base.resolve("model"));
        Descriptor descriptor = describe("model");
        assertEquals(Loading.SAFE, descriptor.models().get(0).loading());
        assertTrue(DescriptorJson.toString(descriptor).contains("\"loading\": {\n        \"imports\": [],\n"
                + "        \"safe\": true\n      }"), DescriptorJson.toString(descriptor));
        assertTrue(new DenyUnsafeLoading().violation(descriptor).isEmpty());
    }

    @Test
    void aModelThatExecutesCodeOnLoadIsNamedEverywhere() throws Exception {
        Descriptor descriptor = unsafe();
        assertEquals(List.of(), DescriptorSchema.violations(DescriptorJson.toTree(descriptor)));
        assertEquals(List.of("collections.OrderedDict", "os.system", "torch._utils._rebuild_tensor_v2"),
                descriptor.models().get(0).loading().imports(), "sorted");
        String blocker = descriptor.readiness().blockers().get(0);
        assertEquals("loading model/model.safetensors (pytorch) executes code (it imports collections.OrderedDict,"
                + " os.system, torch._utils._rebuild_tensor_v2): whoever loads it runs what its producer wrote; load"
                + " it only from a producer you trust, or convert it to a format that holds only data (safetensors,"
                + " GGUF, ONNX)", blocker);
        assertTrue(DescriptorSummary.lines(descriptor).get(0).endsWith("; loading executes code (imports"
                + " collections.OrderedDict, os.system, torch._utils._rebuild_tensor_v2)"),
                DescriptorSummary.lines(descriptor).get(0));
        ByteArrayOutputStream bom = new ByteArrayOutputStream();
        String cyclonedx = new String(CycloneDxExport.toJson(descriptor), StandardCharsets.UTF_8);
        assertTrue(cyclonedx.contains("\"name\" : \"openaccess:model:loading\",\n") || cyclonedx.contains(
                "openaccess:model:loading"), cyclonedx);
        assertTrue(cyclonedx.contains("executes-code"), cyclonedx);
        assertTrue(cyclonedx.contains("collections.OrderedDict,os.system,torch._utils._rebuild_tensor_v2"));
        assertEquals(Optional.of("model/model.safetensors (pytorch) executes code on load, importing"
                + " collections.OrderedDict, os.system, torch._utils._rebuild_tensor_v2"),
                new DenyUnsafeLoading().violation(descriptor));
    }

    @Test
    void aDescriptorThatDoesNotSayIsNotTakenForSafeWhereTheFormatCanRunCode() throws IOException {
        Descriptor safe = unsafe();
        ModelEntry model = safe.models().get(0);
        ModelEntry silent = new ModelEntry(model.path(), "pytorch", model.sizeBytes(), null, null, null,
                model.parameters(), model.weightsBytes(), model.tensors(), null, null, null, null);
        ModelEntry onnx = new ModelEntry("m.onnx", "onnx", 1, null, null, null, model.parameters(), 1L, 1L, null, null,
                null, null);
        Descriptor older = new Descriptor(safe.schemaVersion(), safe.subject(), safe.generator(), List.of(silent, onnx),
                safe.requirements(), null, null, safe.readiness());
        assertEquals(Optional.of("model/model.safetensors (pytorch): the descriptor does not say whether loading it"
                + " executes code"), new DenyUnsafeLoading().violation(older), "an ONNX model needs no word");
    }

    private byte[] objectArray() {
        String dict = "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }";
        String header = dict + " ".repeat(118 - dict.length() - 1) + "\n"; // 10 + 118: the data at byte 128
        ByteArrayOutputStream npy = new ByteArrayOutputStream();
        npy.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
        npy.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        npy.writeBytes(new byte[] {(byte) 0x80, 2, ']', 'q', 0, '.'}); // a pickle: PROTO 2, EMPTY_LIST, STOP
        return npy.toByteArray();
    }

    @Test
    void theConsumerHoldsWhatLoadingDoesAgainstThePublishedClaim() throws IOException {
        Path jar = TinyModels.writeJar(base.resolve("arrays-1.0.jar"), java.util.Map.of("objects.npy",
                objectArray()));
        Descriptor own = new Describer().describe(TinyModels.request(base, "arrays-1.0.jar", false)).descriptor();
        ModelEntry model = own.models().get(0);
        ModelEntry claimedSafe = new ModelEntry("objects.npy", model.format(), model.sizeBytes(), null, null, null,
                model.parameters(), model.weightsBytes(), model.tensors(), null, null, null, Loading.SAFE);
        ModelEntry silent = new ModelEntry("objects.npy", model.format(), model.sizeBytes(), null, null, null,
                model.parameters(), model.weightsBytes(), model.tensors(), null, null, null, null);
        dev.openaccess.core.policy.DependencyJudge judge = new dev.openaccess.core.policy.DependencyJudge(
                new dev.openaccess.core.policy.Policy(List.of(new DenyUnsafeLoading())), EstimateSettings.defaults(),
                HardwareCatalog.defaults(), null, null, dependency -> null);
        dev.openaccess.core.policy.Dependency dependency = new dev.openaccess.core.policy.Dependency("org.example",
                "tiny", "1.0", "jar", jar);
        var inspection = judge.inspect(dependency);

        var lying = judge.judge(dependency, inspection, new dev.openaccess.core.policy.DescriptorLookup.Found(
                publish(own, claimedSafe)), false);
        assertEquals(dev.openaccess.core.policy.DependencyVerdict.Status.MISMATCH, lying.status(), lying::toString);
        assertTrue(lying.detail().contains("models[objects.npy].loading.safe: the descriptor says true, the file"
                + " holds false"), lying.detail());

        // an older descriptor says nothing: the file's own reading decides
        var older = judge.judge(dependency, inspection, new dev.openaccess.core.policy.DescriptorLookup.Found(
                publish(own, silent)), false);
        assertEquals(dev.openaccess.core.policy.DependencyVerdict.Status.VIOLATION, older.status(), older::toString);
        assertEquals("objects.npy (npy) executes code on load", older.violations().get(0).message());
    }

    private Path publish(Descriptor own, ModelEntry model) throws IOException {
        Descriptor published = new Descriptor(own.schemaVersion(), own.subject(), own.generator(), List.of(model),
                own.requirements(), own.openness(), own.access(), own.readiness());
        return Files.write(base.resolve("published-" + (model.loading() == null) + ".json"),
                DescriptorJson.toBytes(published));
    }

    /** A Keras 3 model with a Lambda layer (scripts/keras-fixtures.py): its code is in the config, run on load. */
    @Test
    void aKerasLambdaLayerExecutesCodeOnLoad() throws Exception {
        Files.createDirectories(base.resolve("keras"));
        try (var in = LoadingSafetyTest.class.getResourceAsStream("/dev/openaccess/core/format/keras/lambda.keras")) {
            Files.write(base.resolve("keras/lambda.keras"), in.readAllBytes());
        }
        Descriptor descriptor = describe("keras");
        ModelEntry model = descriptor.models().get(0);
        assertEquals("keras", model.format());
        assertEquals(144L, model.parameters().total());
        assertEquals(Loading.executesCode(List.of("keras.layers.Lambda")), model.loading());
        assertEquals(List.of(), DescriptorSchema.violations(DescriptorJson.toTree(descriptor)));
        assertTrue(new DenyUnsafeLoading().violation(descriptor).isPresent());
    }

    @Test
    void aNumpyObjectArrayIsAPickleAndExecutesCodeOnLoad() throws IOException {
        String dict = "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }";
        String header = dict + " ".repeat(118 - dict.length() - 1) + "\n"; // 10 + 118: the data at byte 128
        ByteArrayOutputStream npy = new ByteArrayOutputStream();
        npy.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
        npy.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        npy.writeBytes(new byte[] {(byte) 0x80, 2, ']', 'q', 0, '.'}); // a pickle: PROTO 2, EMPTY_LIST, STOP
        Files.createDirectories(base.resolve("arrays"));
        Files.write(base.resolve("arrays/objects.npy"), npy.toByteArray());
        Descriptor descriptor = describe("arrays");
        assertFalse(descriptor.models().get(0).loading().safe());
        assertTrue(descriptor.models().get(0).notes().get(1).contains("stored as a pickle that numpy.load runs"),
                descriptor.models().get(0).notes().toString());
        assertTrue(new DenyUnsafeLoading().violation(descriptor).isPresent());
    }

    @Test
    void aCheckpointWhosePickleWouldCreateAFileIsReadFlaggedAndNeverRun() throws IOException {
        Path witness = base.resolve("created-by-the-pickle");
        // as a malicious pytorch_model.bin holds it: REDUCE of os.system('touch <witness>') beside a real tensor
        byte[] pickle = dev.openaccess.core.format.TorchBytes.pickle(p -> {
            p.emptyOrderedDict().mark().string("w");
            dev.openaccess.core.format.TorchBytes.tensorOf(p, "FloatStorage", "0", 2, 3);
            p.string("payload").global("os", "system").string("touch " + witness).tupleOf(1).op('R').memoize()
                    .op('u');
        });
        Files.createDirectories(base.resolve("evil"));
        Files.write(base.resolve("evil/pytorch_model.bin"), dev.openaccess.core.format.TorchBytes.zip(
                "pytorch_model", pickle, List.of(dev.openaccess.core.format.TorchBytes.Tensor.of("w",
                        "FloatStorage", "0", 2, 3)), java.util.Map.of()));
        Descriptor descriptor = describe("evil");
        assertFalse(Files.exists(witness), "the reader ran the pickle");
        ModelEntry model = descriptor.models().get(0);
        assertEquals("pytorch", model.format());
        assertEquals(6, model.parameters().total());
        assertFalse(model.loading().safe());
        assertEquals(List.of("collections.OrderedDict", "os.system", "torch.FloatStorage",
                "torch._utils._rebuild_tensor_v2"), model.loading().imports());
        assertTrue(descriptor.readiness().blockers().stream().anyMatch(blocker -> blocker.startsWith(
                "loading evil/pytorch_model.bin (pytorch) executes code (it imports")), descriptor.readiness()
                .blockers().toString());
        assertEquals(Optional.of("evil/pytorch_model.bin (pytorch) executes code on load, importing"
                + " collections.OrderedDict, os.system, torch.FloatStorage, torch._utils._rebuild_tensor_v2"),
                new DenyUnsafeLoading().violation(descriptor));
    }

    @Test
    void aPlainCheckpointIsSafeAndSaysWhatItImports() throws IOException {
        Files.createDirectories(base.resolve("plain"));
        Files.write(base.resolve("plain/model.pt"), dev.openaccess.core.format.TorchBytes.zip("model", List.of(
                dev.openaccess.core.format.TorchBytes.Tensor.of("w", "FloatStorage", "0", 2, 3))));
        Descriptor descriptor = describe("plain");
        ModelEntry model = descriptor.models().get(0);
        assertTrue(model.loading().safe());
        assertEquals(List.of("collections.OrderedDict", "torch.FloatStorage", "torch._utils._rebuild_tensor_v2"),
                model.loading().imports());
        assertTrue(new DenyUnsafeLoading().violation(descriptor).isEmpty());
    }
}
