package dev.openaccess.core.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a TensorFlow.js model ({@link Layout#FOLDER}): a {@code model.json} (layers or graph model) with its
 * {@code weightsManifest}, or a bare {@code *weights_manifest.json} (an array of the same groups), streamed with
 * Jackson's parser, the topology skipped. Each weight is counted from its {@code shape} and {@code dtype}; a
 * quantized weight ({@code quantization: {dtype, scale, min}}) is stored, and counted, as its quantized dtype
 * ({@code uint8}, {@code uint16}, {@code float16}). Each group's weights lie back to back in the shard files its
 * {@code paths} name beside the manifest: those are the model's parts, and their sizes must be the bytes the
 * weights take, as TensorFlow.js reads them in that order ({@code tfjs-core io.decodeWeights}).
 */
public final class TfjsReader implements ModelReader {

    /** A graph model's topology is the largest part of its model.json: a few megabytes for large networks. */
    static final int MAX_JSON_BYTES = 64 * 1024 * 1024;
    /** Far more weights than any model lists; bounds the walk of a file of empty weight entries. */
    static final int MAX_WEIGHTS = 1_000_000;
    /** Dimensions per weight, as the other readers' limit (numpy's NPY_MAXDIMS). */
    static final int MAX_DIMS = 64;
    /**
     * Groups and shard file names in all: real manifests list a few dozen 4 MB shards. Each is held until the shards
     * are checked, so a manifest of a million empty groups must not become a million objects.
     */
    static final int MAX_SHARDS = 100_000;
    /** tfjs-core's dtypes are a handful of short names; a longer one, or many unknown ones, is no manifest. */
    static final int MAX_DTYPE_CHARS = 32;
    static final int MAX_UNKNOWN_DTYPES = 16;
    private static final int MAX_METADATA_CHARS = 1024;
    /** How much of a weight's name a message shows. */
    private static final int MAX_SHOWN_NAME_CHARS = 200;

    /** Keras topologies nest a few levels per layer config; the weights manifest three. */
    private static final ObjectMapper JSON = JsonMapper.builder(new JsonFactory().setStreamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(64)
                            .maxStringLength(16 * 1024 * 1024).build()))
            .build();

    @Override
    public ModelFormat format() {
        return ModelFormat.TFJS;
    }

    /** One group of the manifest: its shard files and what its weights take in them. */
    private static final class Group {
        final List<String> paths = new ArrayList<>();
        long bytes;
        /**
         * Elements of weights whose bytes only the shards tell: strings (a length before each) and dtypes TensorFlow.js
         * does not define.
         */
        long stringElements;
    }

    /** What the parse has counted. */
    private static final class Tally {
        final String path;
        final WeightCount count;
        final List<Group> groups = new ArrayList<>();
        final Map<String, String> metadata = new TreeMap<>();
        final TreeSet<String> quantization = new TreeSet<>();
        final TreeSet<String> unknownDtypes = new TreeSet<>();
        long weights;
        long shards;
        long dequantizedBytes;
        boolean quantized;

        Tally(String path) {
            this.path = path;
            this.count = new WeightCount(path, "its weights");
        }

        /** One more group or shard name, refused past {@link #MAX_SHARDS}. */
        void shards(int more) throws ModelFormatException {
            shards += more;
            if (shards > MAX_SHARDS) {
                throw new ModelFormatException(path, "lists more than " + MAX_SHARDS + " weight groups and shard"
                        + " files");
            }
        }
    }

    @Override
    public ModelFacts read(ModelSource source) throws IOException {
        String path = source.path();
        if (source.size() > MAX_JSON_BYTES) {
            throw new ModelFormatException(path, "is " + source.size() + " bytes, larger than the " + MAX_JSON_BYTES
                    + "-byte limit for a TensorFlow.js model.json or weights manifest");
        }
        Tally tally = new Tally(path);
        try (InputStream in = source.open(); JsonParser json = JSON.getFactory().createParser(in)) {
            JsonToken first = json.nextToken();
            if (first == JsonToken.START_ARRAY) {
                groups(json, tally);
            } else if (first == JsonToken.START_OBJECT) {
                modelJson(json, tally);
            } else {
                throw new ModelFormatException(path, "is neither a TensorFlow.js model.json nor a weights manifest"
                        + " (JSON object or array)");
            }
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(path, "is not valid JSON: " + e.getOriginalMessage());
        } catch (CharConversionException e) {
            throw new ModelFormatException(path, "is not UTF-8 JSON: " + e.getMessage());
        }
        List<String> warnings = new ArrayList<>();
        if (!tally.unknownDtypes.isEmpty()) {
            warnings.add(path + ": dtypes that TensorFlow.js does not define: " + String.join(", ",
                    tally.unknownDtypes) + "; their elements are counted, their bytes are what the shards hold"
                    + " beyond the other weights'");
        }
        List<ModelSource> parts = shards(source, tally, warnings);
        if (tally.quantized) {
            tally.metadata.put("tfjs.quantization", String.join(",", tally.quantization));
            // what TensorFlow.js holds once it has dequantized the weights on load (to their dtype, float32)
            tally.metadata.put("tfjs.dequantizedBytes", Long.toString(tally.dequantizedBytes));
        }
        tally.metadata.put("tfjs.groups", Integer.toString(tally.groups.size()));
        return new ModelFacts(ModelFormat.TFJS, tally.count.parameters(), tally.count.weightsBytes(),
                tally.count.tensors(), null, tally.metadata, warnings).withParts(parts);
    }

    /** A model.json: the weights manifest and a few descriptive strings; the topology is skipped unread. */
    private static void modelJson(JsonParser json, Tally tally) throws IOException {
        boolean manifest = false;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "weightsManifest" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw new ModelFormatException(tally.path, "weightsManifest is not an array of groups");
                    }
                    groups(json, tally);
                    manifest = true;
                }
                case "format", "generatedBy", "convertedBy" -> {
                    if (value == JsonToken.VALUE_STRING && json.getTextLength() <= MAX_METADATA_CHARS) {
                        tally.metadata.put("tfjs." + field, json.getText());
                    }
                    json.skipChildren();
                }
                default -> json.skipChildren();
            }
        }
        if (!manifest) {
            throw new ModelFormatException(tally.path, "has no weightsManifest: not a TensorFlow.js model whose"
                    + " weights can be counted");
        }
    }

    /** {@code [{paths: [...], weights: [...]}, ...]}, the parser on the array's start. */
    private static void groups(JsonParser json, Tally tally) throws IOException {
        while (json.nextToken() == JsonToken.START_OBJECT) {
            Group group = new Group();
            tally.groups.add(group);
            tally.shards(1);
            String where = "weightsManifest[" + (tally.groups.size() - 1) + "]";
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("paths") && value == JsonToken.START_ARRAY) {
                    while (json.nextToken() == JsonToken.VALUE_STRING) {
                        tally.shards(1);
                        group.paths.add(json.getText());
                    }
                    expectEnd(json, JsonToken.END_ARRAY, tally, where + ".paths holds something other than names");
                } else if (field.equals("weights") && value == JsonToken.START_ARRAY) {
                    while (json.nextToken() == JsonToken.START_OBJECT) {
                        weight(json, tally, group, where);
                    }
                    expectEnd(json, JsonToken.END_ARRAY, tally, where + ".weights holds something other than"
                            + " weights");
                } else {
                    json.skipChildren();
                }
            }
        }
        expectEnd(json, JsonToken.END_ARRAY, tally, "the weights manifest holds something other than groups");
    }

    /** One weight {@code {name, shape, dtype, quantization?}}, the parser on its start. */
    private static void weight(JsonParser json, Tally tally, Group group, String where) throws IOException {
        if (++tally.weights > MAX_WEIGHTS) {
            throw new ModelFormatException(tally.path, "lists more than " + MAX_WEIGHTS + " weights");
        }
        String name = null;
        String dtype = null;
        String quantized = null;
        long[] shape = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "name" -> name = value == JsonToken.VALUE_STRING ? json.getText() : null;
                case "dtype" -> dtype = value == JsonToken.VALUE_STRING ? json.getText() : null;
                case "shape" -> shape = shape(json, value, tally, where);
                case "quantization" -> quantized = quantizationDtype(json, value);
                default -> json.skipChildren();
            }
        }
        String shown = name == null ? "" : name.length() > MAX_SHOWN_NAME_CHARS
                ? name.substring(0, MAX_SHOWN_NAME_CHARS) + "..." : name;
        String weight = "weight '" + shown + "' of " + where;
        if (dtype == null || shape == null) {
            throw new ModelFormatException(tally.path, weight + " has no " + (dtype == null ? "dtype" : "shape"));
        }
        long elements = Checked.elements(tally.path, weight, shape);
        String storedName = quantized != null ? quantized : dtype;
        if (storedName.length() > MAX_DTYPE_CHARS) {
            throw new ModelFormatException(tally.path, weight + " has a dtype of " + storedName.length()
                    + " characters, more than the " + MAX_DTYPE_CHARS + " of any TensorFlow.js dtype");
        }
        Optional<TfjsDtype> stored = TfjsDtype.of(quantized != null ? quantized : dtype);
        String key = stored.map(TfjsDtype::dtype).orElse("TFJS_" + (quantized != null ? quantized : dtype)
                .toUpperCase(Locale.ROOT));
        if (stored.isPresent() && stored.get().bytes() > 0) {
            long bytes = Checked.product(tally.path, weight + "'s bytes", elements, stored.get().bytes());
            group.bytes = Checked.sum(tally.path, where + "'s bytes", group.bytes, bytes);
            tally.count.tensor(key, elements, bytes);
        } else { // strings, and dtypes not in tfjs-core: the elements are counted, the shards give the bytes
            group.stringElements = Checked.sum(tally.path, where + "'s strings", group.stringElements, elements);
            tally.count.tensor(key, elements, null);
            if (stored.isEmpty() && tally.unknownDtypes.add(storedName)
                    && tally.unknownDtypes.size() > MAX_UNKNOWN_DTYPES) {
                throw new ModelFormatException(tally.path, "names more than " + MAX_UNKNOWN_DTYPES + " dtypes that"
                        + " TensorFlow.js does not define");
            }
        }
        if (quantized != null) {
            tally.quantized = true;
            tally.quantization.add(quantized);
            long original = TfjsDtype.of(dtype).map(TfjsDtype::bytes).filter(bytes -> bytes > 0).orElse(4);
            tally.dequantizedBytes = Checked.sum(tally.path, "the dequantized bytes", tally.dequantizedBytes,
                    Checked.product(tally.path, weight + "'s dequantized bytes", elements, original));
        }
    }

    private static long[] shape(JsonParser json, JsonToken value, Tally tally, String where) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw new ModelFormatException(tally.path, "a weight of " + where + " has a shape that is not an array");
        }
        long[] dims = new long[MAX_DIMS];
        int rank = 0;
        for (JsonToken token; (token = json.nextToken()) != JsonToken.END_ARRAY; ) {
            if (token != JsonToken.VALUE_NUMBER_INT) {
                throw new ModelFormatException(tally.path, "a weight of " + where + " has a shape that is not a list"
                        + " of whole numbers");
            }
            if (rank == MAX_DIMS) {
                throw new ModelFormatException(tally.path, "a weight of " + where + " has more than " + MAX_DIMS
                        + " dimensions");
            }
            dims[rank++] = json.getLongValue();
        }
        return java.util.Arrays.copyOf(dims, rank);
    }

    /** The {@code dtype} of a {@code quantization} object, or null when there is none. */
    private static String quantizationDtype(JsonParser json, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            json.skipChildren();
            return null;
        }
        String dtype = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken token = json.nextToken();
            if (field.equals("dtype") && token == JsonToken.VALUE_STRING) {
                dtype = json.getText();
            } else {
                json.skipChildren();
            }
        }
        return dtype;
    }

    private static void expectEnd(JsonParser json, JsonToken end, Tally tally, String otherwise)
            throws ModelFormatException {
        if (json.currentToken() != end) {
            throw new ModelFormatException(tally.path, otherwise);
        }
    }

    /**
     * The shard files of every group, found beside the manifest, their sizes checked against the bytes the group's
     * weights take. String weights take what the shards hold beyond the others.
     */
    private static List<ModelSource> shards(ModelSource source, Tally tally, List<String> warnings)
            throws IOException {
        List<ModelSource> parts = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        boolean unchecked = false;
        for (int g = 0; g < tally.groups.size(); g++) {
            Group group = tally.groups.get(g);
            String where = "weightsManifest[" + g + "]";
            if (group.paths.isEmpty() && (group.bytes > 0 || group.stringElements > 0)) {
                throw new ModelFormatException(tally.path, where + " lists weights but names no shard file");
            }
            long held = 0;
            for (String shard : group.paths) {
                Optional<ModelSource> file = source.resolve(shard); // refuses absolute names and '..'
                if (source.origin() == null) {
                    unchecked = true;
                    continue;
                }
                if (file.isEmpty()) {
                    throw new ModelFormatException(tally.path, where + " names shard '" + shard + "', which is"
                            + " missing beside it");
                }
                held = Checked.sum(tally.path, where + "'s shard sizes", held, file.get().size());
                if (seen.add(file.get().path())) {
                    parts.add(file.get());
                }
            }
            if (source.origin() == null) {
                if (group.stringElements > 0) {
                    warnings.add(tally.path + ": " + where + " holds weights whose bytes only its shards tell"
                            + " (strings): not counted, the model is not a file on disk");
                }
                continue;
            }
            if (group.stringElements > 0 ? held < group.bytes : held != group.bytes) {
                throw new ModelFormatException(tally.path, where + "'s weights take " + group.bytes + " bytes by"
                        + " their shapes and dtypes" + (group.stringElements > 0 ? " besides their strings" : "")
                        + ", but its shard files " + group.paths + " hold " + held);
            }
            if (group.stringElements > 0) {
                tally.count.bytes(held - group.bytes);
            }
        }
        if (unchecked) {
            warnings.add(tally.path + ": its shard files are not checked: the model is not a file on disk");
        }
        return parts;
    }
}
