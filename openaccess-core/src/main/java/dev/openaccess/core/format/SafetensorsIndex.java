package dev.openaccess.core.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A sharded safetensors model's {@code model.safetensors.index.json}: {@code weight_map} names the shard holding
 * each tensor, {@code metadata.total_size} (optional) the bytes of all tensors.
 *
 * @param weightMap tensor name → shard file name, relative to the index's folder
 * @param totalSize the declared total, or null
 */
public record SafetensorsIndex(Map<String, String> weightMap, Long totalSize) {

    /** The suffix that marks an index file. */
    public static final String SUFFIX = ".safetensors.index.json";

    /** Indexes of the largest models list tens of thousands of tensors in a few megabytes. */
    static final int MAX_INDEX_BYTES = 64 * 1024 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder(new JsonFactory().setStreamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(8).maxNumberLength(32).build()))
            .build();

    /** The shard file names, each once, sorted. */
    public TreeSet<String> shards() {
        return new TreeSet<>(weightMap.values());
    }

    public static SafetensorsIndex read(ModelSource source) throws IOException {
        String path = source.path();
        if (source.size() > MAX_INDEX_BYTES) {
            throw new ModelFormatException(path, "is " + source.size() + " bytes, larger than the " + MAX_INDEX_BYTES
                    + "-byte limit for a safetensors index");
        }
        JsonNode root;
        try (InputStream in = source.open()) {
            root = JSON.readTree(in.readNBytes(MAX_INDEX_BYTES));
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(path, "is not valid JSON: " + e.getOriginalMessage());
        } catch (CharConversionException e) {
            // Found by fuzzing: leading zero bytes make the parser guess UTF-32, and then fail to decode.
            throw new ModelFormatException(path, "is not UTF-8 JSON: " + e.getMessage());
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject() || map.isEmpty()) {
            throw new ModelFormatException(path, "has no weight_map naming the shards of its tensors");
        }
        Map<String, String> weightMap = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new ModelFormatException(path, "weight_map." + entry.getKey() + " is not a file name");
            }
            weightMap.put(entry.getKey(), checkedShardName(path, entry.getValue().textValue()));
        }
        JsonNode total = root.path("metadata").get("total_size");
        Long totalSize = total != null && total.isIntegralNumber() && total.canConvertToLong() ? total.longValue()
                : null;
        return new SafetensorsIndex(weightMap, totalSize);
    }

    /** Shards sit beside their index: a name that is a path, absolute or climbing out, is refused. */
    private static String checkedShardName(String path, String shard) throws ModelFormatException {
        if (shard.isEmpty() || shard.contains("/") || shard.contains("\\") || shard.equals("..")
                || shard.equals(".")) {
            throw new ModelFormatException(path, "names shard '" + shard + "', which is not a file beside the index");
        }
        return shard;
    }
}
