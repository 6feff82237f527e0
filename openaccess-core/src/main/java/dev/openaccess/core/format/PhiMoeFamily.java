package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;

/**
 * Phi-3.5-MoE (transformers {@code modeling_phimoe.py}): Mixtral's layer with LayerNorms (weight and bias) in place
 * of RMSNorms, also for the final norm; Llama's attention, biased when {@code attention_bias}; per layer a router
 * ({@code hidden × num_local_experts}, no bias) and {@code num_local_experts} gated experts, {@code num_experts_per_tok}
 * of them per token; an output head with a bias when {@code lm_head_bias}.
 */
final class PhiMoeFamily implements ConfigFamily {

    // PhimoeConfig defaults (configuration_phimoe.py).
    private static final int VOCAB = 32064;
    private static final int HIDDEN = 4096;
    private static final int INTERMEDIATE = 6400;
    private static final int LAYERS = 32;
    private static final int HEADS = 32;
    private static final int KV_HEADS = 8;
    private static final int POSITIONS = 4096 * 32;
    private static final int EXPERTS = 16;
    private static final int EXPERTS_PER_TOKEN = 2;

    @Override
    public List<String> modelTypes() {
        return List.of("phimoe");
    }

    @Override
    public Derived derive(HfConfig config) throws ModelFormatException {
        FamilyConfig fields = new FamilyConfig(config, "PhimoeConfig");
        long vocab = fields.size(VOCAB, "vocab_size");
        long hidden = fields.size(HIDDEN, "hidden_size");
        int layers = fields.size(LAYERS, "num_hidden_layers");
        int heads = fields.positive(HEADS, "num_attention_heads");
        int kvHeads = fields.positive(KV_HEADS, "num_key_value_heads");
        int headDim = fields.or(ConfigFamily.narrow(hidden / heads), "head_dim");
        long intermediate = fields.size(INTERMEDIATE, "intermediate_size");
        int positions = fields.size(POSITIONS, "max_position_embeddings");
        int experts = fields.size(EXPERTS, "num_local_experts");
        int perToken = Math.min(experts, fields.size(EXPERTS_PER_TOKEN, "num_experts_per_tok"));
        boolean tied = fields.flag("tie_word_embeddings", false);
        boolean attentionBias = fields.flag("attention_bias", false);
        boolean headBias = fields.flag("lm_head_bias", false);

        long common = ConfigFamily.sum(ConfigFamily.attention(hidden, heads, kvHeads, headDim, attentionBias,
                attentionBias), ConfigFamily.product(2, ConfigFamily.layerNorm(hidden)), ConfigFamily.product(hidden,
                experts)); // router
        long expert = ConfigFamily.gatedMlp(hidden, intermediate, false);
        long outside = ConfigFamily.sum(ConfigFamily.embeddings(vocab, hidden, tied), headBias ? vocab : 0,
                ConfigFamily.layerNorm(hidden));
        long total = ConfigFamily.sum(outside,
                ConfigFamily.product(layers, ConfigFamily.sum(common, ConfigFamily.product(experts, expert))));
        long active = ConfigFamily.sum(outside,
                ConfigFamily.product(layers, ConfigFamily.sum(common, ConfigFamily.product(perToken, expert))));

        Integer window = fields.optional("sliding_window");
        Architecture architecture = new Architecture("phimoe", layers, ConfigFamily.narrow(hidden), heads, kvHeads,
                headDim, ConfigFamily.narrow(vocab), positions, experts, perToken,
                window == null || window == 0 ? null : window, Architecture.DECODER,
                ConfigFamily.narrow(intermediate), true);
        return new Derived(architecture, total, active, fields.notes());
    }
}
