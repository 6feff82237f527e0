package dev.openaccess.core.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The JSON Schema of descriptor version 1.0, shipped as a resource, and validation against it. */
public final class DescriptorSchema {

    /** Class-path location of the schema, for tools that want the file itself. */
    public static final String RESOURCE = "/dev/openaccess/core/descriptor/openaccess-descriptor-1.0.schema.json";

    private static final JsonSchema SCHEMA = load();

    private DescriptorSchema() {
    }

    /** Schema violations of {@code descriptor}, each as a readable line; empty when it is valid. */
    public static List<String> violations(JsonNode descriptor) {
        return SCHEMA.validate(descriptor).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    /** Throws, naming {@code source} and every violation, unless the tree is a valid descriptor. */
    public static void requireValid(JsonNode descriptor, String source) throws DescriptorException {
        List<String> violations = violations(descriptor);
        if (!violations.isEmpty()) {
            throw new DescriptorException(source + ": does not match the openaccess descriptor schema "
                    + Descriptor.SCHEMA_VERSION + ":\n  " + String.join("\n  ", violations));
        }
    }

    private static JsonSchema load() {
        try (InputStream in = DescriptorSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + RESOURCE);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
