package dev.openaccess.core.policy;

import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.descriptor.ModelEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Checks what a published descriptor claims about the models against the consumer's own reading of the file: each
 * model the file holds must be listed, with the same format, parameter counts by dtype, weight bytes and, where the
 * file declares it, architecture. A descriptor may list more than the file holds (a model fetched at run time): that
 * cannot be verified and is noted, never judged smaller than claimed.
 */
final class FactsCheck {

    /** Differences reported at most, so a wholly different descriptor gives a readable message. */
    static final int MAX_DIFFERENCES = 5;

    /**
     * What the check found.
     *
     * @param differences each contradiction, naming the field and both values; empty when the claims hold
     * @param notes       published models the file does not hold, which could not be verified
     */
    record Result(List<String> differences, List<String> notes, Map<ModelEntry, ModelEntry> read) {

        Result(List<String> differences, List<String> notes) {
            this(differences, notes, Map.of());
        }

        /**
         * The published models with what loading them does as the consumer's own reading found it, where it read
         * them: a descriptor an older version wrote says nothing about it, and the file is the authority. So too the
         * GGUF tensor layout llama.cpp's memory depends on, which older descriptors lack.
         */
        List<ModelEntry> withOwnLoading(List<ModelEntry> published) {
            return published.stream().map(claim -> {
                ModelEntry own = read.get(claim);
                if (own == null) {
                    return claim;
                }
                var loading = own.loading() != null ? own.loading() : claim.loading();
                var layout = own.tensorLayout() != null ? own.tensorLayout() : claim.tensorLayout();
                if (java.util.Objects.equals(loading, claim.loading())
                        && java.util.Objects.equals(layout, claim.tensorLayout())) {
                    return claim;
                }
                return new ModelEntry(claim.path(), claim.format(), claim.sizeBytes(), claim.sha256(),
                        claim.configPath(), claim.architecture(), claim.parameters(), claim.weightsBytes(),
                        claim.tensors(), claim.metadata(), claim.notes(), claim.shards(), loading, layout);
            }).toList();
        }
    }

    private FactsCheck() {
    }

    static Result compare(List<ModelEntry> published, List<ModelEntry> read) {
        List<String> differences = new ArrayList<>();
        Set<ModelEntry> matched = new HashSet<>();
        Map<ModelEntry, ModelEntry> pairs = new java.util.IdentityHashMap<>();
        for (ModelEntry own : read) {
            Optional<ModelEntry> claim = match(own, published, matched);
            if (claim.isEmpty()) {
                differences.add("the file holds " + own.path() + " (" + own.format() + ", " + own.parameters().total()
                        + " parameters), which the descriptor does not list");
                continue;
            }
            matched.add(claim.get());
            pairs.put(claim.get(), own);
            differences.addAll(differences(claim.get(), own));
        }
        List<String> notes = new ArrayList<>();
        for (ModelEntry claim : published) {
            if (!matched.contains(claim)) {
                notes.add("the descriptor lists " + claim.path() + " (" + claim.parameters().total()
                        + " parameters), which the file does not hold: judged as claimed, not verified");
            }
        }
        return new Result(differences.size() > MAX_DIFFERENCES ? withMore(differences) : differences, notes, pairs);
    }

    private static List<String> withMore(List<String> differences) {
        List<String> shown = new ArrayList<>(differences.subList(0, MAX_DIFFERENCES));
        shown.add("and " + (differences.size() - MAX_DIFFERENCES) + " more");
        return shown;
    }

    /**
     * The published model that stands for {@code own}: the one with its digest; else the one whose path ends with
     * the path inside the file (a producer names models from its project, {@code src/main/resources/m.onnx}, the
     * consumer from inside the jar, {@code a-1.0.jar!/m.onnx}); else the only unmatched one of its format.
     */
    private static Optional<ModelEntry> match(ModelEntry own, List<ModelEntry> published, Set<ModelEntry> taken) {
        List<ModelEntry> free = published.stream().filter(claim -> !taken.contains(claim)).toList();
        if (own.sha256() != null) {
            Optional<ModelEntry> same = free.stream().filter(claim -> own.sha256().equals(claim.sha256())).findFirst();
            if (same.isPresent()) {
                return same;
            }
        }
        String inside = own.path().contains("!/") ? own.path().substring(own.path().indexOf("!/") + 2) : own.path();
        Optional<ModelEntry> byPath = free.stream()
                .filter(claim -> claim.path().equals(inside) || claim.path().endsWith("/" + inside)).findFirst();
        if (byPath.isPresent()) {
            return byPath;
        }
        List<ModelEntry> sameFormat = free.stream().filter(claim -> claim.format().equals(own.format())).toList();
        return sameFormat.size() == 1 ? Optional.of(sameFormat.get(0)) : Optional.empty();
    }

    private static List<String> differences(ModelEntry claim, ModelEntry own) {
        List<String> found = new ArrayList<>();
        String at = "models[" + claim.path() + "].";
        differ(found, at + "format", claim.format(), own.format());
        differ(found, at + "parameters.total", claim.parameters().total(), own.parameters().total());
        differ(found, at + "parameters.active", claim.parameters().active(), own.parameters().active());
        Set<String> dtypes = new TreeSet<>(claim.parameters().byDtype().keySet());
        dtypes.addAll(own.parameters().byDtype().keySet());
        for (String dtype : dtypes) {
            differ(found, at + "parameters.byDtype." + dtype, claim.parameters().byDtype().get(dtype),
                    own.parameters().byDtype().get(dtype));
        }
        differ(found, at + "weightsBytes", claim.weightsBytes(), own.weightsBytes());
        if (claim.loading() != null && own.loading() != null) {
            // a descriptor that calls a pickle safe to load is a claim the file itself refutes
            differ(found, at + "loading.safe", claim.loading().safe(), own.loading().safe());
        }
        Architecture ours = own.architecture();
        if (ours != null) {
            Architecture theirs = claim.architecture();
            for (Map.Entry<String, Function<Architecture, Object>> field : ARCHITECTURE_FIELDS.entrySet()) {
                Object value = field.getValue().apply(ours);
                if (value != null) { // only what the file itself declares can be held against the descriptor
                    differ(found, at + "architecture." + field.getKey(),
                            theirs == null ? null : field.getValue().apply(theirs), value);
                }
            }
        }
        return found;
    }

    /** The architecture fields the estimates depend on, by their descriptor names. */
    private static final Map<String, Function<Architecture, Object>> ARCHITECTURE_FIELDS = orderedFields();

    private static Map<String, Function<Architecture, Object>> orderedFields() {
        Map<String, Function<Architecture, Object>> fields = new LinkedHashMap<>();
        fields.put("layers", Architecture::layers);
        fields.put("hiddenSize", Architecture::hiddenSize);
        fields.put("attentionHeads", Architecture::attentionHeads);
        fields.put("kvHeads", Architecture::kvHeads);
        fields.put("headDim", Architecture::headDim);
        fields.put("vocabSize", Architecture::vocabSize);
        fields.put("contextLength", Architecture::contextLength);
        fields.put("experts", Architecture::experts);
        fields.put("activeExperts", Architecture::activeExperts);
        fields.put("slidingWindow", Architecture::slidingWindow);
        fields.put("kind", Architecture::kind);
        fields.put("intermediateSize", Architecture::intermediateSize);
        fields.put("gatedMlp", Architecture::gatedMlp);
        fields.put("kvLatentSize", Architecture::kvLatentSize);
        fields.put("slidingWindowLayers", Architecture::slidingWindowLayers);
        fields.put("encoderLayers", Architecture::encoderLayers);
        return Collections.unmodifiableMap(fields);
    }

    private static void differ(List<String> found, String field, Object claimed, Object actual) {
        if (!Objects.equals(claimed, actual)) {
            found.add(field + ": the descriptor says " + (claimed == null ? "nothing" : claimed) + ", the file holds "
                    + (actual == null ? "nothing" : actual));
        }
    }
}
