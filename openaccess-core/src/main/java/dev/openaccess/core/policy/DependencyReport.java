package dev.openaccess.core.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.openaccess.core.descriptor.Generator;
import dev.openaccess.core.estimate.Bytes;
import dev.openaccess.core.estimate.EstimateSettings;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.LoraTarget;
import dev.openaccess.core.policy.DependencyVerdict.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The consolidated result of a check: {@code openaccess-dependencies.json} and the table the build prints.
 *
 * @param policy       the rules, as the pom set them
 * @param assumptions  the consumer's assumptions every requirement was estimated at
 * @param counts       dependencies per status ({@code pass}, {@code no-model}, ...)
 * @param dependencies one verdict per dependency, sorted by coordinates
 */
public record DependencyReport(Generator generator, List<String> policy, ConsumerAssumptions assumptions,
                               Map<String, Integer> counts, List<DependencyVerdict> dependencies) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /**
     * What the consumer assumes about how it runs its dependencies' models, as in a descriptor's
     * {@code requirements.assumptions}.
     *
     * @param contextLength null for each model's own context
     * @param runtime       the runtime dependencies are judged for, null for each model's format's usual one
     * @param cpuWeightRepack whether llama.cpp is assumed to repack matrices for the CPU
     */
    public record ConsumerAssumptions(Integer contextLength, int batchSize, String kvCacheDtype,
                                      int fineTuningSequenceLength, int fineTuningBatchSize,
                                      boolean gradientCheckpointing, int loraRank, List<String> loraTargetModules,
                                      double trainingUtilization, int maxTrainingDays, String hardwareCatalog,
                                      String runtime, boolean cpuWeightRepack) {

        public static ConsumerAssumptions of(EstimateSettings settings, HardwareCatalog catalog) {
            return new ConsumerAssumptions(settings.contextLength(), settings.batchSize(),
                    settings.kvCacheDtype().name(), settings.fineTuningSequenceLength(),
                    settings.fineTuningBatchSize(), settings.gradientCheckpointing(), settings.loraRank(),
                    settings.loraTargets().stream().map(LoraTarget::id).toList(), settings.trainingUtilization(),
                    settings.maxTrainingDays(), catalog.version(),
                    settings.runtime() == null ? null : settings.runtime().id(), settings.cpuWeightRepack());
        }
    }

    public DependencyReport {
        policy = List.copyOf(policy);
        List<DependencyVerdict> sorted = new ArrayList<>(dependencies);
        sorted.sort(Comparator.comparing(DependencyVerdict::artifact));
        dependencies = List.copyOf(sorted);
        Map<String, Integer> tally = new TreeMap<>();
        dependencies.forEach(verdict -> tally.merge(verdict.status().id(), 1, Integer::sum));
        counts = Collections.unmodifiableMap(tally);
    }

    public static DependencyReport of(Generator generator, Policy policy, ConsumerAssumptions assumptions,
                                      List<DependencyVerdict> dependencies) {
        return new DependencyReport(generator, policy.rules().stream().map(PolicyRule::describe).toList(),
                assumptions, null, dependencies);
    }

    /** The dependencies whose files hold models or that publish a descriptor: everything but {@code no-model}. */
    public List<DependencyVerdict> modelDependencies() {
        return dependencies.stream().filter(verdict -> verdict.status() != Status.NO_MODEL).toList();
    }

    /** {@code 16 dependencies hold no model}, once for all of them; empty when every dependency holds one. */
    public Optional<String> noModelLine() {
        long count = dependencies.size() - modelDependencies().size();
        return count == 0 ? Optional.empty()
                : Optional.of(count + (count == 1 ? " dependency holds" : " dependencies hold") + " no model");
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

    /**
     * A table of the model dependencies: artifact, where the figures come from, parameters, inference memory, tier,
     * weights licence, MOF class, verdict; empty when there are none.
     */
    public List<String> table() {
        if (modelDependencies().isEmpty()) {
            return List.of();
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"artifact", "source", "params", "inference", "tier", "licence", "MOF", "verdict"});
        for (DependencyVerdict verdict : modelDependencies()) {
            DependencyVerdict.Summary summary = verdict.summary();
            rows.add(new String[] {verdict.artifact(), verdict.source() == null ? "-" : verdict.source().id(),
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
