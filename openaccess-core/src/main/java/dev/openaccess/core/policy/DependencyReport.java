package dev.openaccess.core.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.openaccess.core.descriptor.Generator;
import dev.openaccess.core.estimate.Bytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The consolidated result of a check: {@code openaccess-dependencies.json} and the table the build prints.
 *
 * @param policy       the rules, as the pom set them
 * @param dependencies one verdict per dependency, sorted by coordinates
 */
public record DependencyReport(Generator generator, List<String> policy, List<DependencyVerdict> dependencies) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    public DependencyReport {
        policy = List.copyOf(policy);
        List<DependencyVerdict> sorted = new ArrayList<>(dependencies);
        sorted.sort(Comparator.comparing(DependencyVerdict::artifact));
        dependencies = List.copyOf(sorted);
    }

    public static DependencyReport of(Generator generator, Policy policy, List<DependencyVerdict> dependencies) {
        return new DependencyReport(generator, policy.rules().stream().map(PolicyRule::describe).toList(),
                dependencies);
    }

    /** Stable JSON, sorted keys, {@code \n} line ends and a final newline. */
    public byte[] toJson() {
        try {
            String json = JSON.writeValueAsString(this).replace("\r\n", "\n");
            return (json + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A table: artifact, parameters, inference memory, tier, weights licence, MOF class, verdict. */
    public List<String> table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"artifact", "params", "inference", "tier", "licence", "MOF", "verdict"});
        for (DependencyVerdict verdict : dependencies) {
            DependencyVerdict.Summary summary = verdict.summary();
            rows.add(new String[] {verdict.artifact(),
                    summary == null ? "-" : compact(summary.parameters()),
                    summary == null ? "-" : Bytes.human(summary.inferenceBytes()),
                    summary == null ? "-" : summary.tier(),
                    summary == null || summary.weightsLicense() == null ? "-" : summary.weightsLicense(),
                    summary == null || summary.mofClass() == null ? "-" : summary.mofClass(),
                    verdict.status().id()});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row[i]));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /** {@code 6738415616} → {@code 6.74B}. */
    static String compact(long count) {
        String[] units = {"", "K", "M", "B", "T"};
        double value = count;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? Long.toString(count) : String.format(Locale.ROOT, "%.3g%s", value, units[unit]);
    }
}
