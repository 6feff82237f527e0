package dev.openaccess.core.estimate;

import dev.openaccess.core.descriptor.Architecture;

/**
 * The least time one decode step takes however little it computes: the runtime does some work for every node of the
 * step's graph (building and scheduling it, a kernel launch or a thread barrier), and a decoder's graph grows with its
 * layers. What caps the decode speed of small models, where bandwidth and FLOPs alone allow millions of tokens a
 * second.
 */
final class DecodeStep {

    /**
     * Nodes of llama.cpp's decode graph per llama block and once per step (embedding, output norm, logits):
     * 31 × layers + 6, as its log's {@code graph nodes} gives it for 1 to 16 layers (flash attention on), and for
     * Llama-3.2-1B's 16 layers; Gemma 3 (40 per layer) and granite's mixture of experts (61) have more, so the
     * llama block is the floor ({@code benchmarks/decode-step-floor.sh},
     * {@code benchmarks/llama-cpp-calibration/STEP.md}).
     */
    static final int NODES_PER_LAYER = 31;
    static final int NODES_PER_STEP = 6;

    /**
     * Least time per graph node: 0.565 µs was the lowest over 15,000 one-token steps of llama.cpp on this
     * project's development CPU, 1 thread (the same STEP.md), rounded down. Every backend pays it on the host, where
     * llama.cpp builds and schedules each step's graph before a GPU runs it.
     */
    static final double MICROSECONDS_PER_NODE = 0.5;

    static final String RULE = "decode tokens per second per sequence: the lowest of memory bandwidth / bytes one step"
            + " reads (active weights + the batch's KV cache), throughput (GPU dense BF16, CPU fp32) / FLOPs of one"
            + " step (2 x active parameters + 4 x attention width x cached tokens per layer, x batch; Kaplan et al."
            + " 2020, section 2.1) and 1 / (graph nodes of one step x " + MICROSECONDS_PER_NODE + " us), with "
            + NODES_PER_LAYER + " nodes per layer + " + NODES_PER_STEP + " per step (llama.cpp's decode graph and"
            + " the least time per node it took, measured: benchmarks/llama-cpp-calibration/STEP.md)";

    private DecodeStep() {
    }

    /** Nodes of one decode step's graph for a decoder of this shape; 0 when its layer count is unknown. */
    static long graphNodes(Architecture architecture) {
        Integer layers = architecture == null ? null : architecture.layers();
        return layers == null || layers <= 0 ? 0 : (long) NODES_PER_LAYER * layers + NODES_PER_STEP;
    }

    /** The least seconds one decode step of graphs with {@code nodes} nodes in all takes. */
    static double leastSeconds(long nodes) {
        return nodes * MICROSECONDS_PER_NODE / 1e6;
    }
}
