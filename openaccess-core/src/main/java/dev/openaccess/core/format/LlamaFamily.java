package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;

/**
 * Llama and the families built on its layer (transformers {@code LlamaForCausalLM}, {@code MistralForCausalLM},
 * {@code MixtralForCausalLM}, {@code Qwen2ForCausalLM}): RMSNorm, rotary positions (no position table),
 * grouped-query attention with {@code num_key_value_heads}, a gated MLP (gate, up, down), and for Mixtral a
 * router plus {@code num_local_experts} expert MLPs of which {@code num_experts_per_tok} run per token.
 */
final class LlamaFamily implements ConfigFamily {

    @Override
    public List<String> modelTypes() {
        return List.of("llama", "mistral", "mixtral", "qwen2");
    }

    @Override
    public Derived derive(HfConfig config) throws ModelFormatException {
        String type = config.modelType();
        long vocab = config.requiredInt("vocab_size");
        long hidden = config.requiredInt("hidden_size");
        int layers = config.requiredInt("num_hidden_layers");
        int heads = config.requiredPositiveInt("num_attention_heads");
        int kvHeads = config.intOr(heads, "num_key_value_heads");
        int headDim = config.intOr((int) (hidden / heads), "head_dim");
        long intermediate = config.requiredInt("intermediate_size");
        // Qwen2 always has biases on q, k and v; Llama has them when attention_bias is set.
        boolean qkvBias = type.equals("qwen2") || config.bool("attention_bias", false);
        boolean outBias = !type.equals("qwen2") && config.bool("attention_bias", false);
        boolean mlpBias = config.bool("mlp_bias", false);
        boolean tied = config.bool("tie_word_embeddings", false);

        long q = ConfigFamily.linear(hidden, (long) heads * headDim, qkvBias);
        long kv = ConfigFamily.product(2, ConfigFamily.linear(hidden, (long) kvHeads * headDim, qkvBias));
        long o = ConfigFamily.linear((long) heads * headDim, hidden, outBias);
        long attention = ConfigFamily.sum(q, kv, o);
        long expertMlp = ConfigFamily.sum(ConfigFamily.product(2, ConfigFamily.linear(hidden, intermediate, mlpBias)),
                ConfigFamily.linear(intermediate, hidden, mlpBias));
        long norms = 2 * hidden; // RMSNorm has a weight only: input and post-attention norms

        Integer experts = null;
        Integer activeExperts = null;
        long mlpTotal = expertMlp;
        long mlpActive = expertMlp;
        if (type.equals("mixtral")) {
            experts = config.requiredInt("num_local_experts");
            activeExperts = config.requiredInt("num_experts_per_tok");
            long router = hidden * experts;
            mlpTotal = ConfigFamily.sum(ConfigFamily.product(experts, expertMlp), router);
            mlpActive = ConfigFamily.sum(ConfigFamily.product(activeExperts, expertMlp), router);
        }
        long embeddings = vocab * hidden;
        long head = tied ? 0 : vocab * hidden;
        long shared = ConfigFamily.sum(embeddings, head, hidden); // + final RMSNorm
        long total = ConfigFamily.sum(shared, ConfigFamily.product(layers, ConfigFamily.sum(attention, norms, mlpTotal)));
        long active = ConfigFamily.sum(shared,
                ConfigFamily.product(layers, ConfigFamily.sum(attention, norms, mlpActive)));

        // Qwen2 declares a window but uses it only when use_sliding_window is set (default off).
        boolean windowed = config.bool("use_sliding_window", !type.equals("qwen2"));
        Integer window = windowed ? config.optionalInt("sliding_window") : null;
        Architecture architecture = new Architecture(type, layers, (int) hidden, heads, kvHeads, headDim, (int) vocab,
                config.optionalInt("max_position_embeddings"), experts, activeExperts, window, Architecture.DECODER,
                (int) intermediate, true);
        return new Derived(architecture, total, active);
    }
}
