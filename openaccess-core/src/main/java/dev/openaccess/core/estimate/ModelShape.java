package dev.openaccess.core.estimate;

import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.descriptor.ModelEntry;
import dev.openaccess.core.descriptor.TensorLayout;
import java.util.List;

/**
 * What the estimators need to know of one model.
 *
 * @param path             the model's path in the descriptor
 * @param format           the descriptor's format id ({@code safetensors}, {@code onnx}, ...)
 * @param activeParameters parameters one token passes through (all of them, but for a mixture of experts)
 * @param weightsBytes     exact bytes of the stored weights
 * @param storedDtype      the dtype most parameters are stored in ({@code BF16}, {@code F32}, ...), null if unknown
 * @param architecture     hyperparameters as far as the files declare them, null when they declare none
 * @param tensorLayout     GGUF only: header size and matrices by type (llama.cpp's host memory and CPU repacking);
 *                         null otherwise
 */
public record ModelShape(String path, String format, long totalParameters, long activeParameters, long weightsBytes,
                         String storedDtype, Architecture architecture, TensorLayout tensorLayout) {

    /** A model whose tensor layout is not known (every format but GGUF). */
    public ModelShape(String path, String format, long totalParameters, long activeParameters, long weightsBytes,
                      String storedDtype, Architecture architecture) {
        this(path, format, totalParameters, activeParameters, weightsBytes, storedDtype, architecture, null);
    }

    /**
     * The shape of a model as a descriptor lists it: what a producer counted, or what a consumer read from the file.
     */
    public static ModelShape of(ModelEntry model) {
        return new ModelShape(model.path(), model.format(), model.parameters().total(), model.parameters().active(),
                model.weightsBytes() == null ? 0 : model.weightsBytes(), model.parameters().dominantDtype(),
                model.architecture(), model.tensorLayout());
    }

    /**
     * Says once in {@code notes} that this model declares no architecture, so that what depends on it (KV cache,
     * activations, LoRA adapters) is left out of the estimates.
     */
    void noteUnknownArchitecture(List<String> notes) {
        String note = path + ": architecture unknown (no config.json beside the weights): KV cache, activations and"
                + " LoRA adapters not estimated";
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    boolean isEncoder() {
        return architecture != null && architecture.isEncoder();
    }

    /** Share of the weights one token reads: 1 for a dense model, active ÷ total for a mixture of experts. */
    double activeShare() {
        return totalParameters == 0 ? 1 : (double) activeParameters / totalParameters;
    }
}
