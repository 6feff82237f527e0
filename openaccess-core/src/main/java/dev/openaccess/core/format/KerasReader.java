package dev.openaccess.core.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.openaccess.core.descriptor.Loading;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads Keras models: a Keras 2 {@code .h5} ({@code model.save("m.h5")}: root attributes {@code keras_version},
 * {@code backend}, {@code model_config}, the weights under {@code model_weights}, the optimizer's under
 * {@code optimizer_weights}; or {@code save_weights}: the layer groups at the root), and a Keras 3 {@code .keras}
 * zip ({@code config.json}, {@code metadata.json}, {@code model.weights.h5} with {@code layers/<name>/vars/<i>} and
 * {@code optimizer/vars/<i>}). The HDF5 is read with jhdf (pure Java, MIT): its groups, attributes and each
 * dataset's dataspace and datatype messages, never dataset data. Every dataset is a weight but those under a
 * top-level {@code optimizer} or {@code optimizer_weights} group, which are checked, left out and warned of.
 *
 * <p>A {@code Lambda} layer keeps Python code in the model's config (Keras 2: marshalled bytecode under
 * {@code function}; Keras 3: {@code __lambda__} with {@code code}): loading the model runs it, so the model is
 * {@code executes-code}, importing {@code keras.layers.Lambda}.
 *
 * <p>jhdf reads HDF5 by random access from a file: a {@code .h5} inside a jar, and a {@code .keras}'s
 * {@code model.weights.h5}, are copied to a temporary file first (deleted after), never interpreted beyond their
 * structure. Soft and external links are not followed; a hard-linked object is counted once.
 */
public final class KerasReader implements ModelReader {

    /** Keras nests a group per model and layer: a few levels; recursion must stay bounded. */
    static final int MAX_DEPTH = 32;
    /** Far more groups and datasets than any model holds. */
    static final int MAX_OBJECTS = 1_000_000;
    /** A model's config is JSON of a few kilobytes per layer: a large model's is a few megabytes. */
    static final int MAX_CONFIG_BYTES = 16 * 1024 * 1024;
    /** Keras configs nest models inside layers inside models: tens of levels, not hundreds. */
    static final int MAX_CONFIG_DEPTH = 256;
    static final String LAMBDA = "keras.layers.Lambda";
    private static final int MAX_NAMED_LAMBDAS = 10;
    private static final Set<String> OPTIMIZER_GROUPS = Set.of("optimizer", "optimizer_weights");
    private static final ObjectMapper JSON = JsonMapper.builder(new JsonFactory().setStreamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(MAX_CONFIG_DEPTH).maxNumberLength(64).build()))
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python's json writes NaN and Infinity
            .build();

    private final boolean archive;

    /** @param archive true for a Keras 3 {@code .keras} zip, false for an HDF5 {@code .h5} */
    public KerasReader(boolean archive) {
        this.archive = archive;
    }

    @Override
    public ModelFormat format() {
        return ModelFormat.KERAS;
    }

    @Override
    public ModelFacts read(ModelSource source) throws IOException {
        Tally tally = new Tally(source.path());
        if (archive) {
            readKeras3(source, tally);
        } else {
            Path onDisk = source.origin() != null && source.origin().entry() == null ? source.origin().file() : null;
            if (onDisk != null) {
                readH5(onDisk, tally, true);
            } else {
                withTemporaryCopy(source, file -> readH5(file, tally, true));
            }
        }
        return tally.facts();
    }

    private static void readKeras3(ModelSource source, Tally tally) throws IOException {
        try (ZipArchive zip = source.archive()) {
            Set<String> names = new HashSet<>();
            zip.files().forEach(entry -> names.add(entry.getName()));
            if (!names.contains("config.json")) {
                throw new ModelFormatException(tally.path, "holds no config.json: not a Keras model");
            }
            tally.config(text(zip.entry("config.json"), tally.path));
            if (names.contains("metadata.json")) {
                JsonNode metadata = json(text(zip.entry("metadata.json"), tally.path), tally.path);
                if (metadata.path("keras_version").isTextual()) {
                    tally.metadata.put("keras.version", shortText(metadata.get("keras_version").asText()));
                }
            }
            if (names.contains("model.weights.h5")) {
                withTemporaryCopy(zip.entry("model.weights.h5"), file -> readH5(file, tally, false));
            } else {
                tally.warnings.add(tally.path + ": holds no model.weights.h5: a model without weights");
            }
        }
    }

    @FunctionalInterface
    private interface FileReader {
        void read(Path file) throws IOException;
    }

    private static void withTemporaryCopy(ModelSource source, FileReader reader) throws IOException {
        Path copy = Files.createTempFile("openaccess-keras", ".h5");
        try {
            try (InputStream in = source.open()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            reader.read(copy);
        } finally {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException stillMapped) {
                copy.toFile().deleteOnExit(); // Windows keeps a mapped file until its buffer is collected
            }
        }
    }

    /** One HDF5 file's weights; {@code keras2} when its root attributes may hold the Keras 2 config. */
    private static void readH5(Path file, Tally tally, boolean keras2) throws IOException {
        try (HdfFile hdf = open(file)) {
            if (keras2) {
                Map<String, Attribute> attributes = hdf.getAttributes();
                for (String key : List.of("keras_version", "backend")) {
                    String value = stringAttribute(attributes.get(key), tally);
                    if (value != null) {
                        tally.metadata.put("keras." + (key.equals("keras_version") ? "version" : key),
                                shortText(value));
                    }
                }
                String config = stringAttribute(attributes.get("model_config"), tally);
                if (config != null) {
                    tally.config(config.getBytes(StandardCharsets.UTF_8));
                }
                tally.marked = tally.sawConfig || attributes.containsKey("layer_names")
                        || hdf.getChildren().containsKey("model_weights");
            }
            walk(hdf, 0, false, tally);
        } catch (RuntimeException | StackOverflowError e) {
            // jhdf's own checks (HdfException) and what a damaged file makes it meet: refused in words
            throw new ModelFormatException(tally.path, "is not a readable HDF5 file: " + e);
        }
    }

    /**
     * The file mapped as one buffer, up to 2 GiB. Found by fuzzing: read from a file, jhdf allocates each structure
     * at the size the file declares (an object header of 2 GiB in a file of 2 KiB); mapped, it only slices the
     * buffer, and a size past its end fails. A larger file cannot be one buffer: it is read through jhdf's file
     * reads, trusted as far as the sizes it declares.
     */
    private static HdfFile open(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE) {
            return new HdfFile(file);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return HdfFile.fromByteBuffer(channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
        }
    }

    private static String stringAttribute(Attribute attribute, Tally tally) throws ModelFormatException {
        if (attribute == null) {
            return null;
        }
        if (attribute.getSizeInBytes() > MAX_CONFIG_BYTES) {
            throw new ModelFormatException(tally.path, "attribute '" + attribute.getName() + "' holds "
                    + attribute.getSizeInBytes() + " bytes, more than the " + MAX_CONFIG_BYTES + "-byte limit");
        }
        Object data = attribute.getData();
        if (data instanceof String text) {
            return text;
        }
        return null;
    }

    private static void walk(Group group, int depth, boolean optimizer, Tally tally) throws ModelFormatException {
        if (depth > MAX_DEPTH) {
            throw new ModelFormatException(tally.path, "its groups nest more than " + MAX_DEPTH + " deep");
        }
        for (Node child : group.getChildren().values()) {
            if (++tally.objects > MAX_OBJECTS) {
                throw new ModelFormatException(tally.path, "holds more than " + MAX_OBJECTS + " groups and datasets");
            }
            if (child.isLink()) {
                tally.links++;
                continue;
            }
            if (!tally.visited.add(child.getAddress())) {
                continue; // a hard link to an object already counted (or to a group above: a cycle)
            }
            boolean underOptimizer = optimizer || depth == 0 && OPTIMIZER_GROUPS.contains(child.getName());
            if (child instanceof Dataset dataset) {
                dataset(dataset, underOptimizer ? tally.optimizer : tally.count, tally);
            } else if (child instanceof Group inner) {
                walk(inner, depth + 1, underOptimizer, tally);
            }
        }
    }

    private static void dataset(Dataset dataset, WeightCount count, Tally tally) throws ModelFormatException {
        String what = "dataset '" + dataset.getPath() + "'";
        // the dataspace's shape, whether its data was ever written or not (jhdf's isEmpty says the latter)
        int[] dims = dataset.getDimensions();
        long elements;
        if (dims.length == 0 && !dataset.isScalar()) {
            elements = 0; // a null dataspace: no elements at all
        } else {
            long[] shape = new long[dims.length];
            for (int i = 0; i < dims.length; i++) {
                shape[i] = dims[i];
            }
            elements = Checked.elements(tally.path, what, shape);
        }
        DataType type = dataset.getDataType();
        String dtype = dtype(type);
        if (dataset.isVariableLength() || type.getSize() <= 0) {
            tally.unsized.add(dtype);
            count.tensor(dtype, elements, null);
        } else {
            count.tensor(dtype, elements, Checked.bytes(tally.path, what, elements, 8L * type.getSize()));
        }
    }

    /** The descriptor's name of an HDF5 datatype: floats and integers by width, any other by its class. */
    private static String dtype(DataType type) {
        int bits = 8 * type.getSize();
        if (type instanceof FloatingPoint && (bits == 16 || bits == 32 || bits == 64)) {
            return "F" + bits;
        }
        if (type instanceof FixedPoint fixed && (bits == 8 || bits == 16 || bits == 32 || bits == 64)) {
            return (fixed.isSigned() ? "I" : "U") + bits;
        }
        return "HDF5_CLASS_" + type.getDataClass() + "_" + type.getSize();
    }

    private static byte[] text(ModelSource entry, String path) throws IOException {
        if (entry.size() > MAX_CONFIG_BYTES) {
            throw new ModelFormatException(path, entry.path() + " is " + entry.size() + " bytes, more than the "
                    + MAX_CONFIG_BYTES + "-byte limit");
        }
        try (InputStream in = entry.open()) {
            return in.readNBytes(MAX_CONFIG_BYTES);
        }
    }

    private static JsonNode json(byte[] text, String path) throws ModelFormatException {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(path, "its Keras config is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ModelFormatException(path, "its Keras config is not UTF-8 JSON: " + e.getMessage());
        }
    }

    private static String shortText(String text) {
        return text.length() > 64 ? text.substring(0, 64) : text;
    }

    /** What the reading has found. */
    private static final class Tally {
        final String path;
        final WeightCount count;
        final WeightCount optimizer;
        final Map<String, String> metadata = new TreeMap<>();
        final List<String> warnings = new ArrayList<>();
        final Set<Long> visited = new HashSet<>();
        final Set<String> unsized = new TreeSet<>();
        final List<String> lambdas = new ArrayList<>();
        long objects;
        long links;
        boolean sawConfig;
        boolean marked = true;

        Tally(String path) {
            this.path = path;
            this.count = new WeightCount(path);
            this.optimizer = new WeightCount(path, "the optimizer's datasets");
        }

        /** The model's config: every layer whose class is {@code Lambda}, walked without recursion. */
        void config(byte[] text) throws ModelFormatException {
            sawConfig = true;
            Deque<JsonNode> pending = new ArrayDeque<>();
            pending.push(json(text, path));
            while (!pending.isEmpty()) {
                JsonNode node = pending.pop();
                if (node.isObject() && "Lambda".equals(node.path("class_name").asText(null))) {
                    lambdas.add(node.path("config").path("name").asText("?"));
                }
                if (node.isContainerNode()) {
                    node.forEach(pending::push);
                }
            }
        }

        ModelFacts facts() {
            if (!marked) {
                warnings.add(path + ": an HDF5 file without Keras's attributes (model_config, layer_names) or"
                        + " model_weights group: every dataset in it is counted as a weight");
            }
            if (optimizer.tensors() > 0) {
                warnings.add(path + ": " + optimizer.tensors() + " datasets of optimizer state ("
                        + optimizer.total() + " elements), kept for training, are not counted as the model's"
                        + " parameters");
            }
            if (!unsized.isEmpty()) {
                warnings.add(path + ": datasets of variable-length types " + unsized + ": their elements are"
                        + " counted, their bytes are not");
            }
            if (links > 0) {
                warnings.add(path + ": " + links + " soft or external links, not followed: what they point to is"
                        + " not counted");
            }
            Loading loading = Loading.SAFE;
            if (!lambdas.isEmpty()) {
                List<String> named = lambdas.subList(0, Math.min(lambdas.size(), MAX_NAMED_LAMBDAS));
                warnings.add(path + ": " + lambdas.size() + " Lambda layers (" + String.join(", ", named)
                        + (lambdas.size() > named.size() ? ", ..." : "") + ") keep Python code in the model's"
                        + " config: loading the model runs it");
                loading = Loading.executesCode(List.of(LAMBDA));
            }
            return new ModelFacts(ModelFormat.KERAS, count.parameters(), count.weightsBytes(), count.tensors(), null,
                    metadata, warnings).withLoading(loading);
        }
    }
}
