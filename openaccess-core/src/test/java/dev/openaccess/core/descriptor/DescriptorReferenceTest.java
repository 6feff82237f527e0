package dev.openaccess.core.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The site's descriptor reference ({@code src-site/markdown/descriptor.md}) names every field of the JSON Schema,
 * so documentation and contract cannot drift. Structures documented once are named once: each model's inference
 * (as {@code requirements.inference}), LoRA and QLoRA (as full fine-tuning), the lab and enterprise personas (as
 * the individual).
 */
class DescriptorReferenceTest {

    private static final List<String> DOCUMENTED_ONCE = List.of("requirements.models[].inference.",
            "requirements.fineTuning.lora.", "requirements.fineTuning.qlora.", "readiness.personas.lab.",
            "readiness.personas.enterprise.");

    @Test
    void everySchemaFieldIsInTheReference() throws IOException {
        JsonNode schema;
        try (InputStream in = DescriptorSchema.class.getResourceAsStream("openaccess-descriptor-1.0.schema.json")) {
            schema = new ObjectMapper().readTree(in);
        }
        List<String> paths = new ArrayList<>();
        walk(schema, schema.path("$defs"), "", paths);
        Path reference = Path.of("..", "src-site", "markdown", "descriptor.md");
        String text = Files.readString(reference);
        List<String> undocumented = paths.stream()
                .filter(path -> DOCUMENTED_ONCE.stream().noneMatch(path::startsWith))
                .filter(path -> !text.contains("| `" + path + "` |"))
                .toList();
        assertEquals(List.of(), undocumented, "fields of the schema missing from " + reference);
        assertTrue(paths.size() > 150, "the walk reached the whole schema: " + paths.size());
    }

    private static void walk(JsonNode node, JsonNode defs, String path, List<String> paths) {
        if (node.has("$ref")) {
            String name = node.path("$ref").asText().replace("#/$defs/", "");
            if (defs.path(name).has("properties") || defs.path(name).has("items")) {
                node = defs.path(name);
            }
        }
        if (!path.isEmpty()) {
            paths.add(path);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            walk(field.getValue(), defs, path.isEmpty() ? field.getKey() : path + "." + field.getKey(), paths);
        }
        if (node.path("additionalProperties").isObject()) {
            paths.add(path + ".*");
        }
        if (node.has("items")) {
            walk(node.path("items"), defs, path + "[]", paths);
        }
    }
}
