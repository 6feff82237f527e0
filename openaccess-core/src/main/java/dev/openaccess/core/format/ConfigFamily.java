package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import java.util.List;
import java.util.Optional;

/**
 * A model family whose parameter count follows analytically from its {@code config.json}: the layer shapes of
 * the reference implementation (Hugging Face transformers' modeling code), summed.
 */
sealed interface ConfigFamily permits LlamaFamily, Gpt2Family, BertFamily, OptFamily {

    List<ConfigFamily> ALL = List.of(new LlamaFamily(), new Gpt2Family(), new BertFamily(), new OptFamily());

    /** Parameter counts and architecture derived from a config. */
    record Derived(Architecture architecture, long total, long active) {
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

    /** A dense layer's weight plus, when present, its bias. */
    static long linear(long in, long out, boolean bias) {
        return Math.addExact(Math.multiplyExact(in, out), bias ? out : 0);
    }

    /** The architecture of a model whose every attention head has its own keys and values, with a plain MLP. */
    static Architecture multiHead(String family, int layers, long hidden, int heads, long vocab, long positions,
                                  String kind, long intermediate) {
        return new Architecture(family, layers, (int) hidden, heads, heads, (int) (hidden / heads), (int) vocab,
                (int) positions, null, null, null, kind, (int) intermediate, false);
    }

    /** LayerNorm with weight and bias. */
    static long layerNorm(long width) {
        return 2 * width;
    }
}
