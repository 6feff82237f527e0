package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.descriptor.Parameters;
import dev.openaccess.core.descriptor.TensorLayout;
import java.util.List;
import java.util.Map;
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
        TensorLayout tensorLayout) {

    public ModelFacts(ModelFormat format, Parameters parameters, Long weightsBytes, Long tensors,
                      Architecture architecture, Map<String, String> metadata, List<String> warnings) {
        this(format, parameters, weightsBytes, tensors, architecture, metadata, warnings, null);
    }

    public ModelFacts {
        metadata = new TreeMap<>(metadata);
        warnings = List.copyOf(warnings);
    }

    /** The data type holding most parameters (the model's stored precision), or null when there are none. */
    public String dominantDtype() {
        return parameters.dominantDtype();
    }

    /** The same facts with one more warning. */
    public ModelFacts withWarning(String warning) {
        List<String> more = new java.util.ArrayList<>(warnings);
        more.add(warning);
        return new ModelFacts(format, parameters, weightsBytes, tensors, architecture, metadata, more, tensorLayout);
    }

    /** The same facts with the GGUF tensor layout. */
    public ModelFacts withTensorLayout(TensorLayout layout) {
        return new ModelFacts(format, parameters, weightsBytes, tensors, architecture, metadata, warnings, layout);
    }

    /** The same facts with the architecture another file (a config.json beside the weights) declares. */
    public ModelFacts withArchitecture(Architecture declared) {
        return new ModelFacts(format, parameters, weightsBytes, tensors, declared, metadata, warnings, tensorLayout);
    }
}
