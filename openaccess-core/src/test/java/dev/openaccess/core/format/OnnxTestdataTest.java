package dev.openaccess.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Opt-in: describes every model of Debian's {@code libonnx-testdata} (about 1,000 tiny real models, the ONNX
 * project's own node and model tests) with no error. Not committed; fetch and run it with
 * {@code scripts/onnx-testdata.sh}, or by hand:
 * <pre>
 * apt-get download libonnx-testdata &amp;&amp; dpkg -x libonnx-testdata_*.deb /tmp/onnx-testdata
 * ONNX_TESTDATA=/tmp/onnx-testdata/usr/share/libonnx-testdata/data ./mvnw -pl openaccess-core test -Dtest=OnnxTestdataTest
 * </pre>
 */
@EnabledIfEnvironmentVariable(named = "ONNX_TESTDATA", matches = ".+")
class OnnxTestdataTest {

    /**
     * The six models an earlier reader counted one short: each window function's expanded graph keeps 7 F32 values
     * and one {@code Constant} with {@code value_int} (the periodic flag), which was not counted. The counts were
     * checked independently with the onnx Python package (Debian's python3-onnx), by
     * {@code scripts/onnx-testdata.sh}.
     */
    private static final List<String> CONSTANT_VALUE_INT = List.of("blackmanwindow", "blackmanwindow_symmetric",
            "hammingwindow", "hammingwindow_symmetric", "hannwindow", "hannwindow_symmetric");

    @Test
    void describesEveryModelWithNoError() throws IOException {
        Path data = Path.of(System.getenv("ONNX_TESTDATA"));
        List<Path> models;
        try (Stream<Path> files = Files.walk(data)) {
            models = files.filter(file -> file.getFileName().toString().endsWith(".onnx")).sorted().toList();
        }
        assertTrue(models.size() > 1_000, models.size() + " models under " + data);
        List<String> failures = new ArrayList<>();
        Map<String, Long> totals = new TreeMap<>();
        for (Path model : models) {
            String name = data.relativize(model).toString().replace('\\', '/');
            try {
                ModelFacts facts = new OnnxReader().read(ModelSource.ofFile(model, name));
                totals.put(name, facts.parameters().total());
            } catch (ModelFormatException e) {
                failures.add(e.getMessage());
            }
        }
        assertEquals(List.of(), failures);
        for (String window : CONSTANT_VALUE_INT) {
            String name = "node/test_" + window + "_expanded/model.onnx";
            ModelFacts facts = new OnnxReader().read(ModelSource.ofFile(data.resolve(name), name));
            assertEquals(Map.of("F32", 7L, "I64", 1L), facts.parameters().byDtype(), name);
        }
        Path out = Path.of(System.getProperty("java.io.tmpdir"), "openaccess-onnx-testdata-counts.tsv");
        StringBuilder tsv = new StringBuilder();
        totals.forEach((name, total) -> tsv.append(name).append('\t').append(total).append('\n'));
        Files.writeString(out, tsv);
    }
}
