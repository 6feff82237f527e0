package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;
import java.util.Optional;

/**
 * A model family whose parameter count follows analytically from its {@code config.json}: the layer shapes of
 * the reference implementation (Hugging Face transformers' modeling code), summed. Each family names the modeling
 * file its formula follows; a value the config leaves out is its configuration class's default.
 */
sealed interface ConfigFamily permits LlamaFamily, GemmaFamily, QwenMoeFamily, DeepseekFamily, PhiFamily,
        PhiMoeFamily, CohereFamily, Starcoder2Family, FalconFamily, GptNeoxFamily, GptjFamily, BloomFamily,
        Gpt2Family, OptFamily, BertFamily, DistilBertFamily, T5Family {

    List<ConfigFamily> ALL = List.of(new LlamaFamily(), new GemmaFamily(), new QwenMoeFamily(), new DeepseekFamily(),
            new PhiFamily(), new PhiMoeFamily(), new CohereFamily(), new Starcoder2Family(), new FalconFamily(),
            new GptNeoxFamily(), new GptjFamily(), new BloomFamily(), new Gpt2Family(), new OptFamily(),
            new BertFamily(), new DistilBertFamily(), new T5Family());

    /**
     * Parameter counts and architecture derived from a config.
     *
     * @param active parameters one token passes through: all of them but in a mixture of experts, where only the
     *               routed experts chosen for it (plus shared experts, routers and everything outside the MLPs) run
     * @param notes  what the config did not state and the formula therefore assumed, in plain words
     */
    record Derived(Architecture architecture, long total, long active, List<String> notes) {

        public Derived {
            notes = List.copyOf(notes);
        }
    }

    /** The {@code model_type} values this family covers. */
    List<String> modelTypes();

    Derived derive(HfConfig config) throws ModelFormatException;

    static Optional<ConfigFamily> forModelType(String modelType) {
        return ALL.stream().filter(family -> family.modelTypes().contains(modelType)).findFirst();
    }

    static List<String> supportedModelTypes() {
        return ALL.stream().flatMap(family -> family.modelTypes().stream()).sorted().toList();
    }

    /** Sum that fails instead of wrapping around: hyperparameters come from untrusted files. */
    static long sum(long... terms) {
        long total = 0;
        for (long term : terms) {
            total = Math.addExact(total, term);
        }
        return total;
    }

    static long product(long a, long b) {
        return Math.multiplyExact(a, b);
    }

    /** A value for the descriptor's int fields; overflows fail like every other sum here. */
    static int narrow(long value) {
        return Math.toIntExact(value);
    }

    /** A dense layer's weight plus, when present, its bias. */
    static long linear(long in, long out, boolean bias) {
        return Math.addExact(Math.multiplyExact(in, out), bias ? out : 0);
    }

    /** LayerNorm with weight and bias. */
    static long layerNorm(long width) {
        return product(2, width);
    }

    /** The token table, and the output head unless it is the same matrix ({@code tie_word_embeddings}). */
    static long embeddings(long vocab, long hidden, boolean tied) {
        return product(product(vocab, hidden), tied ? 1 : 2);
    }

    /**
     * Attention with separate (or fused: the count is the same) query, key, value and output projections:
     * {@code heads} query heads and {@code kvHeads} key/value heads of {@code headDim}.
     */
    static long attention(long hidden, long heads, long kvHeads, long headDim, boolean qkvBias, boolean outBias) {
        long queryWidth = product(heads, headDim);
        long kvWidth = product(kvHeads, headDim);
        return sum(linear(hidden, queryWidth, qkvBias), product(2, linear(hidden, kvWidth, qkvBias)),
                linear(queryWidth, hidden, outBias));
    }

    /** A gated MLP (gate, up, down: SwiGLU, GeGLU). */
    static long gatedMlp(long hidden, long intermediate, boolean bias) {
        return sum(product(2, linear(hidden, intermediate, bias)), linear(intermediate, hidden, bias));
    }

    /** A plain MLP (up, activation, down). */
    static long plainMlp(long hidden, long intermediate, boolean bias) {
        return sum(linear(hidden, intermediate, bias), linear(intermediate, hidden, bias));
    }

    /** The architecture of a model whose every attention head has its own keys and values, with a plain MLP. */
    static Architecture multiHead(String family, int layers, long hidden, int heads, long vocab, Integer positions,
                                  String kind, long intermediate) {
        return new Architecture(family, layers, narrow(hidden), heads, heads, narrow(hidden / heads), narrow(vocab),
                positions, null, null, null, kind, narrow(intermediate), false);
    }

    /**
     * A sliding window as the descriptor states it: its size, and how many layers use it when not all do. A window
     * of 0 tokens, or in no layer, is no window.
     */
    record SlidingWindow(Integer size, Integer layers) {

        static final SlidingWindow NONE = new SlidingWindow(null, null);

        static SlidingWindow of(Integer size, Integer windowedLayers, int layers) {
            if (size == null || size == 0 || windowedLayers != null && windowedLayers == 0) {
                return NONE;
            }
            return new SlidingWindow(size, windowedLayers == null || windowedLayers >= layers ? null : windowedLayers);
        }
    }

    /**
     * How many layers attend within a sliding window, by the config's {@code layer_types} when it lists them (newer
     * configs do), else by the family's own pattern; null when the config lists none and the family has no pattern.
     */
    static Integer windowedLayers(HfConfig config, int layers, Integer pattern) throws ModelFormatException {
        List<String> types = config.optionalStrings("layer_types");
        if (types == null) {
            return pattern;
        }
        if (types.size() != layers) {
            throw new ModelFormatException(config.path(), "'layer_types' lists " + types.size()
                    + " layers but 'num_hidden_layers' is " + layers);
        }
        return (int) types.stream().filter("sliding_attention"::equals).count();
    }
}
