package dev.openaccess.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openaccess.core.descriptor.DescriptorJson;
import dev.openaccess.core.policy.ReadingCache;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The site's limits page ({@code src-site/markdown/limits.md}) states every limit's value as the code has it, so
 * the page and the code cannot drift. Each row names its constant in its last column; the values are read from the
 * classes themselves (the JSON limits from the parsers' effective constraints), not copied here.
 */
class LimitsPageTest {

    private static final Path PAGE = Path.of("..", "src-site", "markdown", "limits.md");

    @Test
    void everyLimitIsStatedWithTheCodesValue() throws Exception {
        Map<String, Long> limits = new LinkedHashMap<>();
        limits.put("SafetensorsReader.MAX_HEADER_BYTES", SafetensorsReader.MAX_HEADER_BYTES);
        json(limits, SafetensorsReader.class, "JSON", false);
        limits.put("SafetensorsIndex.MAX_INDEX_BYTES", (long) SafetensorsIndex.MAX_INDEX_BYTES);
        limits.put("SafetensorsIndex.JSON.maxNestingDepth", (long) constraints(SafetensorsIndex.class, "JSON")
                .getMaxNestingDepth());
        limits.put("GgufReader.MAX_KEY_BYTES", (long) GgufReader.MAX_KEY_BYTES);
        limits.put("GgufReader.MAX_TENSOR_NAME_BYTES", (long) GgufReader.MAX_TENSOR_NAME_BYTES);
        limits.put("GgufReader.MAX_STRING_BYTES", GgufReader.MAX_STRING_BYTES);
        limits.put("GgufReader.MAX_ARRAY_DEPTH", (long) GgufReader.MAX_ARRAY_DEPTH);
        limits.put("GgufReader.MAX_TENSORS", GgufReader.MAX_TENSORS);
        limits.put("GgufReader.MAX_METADATA_ENTRIES", GgufReader.MAX_METADATA_ENTRIES);
        limits.put("GgufReader.MAX_DIMS", (long) GgufReader.MAX_DIMS);
        limits.put("OnnxReader.MAX_GRAPH_DEPTH", (long) OnnxReader.MAX_GRAPH_DEPTH);
        limits.put("OnnxReader.MAX_TENSORS", (long) OnnxReader.MAX_TENSORS);
        limits.put("OnnxReader.MAX_STRING_BYTES", (long) OnnxReader.MAX_STRING_BYTES);
        limits.put("OnnxReader.MAX_DIMS", (long) OnnxReader.MAX_DIMS);
        limits.put("TfliteReader.MAX_SUBGRAPHS", (long) TfliteReader.MAX_SUBGRAPHS);
        limits.put("TfliteReader.MAX_TENSORS", (long) TfliteReader.MAX_TENSORS);
        limits.put("TfliteReader.MAX_DIMS", (long) TfliteReader.MAX_DIMS);
        limits.put("FlatBufferInput.MAX_READ_BYTES", (long) FlatBufferInput.MAX_READ_BYTES);
        limits.put("TfjsReader.MAX_JSON_BYTES", (long) TfjsReader.MAX_JSON_BYTES);
        json(limits, TfjsReader.class, "JSON", true);
        limits.put("TfjsReader.MAX_WEIGHTS", (long) TfjsReader.MAX_WEIGHTS);
        limits.put("TfjsReader.MAX_SHARDS", (long) TfjsReader.MAX_SHARDS);
        limits.put("TfjsReader.MAX_DIMS", (long) TfjsReader.MAX_DIMS);
        limits.put("TfjsReader.MAX_DTYPE_CHARS", (long) TfjsReader.MAX_DTYPE_CHARS);
        limits.put("TfjsReader.MAX_UNKNOWN_DTYPES", (long) TfjsReader.MAX_UNKNOWN_DTYPES);
        limits.put("OpenVinoReader.MAX_XML_BYTES", (long) OpenVinoReader.MAX_XML_BYTES);
        limits.put("OpenVinoReader.MAX_XML_DEPTH", (long) OpenVinoReader.MAX_XML_DEPTH);
        limits.put("OpenVinoReader.MAX_CONSTANTS", (long) OpenVinoReader.MAX_CONSTANTS);
        limits.put("OpenVinoReader.MAX_DIMS", (long) OpenVinoReader.MAX_DIMS);
        limits.put("BoundedXmlInput.MAX_TOKEN_BYTES", (long) BoundedXmlInput.MAX_TOKEN_BYTES);
        limits.put("NpyReader.MAX_HEADER_BYTES", (long) NpyReader.MAX_HEADER_BYTES);
        limits.put("NpyReader.MAX_ITEM_SIZE_DIGITS", (long) NpyReader.MAX_ITEM_SIZE_DIGITS);
        limits.put("NpzReader.MAX_ARRAYS", (long) NpzReader.MAX_ARRAYS);
        limits.put("PickleMachine.MAX_VALUES", (long) PickleMachine.MAX_VALUES);
        limits.put("PickleMachine.MAX_MEMO", (long) PickleMachine.MAX_MEMO);
        limits.put("PickleMachine.MAX_MARK_DEPTH", (long) PickleMachine.MAX_MARK_DEPTH);
        limits.put("PickleMachine.MAX_LINE_BYTES", (long) PickleMachine.MAX_LINE_BYTES);
        limits.put("PickleMachine.MAX_TEXT_BYTES", (long) PickleMachine.MAX_TEXT_BYTES);
        limits.put("PickleMachine.HIGHEST_PROTOCOL", (long) PickleMachine.HIGHEST_PROTOCOL);
        limits.put("PickleImports.MAX_IMPORTS", (long) PickleImports.MAX_IMPORTS);
        limits.put("TorchPickle.MAX_TENSORS", (long) TorchPickle.MAX_TENSORS);
        limits.put("TorchPickle.MAX_DIMS", (long) TorchPickle.MAX_DIMS);
        limits.put("TensorBundle.MAX_INDEX_BYTES", (long) TensorBundle.MAX_INDEX_BYTES);
        limits.put("TensorBundle.MAX_ENTRIES", (long) TensorBundle.MAX_ENTRIES);
        limits.put("TensorBundle.MAX_DIMS", (long) TensorBundle.MAX_DIMS);
        limits.put("TensorBundle.MAX_SHARDS", (long) TensorBundle.MAX_SHARDS);
        limits.put("TfGraph.MAX_NODES", (long) TfGraph.MAX_NODES);
        limits.put("TfGraph.MAX_NAME_BYTES", (long) TfGraph.MAX_NAME_BYTES);
        limits.put("TfGraph.MAX_DIMS", (long) TfGraph.MAX_DIMS);
        limits.put("KerasReader.MAX_DEPTH", (long) KerasReader.MAX_DEPTH);
        limits.put("KerasReader.MAX_OBJECTS", (long) KerasReader.MAX_OBJECTS);
        limits.put("KerasReader.MAX_CONFIG_BYTES", (long) KerasReader.MAX_CONFIG_BYTES);
        json(limits, KerasReader.class, "JSON", false);
        limits.put("ArchiveEntries.MAX_ENTRIES", (long) ArchiveEntries.MAX_ENTRIES);
        limits.put("ArchiveEntries.MAX_RATIO", ArchiveEntries.MAX_RATIO);
        limits.put("ArchiveEntries.RATIO_CHECK_FROM_BYTES", staticNumber(ArchiveEntries.class,
                "RATIO_CHECK_FROM_BYTES"));
        limits.put("HfConfigReader.MAX_CONFIG_BYTES", (long) HfConfigReader.MAX_CONFIG_BYTES);
        json(limits, HfConfigReader.class, "JSON", false);
        limits.put("ModelFinder.MAX_DEPTH", (long) ModelFinder.MAX_DEPTH);
        limits.put("FileHead.BYTES", (long) FileHead.BYTES);
        limits.put("Describer.MAX_WARNINGS", (long) dev.openaccess.core.Describer.MAX_WARNINGS);
        limits.put("DescriptorSummary.MAX_MODEL_LINES", (long) dev.openaccess.core.DescriptorSummary.MAX_MODEL_LINES);
        limits.put("DescriptorJson.MAX_DOCUMENT_BYTES", staticNumber(DescriptorJson.class, "MAX_DOCUMENT_BYTES"));
        json(limits, DescriptorJson.class, "MAPPER", true);
        limits.put("FactsCheck.MAX_DIFFERENCES", staticNumber(Class.forName("dev.openaccess.core.policy.FactsCheck"), "MAX_DIFFERENCES"));
        limits.put("ReadingCache.MAX_FILE_BYTES", staticNumber(ReadingCache.class, "MAX_FILE_BYTES"));

        List<String> rows = Files.readAllLines(PAGE).stream().filter(line -> line.startsWith("|")).toList();
        List<String> wrong = new ArrayList<>();
        limits.forEach((constant, value) -> {
            List<String> named = rows.stream().filter(row -> row.contains("| `" + constant + "` |")).toList();
            // the value as a whole number, not part of a longer one
            Pattern stated = Pattern.compile("\\| " + value + "\\b");
            if (named.size() != 1 || !stated.matcher(named.get(0)).find()) {
                wrong.add(constant + " = " + value + (named.size() == 1 ? " but the row says: " + named.get(0)
                        : " is in " + named.size() + " rows"));
            }
        });
        assertEquals(List.of(), wrong, "limits missing from, or stated wrongly in, " + PAGE);
        assertTrue(rows.size() > limits.size(), "the page's tables were read: " + rows.size() + " rows");
    }

    /** The nesting depth and number length a parser enforces, and (for descriptors) its string length. */
    private static void json(Map<String, Long> limits, Class<?> owner, String field, boolean strings)
            throws ReflectiveOperationException {
        StreamReadConstraints constraints = constraints(owner, field);
        String prefix = owner.getSimpleName() + "." + field + ".";
        Map<String, ToIntFunction<StreamReadConstraints>> wanted = new LinkedHashMap<>();
        wanted.put("maxNestingDepth", StreamReadConstraints::getMaxNestingDepth);
        wanted.put("maxNumberLength", StreamReadConstraints::getMaxNumberLength);
        if (strings) {
            wanted.put("maxStringLength", StreamReadConstraints::getMaxStringLength);
        }
        wanted.forEach((name, getter) -> limits.put(prefix + name, (long) getter.applyAsInt(constraints)));
    }

    private static StreamReadConstraints constraints(Class<?> owner, String field)
            throws ReflectiveOperationException {
        return ((ObjectMapper) staticField(owner, field)).getFactory().streamReadConstraints();
    }

    /** A private or package-private constant of another package: the page must follow the code, wherever it is. */
    private static long staticNumber(Class<?> owner, String field) throws ReflectiveOperationException {
        return ((Number) staticField(owner, field)).longValue();
    }

    private static Object staticField(Class<?> owner, String name) throws ReflectiveOperationException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(null);
    }

    @Test
    void theSiteMenuListsThePage() throws IOException {
        assertTrue(Files.readString(Path.of("..", "src-site", "site.xml")).contains("href=\"limits.html\""));
    }
}
