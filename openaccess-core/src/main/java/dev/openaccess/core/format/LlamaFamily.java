package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;
import java.util.Map;

/**
 * Llama and the families built on its layer: RMSNorm before attention and before the MLP, rotary positions (no
 * position table), grouped-query attention with {@code num_key_value_heads} of {@code head_dim}, a gated MLP (gate,
 * up, down) and an output head tied to the token table when {@code tie_word_embeddings}. What differs, per
 * transformers' {@code models/<type>/modeling_<type>.py}:
 * <ul>
 *   <li>llama ({@code modeling_llama.py}): biases on q, k, v and o when {@code attention_bias}, on the MLP when
 *       {@code mlp_bias}; no sliding window;</li>
 *   <li>mistral ({@code modeling_mistral.py}): no biases; {@code sliding_window} (4096 unless declared null) in every
 *       layer;</li>
 *   <li>mixtral ({@code modeling_mixtral.py}): Mistral's attention, and per layer a router
 *       ({@code hidden × num_local_experts}, no bias) and {@code num_local_experts} expert MLPs, of which
 *       {@code num_experts_per_tok} run per token;</li>
 *   <li>qwen2 ({@code modeling_qwen2.py}): biases on q, k and v (always), none on o;</li>
 *   <li>qwen3 ({@code modeling_qwen3.py}): biases when {@code attention_bias}; RMSNorms on each query and key head
 *       ({@code q_norm}, {@code k_norm}, {@code head_dim} weights each);</li>
 *   <li>phi3 ({@code modeling_phi3.py}): fused {@code qkv_proj} and {@code gate_up_proj}, no biases: Llama's count;
 *       {@code sliding_window} in every layer when declared;</li>
 *   <li>olmo2 ({@code modeling_olmo2.py}): RMSNorms after attention and after the MLP instead of before (same
 *       count), and over the whole query and key projections ({@code q_norm}: heads × head_dim,
 *       {@code k_norm}: KV heads × head_dim).</li>
 * </ul>
 * Qwen2 and Qwen3 attend within {@code sliding_window} only when {@code use_sliding_window} (default off), and then in
 * the layers from {@code max_window_layers} on ({@code configuration_qwen2.py}).
 */
final class LlamaFamily implements ConfigFamily {

    /**
     * A configuration class's defaults for what a config may leave out (transformers'
     * {@code configuration_<type>.py}); a null means "derived from other values" (KV heads: the heads, head
     * dim: hidden ÷ heads).
     */
    private record Defaults(String configClass, int vocab, int hidden, int intermediate, int layers, int heads,
                            Integer kvHeads, Integer headDim, int positions, Integer slidingWindow) {
    }

    private static final Map<String, Defaults> DEFAULTS = Map.of(
            "llama", new Defaults("LlamaConfig", 32000, 4096, 11008, 32, 32, null, null, 2048, null),
            "mistral", new Defaults("MistralConfig", 32000, 4096, 14336, 32, 32, 8, null, 4096 * 32, 4096),
            "mixtral", new Defaults("MixtralConfig", 32000, 4096, 14336, 32, 32, 8, null, 4096 * 32, null),
            "qwen2", new Defaults("Qwen2Config", 151936, 4096, 22016, 32, 32, 32, null, 32768, 4096),
            "qwen3", new Defaults("Qwen3Config", 151936, 4096, 22016, 32, 32, 32, 128, 32768, 4096),
            "phi3", new Defaults("Phi3Config", 32064, 3072, 8192, 32, 32, null, null, 4096, null),
            "olmo2", new Defaults("Olmo2Config", 50304, 4096, 11008, 32, 32, null, null, 2048, null));

    /** Qwen2Config and Qwen3Config: layers from this index on use the sliding window, when it is on. */
    private static final int QWEN_MAX_WINDOW_LAYERS = 28;
    /** MixtralConfig: {@code num_local_experts} and {@code num_experts_per_tok}. */
    private static final int MIXTRAL_EXPERTS = 8;
    private static final int MIXTRAL_EXPERTS_PER_TOKEN = 2;

    @Override
    public List<String> modelTypes() {
        return List.of("llama", "mistral", "mixtral", "qwen2", "qwen3", "phi3", "olmo2");
    }

    @Override
    public Derived derive(HfConfig config) throws ModelFormatException {
        String type = config.modelType();
        Defaults defaults = DEFAULTS.get(type);
        FamilyConfig fields = new FamilyConfig(config, defaults.configClass());
        long vocab = fields.size(defaults.vocab(), "vocab_size");
        long hidden = fields.size(defaults.hidden(), "hidden_size");
        int layers = fields.size(defaults.layers(), "num_hidden_layers");
        int heads = fields.positive(defaults.heads(), "num_attention_heads");
        int kvHeads = defaults.kvHeads() == null ? fields.positiveOr(heads, "num_key_value_heads")
                : fields.positive(defaults.kvHeads(), "num_key_value_heads");
        int headDim = defaults.headDim() == null ? fields.or(ConfigFamily.narrow(hidden / heads), "head_dim")
                : fields.size(defaults.headDim(), "head_dim");
        long intermediate = fields.size(defaults.intermediate(), "intermediate_size");
        int positions = fields.size(defaults.positions(), "max_position_embeddings");
        boolean tied = fields.flag("tie_word_embeddings", false); // every one of these classes defaults to untied

        boolean attentionBias = (type.equals("llama") || type.equals("qwen3") || type.equals("olmo2"))
                && fields.flag("attention_bias", false);
        boolean qkvBias = type.equals("qwen2") || attentionBias;
        boolean mlpBias = type.equals("llama") && fields.flag("mlp_bias", false);
        long attention = ConfigFamily.sum(
                ConfigFamily.attention(hidden, heads, kvHeads, headDim, qkvBias, attentionBias),
                queryKeyNorms(type, heads, kvHeads, headDim));
        long norms = 2 * hidden; // two RMSNorms (weight only) per layer
        long expertMlp = ConfigFamily.gatedMlp(hidden, intermediate, mlpBias);

        Integer experts = null;
        Integer activeExperts = null;
        long mlpTotal = expertMlp;
        long mlpActive = expertMlp;
        if (type.equals("mixtral")) {
            experts = fields.size(MIXTRAL_EXPERTS, "num_local_experts", "num_experts");
            activeExperts = fields.size(MIXTRAL_EXPERTS_PER_TOKEN, "num_experts_per_tok");
            long router = ConfigFamily.product(hidden, experts);
            mlpTotal = ConfigFamily.sum(ConfigFamily.product(experts, expertMlp), router);
            mlpActive = ConfigFamily.sum(ConfigFamily.product(Math.min(activeExperts, experts), expertMlp), router);
        }
        long shared = ConfigFamily.sum(ConfigFamily.embeddings(vocab, hidden, tied), hidden); // + final RMSNorm
        long total = ConfigFamily.sum(shared, ConfigFamily.product(layers, ConfigFamily.sum(attention, norms, mlpTotal)));
        long active = ConfigFamily.sum(shared,
                ConfigFamily.product(layers, ConfigFamily.sum(attention, norms, mlpActive)));

        Integer size = slidingWindow(fields, defaults);
        ConfigFamily.SlidingWindow window = ConfigFamily.SlidingWindow.of(size,
                size == null ? null : windowedLayers(fields, layers), layers);
        Architecture architecture = new Architecture(type, layers, ConfigFamily.narrow(hidden), heads, kvHeads, headDim,
                ConfigFamily.narrow(vocab), positions, experts, activeExperts, window.size(), Architecture.DECODER,
                ConfigFamily.narrow(intermediate), true, null, window.layers(), null);
        return new Derived(architecture, total, active, fields.notes());
    }

    /** Qwen3 normalises each query and key head; OLMo 2 the whole query and key projections. */
    private static long queryKeyNorms(String type, long heads, long kvHeads, long headDim) {
        return switch (type) {
            case "qwen3" -> 2 * headDim;
            case "olmo2" -> ConfigFamily.product(heads + kvHeads, headDim);
            default -> 0;
        };
    }

    /** The attention window, or null when every layer attends to the whole context. */
    private static Integer slidingWindow(FamilyConfig fields, Defaults defaults) throws ModelFormatException {
        String type = fields.modelType();
        if (type.equals("llama") || type.equals("olmo2")) {
            return null; // their attention has no window, whatever the config says
        }
        if ((type.equals("qwen2") || type.equals("qwen3")) && !fields.flag("use_sliding_window", false)) {
            return null;
        }
        return fields.nullable(defaults.slidingWindow(), "sliding_window");
    }

    /** Layers within the window: Qwen's from {@code max_window_layers} on, the others' all (or by layer_types). */
    private static Integer windowedLayers(FamilyConfig fields, int layers) throws ModelFormatException {
        String type = fields.modelType();
        Integer pattern = layers;
        if (type.equals("qwen2") || type.equals("qwen3")) {
            pattern = Math.max(0, layers - fields.or(QWEN_MAX_WINDOW_LAYERS, "max_window_layers"));
        }
        return ConfigFamily.windowedLayers(fields.raw(), layers, pattern);
    }
}
