package dev.openaccess.core.estimate;

import dev.openaccess.core.descriptor.Architecture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A projection of a transformer layer that LoRA can attach an adapter to. An adapter of rank {@code r} on a
 * projection from {@code in} to {@code out} features trains {@code r × (in + out)} parameters (Hu et al. 2021,
 * "LoRA: Low-Rank Adaptation of Large Language Models", §4.1).
 */
public enum LoraTarget {
    Q, K, V, O, GATE, UP, DOWN;

    /** The default of Hugging Face PEFT and of the LoRA paper's experiments: the query and value projections. */
    public static final List<LoraTarget> DEFAULT = List.of(Q, V);

    /** The names projects use for each projection (PEFT module names of Llama, GPT-2, BERT, OPT and Mixtral). */
    private static final Map<String, List<LoraTarget>> NAMES = Map.ofEntries(
            Map.entry("q", List.of(Q)), Map.entry("q_proj", List.of(Q)), Map.entry("query", List.of(Q)),
            Map.entry("k", List.of(K)), Map.entry("k_proj", List.of(K)), Map.entry("key", List.of(K)),
            Map.entry("v", List.of(V)), Map.entry("v_proj", List.of(V)), Map.entry("value", List.of(V)),
            Map.entry("o", List.of(O)), Map.entry("o_proj", List.of(O)), Map.entry("out_proj", List.of(O)),
            Map.entry("c_attn", List.of(Q, K, V)), Map.entry("qkv", List.of(Q, K, V)),
            Map.entry("gate", List.of(GATE)), Map.entry("gate_proj", List.of(GATE)), Map.entry("w1", List.of(GATE)),
            Map.entry("up", List.of(UP)), Map.entry("up_proj", List.of(UP)), Map.entry("w3", List.of(UP)),
            Map.entry("fc1", List.of(UP)), Map.entry("c_fc", List.of(UP)),
            Map.entry("down", List.of(DOWN)), Map.entry("down_proj", List.of(DOWN)), Map.entry("w2", List.of(DOWN)),
            Map.entry("fc2", List.of(DOWN)),
            Map.entry("all-linear", List.of(values())));

    /** The name in descriptors. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses module names as projects write them ({@code q_proj, v_proj}, {@code q,k,v,o}, {@code all-linear}),
     * without duplicates, in layer order.
     */
    public static List<LoraTarget> parse(List<String> names) {
        Set<LoraTarget> targets = EnumSet.noneOf(LoraTarget.class);
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            String key = name.trim().toLowerCase(Locale.ROOT);
            if (key.isEmpty()) {
                continue;
            }
            List<LoraTarget> found = NAMES.get(key);
            if (found == null) {
                unknown.add(name.trim());
            } else {
                targets.addAll(found);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown LoRA target module(s) " + unknown + " (accepted: "
                    + NAMES.keySet().stream().sorted().collect(Collectors.joining(", ")) + ")");
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no LoRA target module given");
        }
        return List.copyOf(targets);
    }

    /** Whether a layer of {@code arch} has this projection: only gated MLPs have a gate projection. */
    public boolean presentIn(Architecture arch) {
        return this != GATE || Boolean.TRUE.equals(arch.gatedMlp());
    }

    /** Input plus output features of this projection in {@code arch}, or -1 when its shape is not declared. */
    long inPlusOut(Architecture arch) {
        if (arch.hiddenSize() == null || arch.headDim() == null || arch.attentionHeads() == null
                || arch.kvHeads() == null) {
            return -1;
        }
        long hidden = arch.hiddenSize();
        return switch (this) {
            case Q, O -> hidden + (long) arch.attentionHeads() * arch.headDim();
            case K, V -> hidden + (long) arch.kvHeads() * arch.headDim();
            case GATE, UP, DOWN -> arch.intermediateSize() == null ? -1 : hidden + arch.intermediateSize();
        };
    }

    /** Whether this projection is repeated per expert in a mixture-of-experts layer. */
    boolean perExpert() {
        return this == GATE || this == UP || this == DOWN;
    }

    static String ids(List<LoraTarget> targets) {
        return Arrays.stream(values()).filter(targets::contains).map(LoraTarget::id).collect(Collectors.joining(", "));
    }
}
