package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.descriptor.Loading;
import dev.openaccess.core.descriptor.Parameters;
import dev.openaccess.core.descriptor.TensorLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a reader learned from one model's headers; every reader returns this.
 *
 * @param format       the format read
 * @param parameters   parameter counts, per stored data type
 * @param weightsBytes bytes of tensor data; exact when counted from headers, null when unknown
 * @param tensors      number of tensors, null when the format does not list them
 * @param architecture hyperparameters when the format carries them, else null
 * @param metadata     free-form string metadata the file carries
 * @param warnings     things the reader could not account for, in plain words (never silently guessed)
 * @param loading      whether loading the model executes code, and what a pickle imports
 * @param parts        the other files the model is made of, read beside the one named (a sharded model's shards),
 *                     in order: they are sized and digested with it
 * @param tensorLayout GGUF only: the header size and the matrices by type, which llama.cpp's memory depends on
 */
public record ModelFacts(
        ModelFormat format,
        Parameters parameters,
        Long weightsBytes,
        Long tensors,
        Architecture architecture,
        Map<String, String> metadata,
        List<String> warnings,
        Loading loading,
        List<ModelSource> parts,
        TensorLayout tensorLayout) {

    public ModelFacts {
        metadata = new TreeMap<>(metadata);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(loading, "loading: every reader says whether loading its format executes code");
        parts = List.copyOf(parts);
    }

    /** Facts without a tensor layout (every format but GGUF). */
    public ModelFacts(ModelFormat format, Parameters parameters, Long weightsBytes, Long tensors,
                      Architecture architecture, Map<String, String> metadata, List<String> warnings,
                      Loading loading, List<ModelSource> parts) {
        this(format, parameters, weightsBytes, tensors, architecture, metadata, warnings, loading, parts, null);
    }

    /**
     * The facts of a single file whose loading runs no code: every format that holds only tensors and descriptions
     * of them. A reader of a format that can execute code on load (pickle) uses the canonical constructor.
     */
    public ModelFacts(ModelFormat format, Parameters parameters, Long weightsBytes, Long tensors,
                      Architecture architecture, Map<String, String> metadata, List<String> warnings) {
        this(format, parameters, weightsBytes, tensors, architecture, metadata, warnings, Loading.SAFE, List.of());
    }

    /** The data type holding most parameters (the model's stored precision), or null when there are none. */
    public String dominantDtype() {
        return parameters.dominantDtype();
    }

    /** The same facts with one more warning. */
    public ModelFacts withWarning(String warning) {
        List<String> more = new ArrayList<>(warnings);
        more.add(warning);
        return new ModelFacts(format, parameters, weightsBytes, tensors, architecture, metadata, more, loading, parts,
                tensorLayout);
    }

    /** The same facts with the GGUF tensor layout. */
    public ModelFacts withTensorLayout(TensorLayout layout) {
        return new ModelFacts(format, parameters, weightsBytes, tensors, architecture, metadata, warnings, loading,
                parts, layout);
    }

    /** The same facts with the architecture another file (a config.json beside the weights) declares. */
    public ModelFacts withArchitecture(Architecture declared) {
        return new ModelFacts(format, parameters, weightsBytes, tensors, declared, metadata, warnings, loading, parts,
                tensorLayout);
    }

    /** The same facts, made of these files besides the one named. */
    public ModelFacts withParts(List<ModelSource> files) {
        return new ModelFacts(format, parameters, weightsBytes, tensors, architecture, metadata, warnings, loading,
                files, tensorLayout);
    }

    /** The same facts with what loading the model does. */
    public ModelFacts withLoading(Loading how) {
        return new ModelFacts(format, parameters, weightsBytes, tensors, architecture, metadata, warnings, how, parts,
                tensorLayout);
    }
}
