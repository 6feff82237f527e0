package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;
import java.util.Map;

/**
 * Gemma's three generations (transformers {@code modeling_gemma.py}, {@code modeling_gemma2.py},
 * {@code modeling_gemma3.py} for {@code Gemma3ForCausalLM}): Llama's layer with an explicit {@code head_dim} (256 by
 * default, not hidden ÷ heads), biases on q, k, v and o only when {@code attention_bias}, a gated MLP, RMSNorms, and an
 * output head tied to the token table (every Gemma config class defaults to tied).
 * <ul>
 *   <li>gemma: two RMSNorms per layer (before attention, before the MLP); no window;</li>
 *   <li>gemma2: four (also after attention and after the MLP); every other layer (the even ones) attends within
 *       {@code sliding_window};</li>
 *   <li>gemma3_text: four, plus an RMSNorm on each query and key head ({@code q_norm}, {@code k_norm}); five of every
 *       six layers ({@code sliding_window_pattern}) attend within {@code sliding_window}, the sixth to everything.</li>
 * </ul>
 */
final class GemmaFamily implements ConfigFamily {

    /** Defaults of GemmaConfig, Gemma2Config and Gemma3TextConfig ({@code configuration_gemma*.py}). */
    private record Defaults(String configClass, int vocab, int hidden, int intermediate, int layers, int heads,
                            int kvHeads, int positions, Integer slidingWindow, int normsPerLayer) {
    }

    private static final Map<String, Defaults> DEFAULTS = Map.of(
            "gemma", new Defaults("GemmaConfig", 256000, 3072, 24576, 28, 16, 16, 8192, null, 2),
            "gemma2", new Defaults("Gemma2Config", 256000, 2304, 9216, 26, 8, 4, 8192, 4096, 4),
            "gemma3_text", new Defaults("Gemma3TextConfig", 262208, 2304, 9216, 26, 8, 4, 131072, 4096, 4));

    /** {@code head_dim} in all three configuration classes. */
    private static final int HEAD_DIM = 256;
    /** Gemma3TextConfig: the {@code sliding_window_pattern}-th layer is global, the others local. */
    private static final int GEMMA3_SLIDING_WINDOW_PATTERN = 6;

    @Override
    public List<String> modelTypes() {
        return List.of("gemma", "gemma2", "gemma3_text");
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
        int kvHeads = fields.positive(defaults.kvHeads(), "num_key_value_heads");
        int headDim = fields.size(HEAD_DIM, "head_dim");
        long intermediate = fields.size(defaults.intermediate(), "intermediate_size");
        int positions = fields.size(defaults.positions(), "max_position_embeddings");
        boolean tied = fields.flag("tie_word_embeddings", true);
        boolean bias = fields.flag("attention_bias", false);

        long queryKeyNorms = type.equals("gemma3_text") ? 2L * headDim : 0;
        long layer = ConfigFamily.sum(ConfigFamily.attention(hidden, heads, kvHeads, headDim, bias, bias),
                queryKeyNorms,
                ConfigFamily.product(defaults.normsPerLayer(), hidden),
                ConfigFamily.gatedMlp(hidden, intermediate, false));
        long total = ConfigFamily.sum(ConfigFamily.embeddings(vocab, hidden, tied), hidden, // + final RMSNorm
                ConfigFamily.product(layers, layer));

        Integer size = defaults.slidingWindow() == null ? null
                : fields.nullable(defaults.slidingWindow(), "sliding_window");
        ConfigFamily.SlidingWindow window = ConfigFamily.SlidingWindow.of(size,
                size == null ? null : ConfigFamily.windowedLayers(config, layers, localLayers(fields, layers)), layers);
        Architecture architecture = new Architecture(type, layers, ConfigFamily.narrow(hidden), heads, kvHeads, headDim,
                ConfigFamily.narrow(vocab), positions, null, null, window.size(), Architecture.DECODER,
                ConfigFamily.narrow(intermediate), true, null, window.layers(), null);
        return new Derived(architecture, total, total, fields.notes());
    }

    /** Gemma 2: layers 0, 2, 4, … are local; Gemma 3: all but every {@code sliding_window_pattern}-th. */
    private static int localLayers(FamilyConfig fields, int layers) throws ModelFormatException {
        if (fields.modelType().equals("gemma2")) {
            return (layers + 1) / 2;
        }
        int pattern = fields.positiveOr(GEMMA3_SLIDING_WINDOW_PATTERN, "sliding_window_pattern");
        return layers - layers / pattern;
    }
}
