package dev.openaccess.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.SafetensorsBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFinderTest {

    /** A minimal llama config.json, for tests that put one beside weights. */
    static final String LLAMA_CONFIG = """
            {"model_type": "llama", "vocab_size": 32, "hidden_size": 8, "intermediate_size": 16,
             "num_hidden_layers": 1, "num_attention_heads": 2}""";

    @TempDir
    Path base;

    private Path weights(String path) throws IOException {
        return new SafetensorsBytes().tensor("w", "F32", 32, 4, 4).writeTo(base.resolve(path));
    }

    private Path file(String path, String text) throws IOException {
        Path file = base.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private List<ModelFile> find(boolean required, String... locations) throws IOException {
        return new ModelFinder(base, List.of(Path.of("target"))).find(List.of(locations), required).models();
    }

    private static List<String> paths(List<ModelFile> models) {
        return models.stream().map(ModelFile::path).toList();
    }

    @Test
    void aConfigBesideOneWeightsFileIsOneModel() throws IOException {
        weights("models/llama/model.safetensors");
        file("models/llama/config.json", LLAMA_CONFIG);
        file("models/llama/tokenizer.json", "{}");
        List<ModelFile> models = find(true, "models");
        assertEquals(1, models.size());
        ModelFile model = models.get(0);
        assertEquals("models/llama/model.safetensors", model.path());
        assertEquals(ModelFormat.SAFETENSORS, model.format());
        assertEquals("models/llama/config.json", model.configPath());
        assertEquals(base.resolve("models/llama/config.json"), model.config().file());
    }

    @Test
    void theConfigBesideTheWeightsIsFoundEvenWhenNotNamed() throws IOException {
        weights("models/llama/model.safetensors");
        file("models/llama/config.json", LLAMA_CONFIG);
        List<ModelFile> models = find(true, "models/**/*.safetensors");
        assertEquals("models/llama/config.json", models.get(0).configPath());
    }

    @Test
    void aConfigBesideSeveralWeightsFilesStandsAlone() throws IOException {
        weights("models/a.safetensors");
        weights("models/b.safetensors");
        file("models/config.json", LLAMA_CONFIG);
        List<ModelFile> models = find(true, "models");
        assertEquals(List.of("models/a.safetensors", "models/b.safetensors", "models/config.json"), paths(models));
        assertTrue(models.stream().allMatch(m -> m.config() == null));
    }

    @Test
    void globsMatchPathsRelativeToTheBaseAndSkipTheBuildOutput() throws IOException {
        weights("src/main/resources/one/model.safetensors");
        weights("models/two/model.safetensors");
        weights("target/classes/one/model.safetensors"); // a copy the build made
        assertEquals(List.of("models/two/model.safetensors", "src/main/resources/one/model.safetensors"),
                paths(find(true, "**/*.safetensors")));
        assertEquals(List.of("models/two/model.safetensors"), paths(find(true, "models/*/model.safetensors")));
        // named explicitly, the build output is read: it is where generated resources land
        assertEquals(List.of("target/classes/one/model.safetensors"), paths(find(false, "target/classes")));
    }

    @Test
    void eachFileIsListedOnceAndInOrder() throws IOException {
        weights("m/b.safetensors");
        weights("m/a.safetensors");
        assertEquals(List.of("m/a.safetensors", "m/b.safetensors"),
                paths(find(true, "m", "m/a.safetensors", "m/*.safetensors")));
    }

    @Test
    void namedLocationsMustExistAndHoldAModel() throws IOException {
        ModelFormatException missing = assertThrows(ModelFormatException.class, () -> find(true, "nope.safetensors"));
        assertEquals("nope.safetensors", missing.path());
        assertTrue(missing.problem().startsWith("does not exist"), missing.getMessage());

        file("docs/readme.txt", "hello");
        ModelFormatException empty = assertThrows(ModelFormatException.class, () -> find(true, "docs"));
        assertTrue(empty.problem().startsWith("no model file found there"), empty.getMessage());
        ModelFormatException notAModel = assertThrows(ModelFormatException.class, () -> find(true, "docs/readme.txt"));
        assertTrue(notAModel.problem().startsWith("not a model file openaccess recognises"), notAModel.getMessage());
    }

    @Test
    void defaultLocationsMayBeMissingOrEmpty() throws IOException {
        assertEquals(List.of(), find(false, "src/main/resources"));
        file("src/main/resources/app.properties", "a=b");
        assertEquals(List.of(), find(false, "src/main/resources"));
    }

    @Test
    void configsOfOtherToolsAreNotModels() throws IOException {
        file("res/tool/config.json", "{\"theme\": \"dark\"}");
        file("res/model/config.json", LLAMA_CONFIG);
        assertEquals(List.of("res/model/config.json"), paths(find(true, "res")));
    }

    @Test
    void hiddenFoldersAreSkipped() throws IOException {
        weights("res/.cache/model.safetensors");
        weights("res/model.safetensors");
        assertEquals(List.of("res/model.safetensors"), paths(find(true, "res")));
    }

    @Test
    void everyFormatIsFoundInAFolder() throws IOException {
        new GgufBytes().string("general.architecture", "llama").writeTo(base.resolve("res/model.gguf"));
        file("res/model.onnx", "");
        file("res/weights.npy", "");
        file("res/arrays.npz", "");
        weights("res/model.safetensors");
        ModelFinder finder = new ModelFinder(base);
        List<ModelFile> models = finder.find(List.of("res"), true).models();
        assertEquals(List.of("res/arrays.npz", "res/model.gguf", "res/model.onnx", "res/model.safetensors",
                "res/weights.npy"), paths(models));
        assertEquals(List.of(ModelFormat.NPZ, ModelFormat.GGUF, ModelFormat.ONNX, ModelFormat.SAFETENSORS,
                ModelFormat.NPY), models.stream().map(ModelFile::format).toList());
        assertEquals(List.of(), finder.warnings());
    }

    @Test
    void pathsAreRelativeWithForwardSlashesEvenOutsideTheBase(@TempDir Path elsewhere) throws IOException {
        Path outside = new SafetensorsBytes().tensor("w", "F32", 32, 1).writeTo(elsewhere.resolve("llama/m.safetensors"));
        List<ModelFile> models = find(true, outside.toString());
        assertEquals("llama/m.safetensors", models.get(0).path()); // its own folder down: no absolute path, no ..
        weights("a/b/c.safetensors");
        assertEquals("a/b/c.safetensors", find(true, "a/../a/b").get(0).path());
    }

    @Test
    void detectsByMagicBytesThenByName() throws IOException {
        byte[] safetensors = new SafetensorsBytes().tensor("w", "F32", 32, 1).toBytes();
        assertEquals(Optional.of(ModelFormat.SAFETENSORS), ModelDetector.detect(safetensors, "weights.bin"));
        assertEquals(Optional.of(ModelFormat.GGUF), ModelDetector.detect("GGUF\3\0\0\0".getBytes(StandardCharsets.US_ASCII),
                "model.bin"));
        assertEquals(Optional.of(ModelFormat.NPY), ModelDetector.detect(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y',
                1, 0}, "w.npy"));
        assertEquals(Optional.of(ModelFormat.NPZ), ModelDetector.detect(new byte[] {'P', 'K', 3, 4}, "w.npz"));
        assertEquals(Optional.empty(), ModelDetector.detect(new byte[] {'P', 'K', 3, 4}, "app.jar"));
        // a damaged file keeps its name's format, so its damage is reported rather than the file skipped
        assertEquals(Optional.of(ModelFormat.SAFETENSORS), ModelDetector.detect(new byte[] {1, 2}, "m.safetensors"));
        assertEquals(Optional.of(ModelFormat.ONNX), ModelDetector.detect(new byte[] {8, 7}, "m.onnx"));
        assertEquals(Optional.of(ModelFormat.HF_CONFIG), ModelDetector.detect("{".getBytes(StandardCharsets.US_ASCII),
                "config.json"));
        assertEquals(Optional.empty(), ModelDetector.detect("{}".getBytes(StandardCharsets.US_ASCII), "other.json"));
    }

    @Test
    void aFolderThatIsASymbolicLinkIsFollowed(@TempDir Path cache) throws IOException {
        // a model folder linked from a download cache, as Hugging Face's snapshots are
        new SafetensorsBytes().tensor("w", "F32", 32, 4, 4).writeTo(cache.resolve("snapshot/model.safetensors"));
        Files.createSymbolicLink(base.resolve("models"), cache.resolve("snapshot"));
        List<ModelFile> models = find(true, "models");
        assertEquals(List.of("models/model.safetensors"), models.stream().map(ModelFile::path).toList());
        // and a link inside a walked folder too
        Files.createDirectories(base.resolve("all"));
        Files.createSymbolicLink(base.resolve("all/linked"), cache.resolve("snapshot"));
        assertEquals(List.of("all/linked/model.safetensors"), find(true, "all").stream().map(ModelFile::path).toList());
    }

    @Test
    void aSymbolicLinkLoopIsCalledALoop() throws IOException {
        Files.createDirectories(base.resolve("models/a"));
        weights("models/a/m.safetensors");
        Files.createSymbolicLink(base.resolve("models/a/back"), base.resolve("models")); // models/a/back -> models
        ModelFormatException inside = assertThrows(ModelFormatException.class, () -> find(true, "models"));
        assertTrue(inside.getMessage().contains("is a symbolic link loop"), inside.getMessage());

        Files.createSymbolicLink(base.resolve("one"), base.resolve("two"));
        Files.createSymbolicLink(base.resolve("two"), base.resolve("one"));
        ModelFormatException named = assertThrows(ModelFormatException.class, () -> find(true, "one"));
        assertEquals("one: is a symbolic link loop: following it leads back to itself", named.getMessage());

        Files.createSymbolicLink(base.resolve("dangling"), base.resolve("gone"));
        ModelFormatException dangling = assertThrows(ModelFormatException.class, () -> find(true, "dangling"));
        assertEquals("dangling: is a symbolic link to " + base.resolve("gone") + ", which does not exist",
                dangling.getMessage());
    }
}
