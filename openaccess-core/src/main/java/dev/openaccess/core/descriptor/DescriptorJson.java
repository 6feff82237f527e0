package dev.openaccess.core.descriptor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Writes and reads descriptors as JSON.
 *
 * <p>Output is stable: properties and map keys sorted, two-space indentation, {@code \n} line ends on every
 * platform, a final newline, and null fields left out. The same descriptor always gives the same bytes.
 */
public final class DescriptorJson {

    /**
     * Descriptors come from strangers on the consumer side: bound what a read may take. Public so that a consumer's
     * download of a descriptor stops at the same size the reader would refuse.
     */
    public static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactory().setStreamReadConstraints(
                    StreamReadConstraints.builder()
                            .maxNestingDepth(64)
                            .maxStringLength(1_000_000)
                            .maxNumberLength(64)
                            .maxDocumentLength(MAX_DOCUMENT_BYTES)
                            .build()))
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // newer generators may add fields
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addModule(new SimpleModule("plain-decimals").addSerializer(Double.class, new PlainDoubleSerializer()))
            .build();

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private DescriptorJson() {
    }

    /** Writes {@code 34727981.4}, not {@code 3.47279814E7}: descriptors are read by people too. */
    private static final class PlainDoubleSerializer extends StdSerializer<Double> {

        private static final long serialVersionUID = 1L;

        PlainDoubleSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            if (value.isNaN() || value.isInfinite()) {
                throw new IllegalArgumentException("descriptor numbers must be finite, not " + value);
            }
            generator.writeNumber(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
        }
    }

    /** The descriptor as UTF-8 JSON bytes, ending with a newline. */
    public static byte[] toBytes(Descriptor descriptor) {
        return (toString(descriptor)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The descriptor as UTF-8 JSON bytes, checked against what a consumer reads: its size ({@link
     * #MAX_DOCUMENT_BYTES}) and the lengths and depths the consumer's parser accepts. A producer writes nothing that
     * {@code check} would refuse. Indented as {@link #toBytes} when that fits the size, else without indentation.
     *
     * @throws DescriptorException naming the limit and what to do
     */
    public static byte[] toCheckedBytes(Descriptor descriptor) throws DescriptorException {
        return toCheckedBytes(descriptor, MAX_DOCUMENT_BYTES);
    }

    /** As {@link #toCheckedBytes(Descriptor)} with another size limit: for tests, which need no 16 MiB documents. */
    static byte[] toCheckedBytes(Descriptor descriptor, int maxBytes) throws DescriptorException {
        byte[] bytes = toBytes(descriptor);
        if (bytes.length > maxBytes) {
            // Indentation is for people; a descriptor of thousands of models is read by tools. Without it, a glob of
            // 10,000 models (about 20 MB indented, with digests) takes about half the room.
            bytes = toCompactBytes(descriptor);
        }
        if (bytes.length > maxBytes) {
            throw new DescriptorException(String.format(java.util.Locale.ROOT, "the descriptor of %d models and %d"
                    + " unread files would be %,d bytes, more than the %,d%s that consumers read: check would"
                    + " refuse it. Describe fewer files in one artifact (narrow <models> or -Dopenaccess.models), or"
                    + " ship the models in several artifacts, each with its own descriptor", descriptor.models().size(),
                    descriptor.unread().size(), bytes.length, maxBytes, maxBytes == MAX_DOCUMENT_BYTES ? " (16 MiB)"
                    : ""));
        }
        try {
            readTree(new java.io.ByteArrayInputStream(bytes), "the descriptor");
        } catch (DescriptorException e) {
            throw new DescriptorException(e.getMessage() + ": consumers would refuse it (a metadata value or a name"
                    + " too long for their reader); leave the file that carries it out of <models>", e);
        }
        return bytes;
    }

    /** The descriptor as UTF-8 JSON without indentation, ending with a newline: as stable as {@link #toBytes}. */
    public static byte[] toCompactBytes(Descriptor descriptor) {
        try {
            return (MAPPER.writeValueAsString(descriptor) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write descriptor as JSON", e);
        }
    }

    /** The descriptor as JSON text, ending with a newline. */
    public static String toString(Descriptor descriptor) {
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(descriptor) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write descriptor as JSON", e);
        }
    }

    /** The descriptor as a JSON tree (for schema validation). */
    public static JsonNode toTree(Descriptor descriptor) {
        return MAPPER.valueToTree(descriptor);
    }

    /**
     * Reads a descriptor; fails with a message naming {@code source} when the bytes are not JSON or do not match the
     * descriptor schema.
     *
     * @param source what to call the input in error messages (a file name or artifact coordinates)
     */
    public static Descriptor read(InputStream in, String source) throws DescriptorException {
        JsonNode tree = readTree(in, source);
        DescriptorSchema.requireValid(tree, source); // before binding: a partial descriptor is named, not an NPE
        return fromTree(tree, source);
    }

    /** Parses JSON without binding it, so it can be validated against the schema first. */
    public static JsonNode readTree(InputStream in, String source) throws DescriptorException {
        try {
            JsonNode tree = MAPPER.readTree(in);
            if (tree == null || !tree.isObject()) {
                throw new DescriptorException(source + ": not a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new DescriptorException(source + ": not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DescriptorException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Any of the descriptor's records (or a record holding them) as JSON, written as descriptors are: what openaccess
     * keeps of its own between builds.
     */
    public static byte[] valueToBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Reads what {@link #valueToBytes} wrote, within the same bounds as a descriptor. */
    public static <T> T readValue(InputStream in, Class<T> type, String source) throws DescriptorException {
        try {
            T value = MAPPER.readValue(in, type);
            if (value == null) {
                throw new DescriptorException(source + ": empty");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw new DescriptorException(source + ": not readable as " + type.getSimpleName() + ": " + e.getMessage(),
                    e);
        }
    }

    /** Binds a parsed tree to the descriptor records. */
    public static Descriptor fromTree(JsonNode tree, String source) throws DescriptorException {
        try {
            return MAPPER.treeToValue(tree, Descriptor.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new DescriptorException(source + ": not an openaccess descriptor: " + e.getMessage(), e);
        }
    }
}
