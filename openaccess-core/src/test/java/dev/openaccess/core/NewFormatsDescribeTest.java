package dev.openaccess.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.DescriptorJson;
import dev.openaccess.core.descriptor.DescriptorSchema;
import dev.openaccess.core.descriptor.ModelEntry;
import dev.openaccess.core.format.OnnxBytes;
import dev.openaccess.core.format.TfliteBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder, end to end: an ONNX model, a TensorFlow Lite model and a TensorFlow.js model side by side are
 * three models, each counted, none dropped, and the shards beside the TensorFlow.js model are its parts.
 */
class NewFormatsDescribeTest {

    @TempDir
    Path base;

    private void write(String path, byte[] bytes) throws IOException {
        Path file = base.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    @Test
    void aFolderOfOnnxTfliteAndTfjsIsThreeModels() throws IOException {
        write("mixed/model.onnx", OnnxBytes.model(OnnxBytes.graph(new byte[0][], OnnxBytes.tensor("w", 1, 16, 4)))); // 4 F32
        write("mixed/selfie.tflite", TfliteBytes.tiny()); // 12 F32
        write("mixed/tfjs/model.json", ("{\"format\": \"graph-model\", \"modelTopology\": {\"node\": []},"
                + " \"weightsManifest\": [{\"paths\": [\"group1-shard1of1.bin\"], \"weights\": [{\"name\": \"w\","
                + " \"shape\": [5, 2], \"dtype\": \"float32\"}]}]}").getBytes(StandardCharsets.UTF_8));
        write("mixed/tfjs/group1-shard1of1.bin", new byte[40]);
        Describer.Result result = new Describer().describe(TinyModels.request(base, "mixed", false));
        Descriptor descriptor = result.descriptor();
        List<ModelEntry> models = descriptor.models();
        assertEquals(List.of("mixed/model.onnx onnx 4", "mixed/selfie.tflite tflite 12",
                "mixed/tfjs/model.json tfjs 10"), models.stream().map(m -> m.path() + " " + m.format() + " "
                + m.parameters().total()).toList());
        assertTrue(descriptor.unread().isEmpty(), descriptor.unread().toString());
        ModelEntry tfjs = models.get(2);
        assertEquals(List.of("mixed/tfjs/group1-shard1of1.bin"), tfjs.shards().stream().map(ModelEntry.Shard::path)
                .toList(), "the shard is sized and digested with its model");
        assertEquals(List.of(), DescriptorSchema.violations(DescriptorJson.toTree(descriptor)));
        assertTrue(result.warnings().stream().noneMatch(w -> w.contains("no reader counts")), result.warnings()
                .toString());
    }
}
