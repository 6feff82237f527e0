package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Qwen's mixtures of experts (transformers {@code modeling_qwen2_moe.py}, {@code modeling_qwen3_moe.py}): the
 * attention of Qwen2 (biases on q, k, v when {@code qkv_bias}, default on) or of Qwen3 (RMSNorms on each query and key
 * head, biases when {@code attention_bias}), and in every {@code decoder_sparse_step}-th layer not listed in
 * {@code mlp_only_layers} a sparse block: a router ({@code hidden × num_experts}, no bias) and {@code num_experts}
 * gated expert MLPs of {@code moe_intermediate_size}, {@code num_experts_per_tok} of them run per token. Qwen2-MoE adds
 * a shared expert of {@code shared_expert_intermediate_size} that every token runs, with its sigmoid gate
 * ({@code hidden × 1}). The other layers have a dense gated MLP of {@code intermediate_size}.
 */
final class QwenMoeFamily implements ConfigFamily {

    // Qwen2MoeConfig (configuration_qwen2_moe.py) and Qwen3MoeConfig (configuration_qwen3_moe.py) defaults.
    private static final int VOCAB = 151936;
    private static final int HIDDEN = 2048;
    private static final int QWEN2_INTERMEDIATE = 5632;
    private static final int QWEN3_INTERMEDIATE = 6144;
    private static final int LAYERS = 24;
    private static final int QWEN2_HEADS = 16;
    private static final int QWEN3_HEADS = 32;
    private static final int QWEN2_KV_HEADS = 16;
    private static final int QWEN3_KV_HEADS = 4;
    private static final int POSITIONS = 32768;
    private static final int QWEN2_EXPERT_INTERMEDIATE = 1408;
    private static final int QWEN3_EXPERT_INTERMEDIATE = 768;
    private static final int QWEN2_SHARED_EXPERT_INTERMEDIATE = 5632;
    private static final int QWEN2_EXPERTS = 60;
    private static final int QWEN3_EXPERTS = 128;
    private static final int QWEN2_EXPERTS_PER_TOKEN = 4;
    private static final int QWEN3_EXPERTS_PER_TOKEN = 8;
    private static final int SLIDING_WINDOW = 4096;
    private static final int MAX_WINDOW_LAYERS = 28;

    @Override
    public List<String> modelTypes() {
        return List.of("qwen2_moe", "qwen3_moe");
    }

    @Override
    public Derived derive(HfConfig config) throws ModelFormatException {
        boolean qwen3 = config.modelType().equals("qwen3_moe");
        FamilyConfig fields = new FamilyConfig(config, qwen3 ? "Qwen3MoeConfig" : "Qwen2MoeConfig");
        long vocab = fields.size(VOCAB, "vocab_size");
        long hidden = fields.size(HIDDEN, "hidden_size");
        int layers = fields.size(LAYERS, "num_hidden_layers");
        int heads = fields.positive(qwen3 ? QWEN3_HEADS : QWEN2_HEADS, "num_attention_heads");
        int kvHeads = fields.positive(qwen3 ? QWEN3_KV_HEADS : QWEN2_KV_HEADS, "num_key_value_heads");
        int headDim = fields.or(ConfigFamily.narrow(hidden / heads), "head_dim");
        long intermediate = fields.size(qwen3 ? QWEN3_INTERMEDIATE : QWEN2_INTERMEDIATE, "intermediate_size");
        long expertIntermediate = fields.size(qwen3 ? QWEN3_EXPERT_INTERMEDIATE : QWEN2_EXPERT_INTERMEDIATE,
                "moe_intermediate_size");
        long sharedIntermediate = qwen3 ? 0
                : fields.size(QWEN2_SHARED_EXPERT_INTERMEDIATE, "shared_expert_intermediate_size");
        int experts = fields.size(qwen3 ? QWEN3_EXPERTS : QWEN2_EXPERTS, "num_experts", "num_local_experts");
        int perToken = Math.min(experts,
                fields.size(qwen3 ? QWEN3_EXPERTS_PER_TOKEN : QWEN2_EXPERTS_PER_TOKEN, "num_experts_per_tok"));
        int sparseStep = fields.positiveOr(1, "decoder_sparse_step");
        int positions = fields.size(POSITIONS, "max_position_embeddings");
        boolean tied = fields.flag("tie_word_embeddings", false);

        boolean qkvBias = qwen3 ? fields.flag("attention_bias", false) : fields.flag("qkv_bias", true);
        boolean outBias = qwen3 && qkvBias;
        long attention = ConfigFamily.sum(ConfigFamily.attention(hidden, heads, kvHeads, headDim, qkvBias, outBias),
                qwen3 ? 2L * headDim : 0); // Qwen3's q_norm and k_norm
        long norms = 2 * hidden;
        long expert = ConfigFamily.gatedMlp(hidden, expertIntermediate, false);
        long alwaysRun = ConfigFamily.sum(ConfigFamily.product(hidden, experts), // router
                qwen3 ? 0 : ConfigFamily.sum(ConfigFamily.gatedMlp(hidden, sharedIntermediate, false), hidden));
        long sparseTotal = ConfigFamily.sum(ConfigFamily.product(experts, expert), alwaysRun);
        long sparseActive = ConfigFamily.sum(ConfigFamily.product(perToken, expert), alwaysRun);
        long dense = ConfigFamily.gatedMlp(hidden, intermediate, false);

        int sparseLayers = experts == 0 ? 0 : sparseLayers(layers, sparseStep, config.optionalInts("mlp_only_layers"));
        long denseLayers = layers - (long) sparseLayers;
        long common = ConfigFamily.sum(ConfigFamily.embeddings(vocab, hidden, tied), hidden, // + final RMSNorm
                ConfigFamily.product(layers, ConfigFamily.sum(attention, norms)),
                ConfigFamily.product(denseLayers, dense));
        long total = ConfigFamily.sum(common, ConfigFamily.product(sparseLayers, sparseTotal));
        long active = ConfigFamily.sum(common, ConfigFamily.product(sparseLayers, sparseActive));

        ConfigFamily.SlidingWindow window = ConfigFamily.SlidingWindow.NONE;
        if (fields.flag("use_sliding_window", false)) {
            Integer size = fields.nullable(SLIDING_WINDOW, "sliding_window");
            // Qwen2MoeConfig: even layers below max_window_layers; Qwen3-MoE attends within the window everywhere.
            int mwl = fields.or(MAX_WINDOW_LAYERS, "max_window_layers");
            window = ConfigFamily.SlidingWindow.of(size, size == null ? null
                    : ConfigFamily.windowedLayers(config, layers, qwen3 ? layers : (Math.min(layers, mwl) + 1) / 2),
                    layers);
        }
        Architecture architecture = new Architecture(config.modelType(), layers, ConfigFamily.narrow(hidden), heads,
                kvHeads, headDim, ConfigFamily.narrow(vocab), positions, experts, perToken, window.size(),
                Architecture.DECODER, ConfigFamily.narrow(expertIntermediate), true, null, window.layers(), null);
        return new Derived(architecture, total, active, fields.notes());
    }

    /**
     * Layers with the sparse block: those {@code i} with {@code (i + 1) % step == 0}, but the ones listed in
     * {@code mlp_only_layers}; counted without walking every layer (a hostile config may declare billions).
     */
    private static int sparseLayers(int layers, int step, List<Integer> mlpOnly) {
        Set<Integer> dense = new HashSet<>();
        for (int layer : mlpOnly) {
            if (layer < layers && (layer + 1L) % step == 0) {
                dense.add(layer);
            }
        }
        return layers / step - dense.size();
    }
}
