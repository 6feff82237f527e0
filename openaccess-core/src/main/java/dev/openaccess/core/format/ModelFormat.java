package dev.openaccess.core.format;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of model file openaccess recognises, with the names the descriptor uses for them: in
 * {@code models[].format} for the ones a reader counts, in {@code unreadFiles[].format} for the others. Which
 * reader counts which format, and how each is recognised, is {@link FormatTable}'s to say.
 *
 * <p>Ids are a public contract: add, never rename.
 */
public enum ModelFormat {
    SAFETENSORS("safetensors"),
    GGUF("gguf"),
    ONNX("onnx"),
    HF_CONFIG("hf-config"),
    NPY("npy"),
    NPZ("npz"),
    // The descriptor contract's formats whose readers are still to come: recognised, listed as unread.
    TFLITE("tflite"),
    PYTORCH("pytorch"),
    TORCHSCRIPT("torchscript"),
    SAVEDMODEL("savedmodel"),
    KERAS("keras"),
    TFJS("tfjs"),
    OPENVINO("openvino"),
    // Models of other toolkits that Java projects ship: recognised so they are never dropped silently.
    OPENNLP("opennlp"),
    CORENLP("corenlp"),
    TESSERACT("tesseract"),
    OPENCV_CASCADE("opencv-cascade");

    private final String id;

    ModelFormat(String id) {
        this.id = id;
    }

    /**
     * Whether loading a file of this format can execute code: pickles (PyTorch checkpoints, NumPy object arrays),
     * Keras {@code Lambda} layers. A model of such a format whose descriptor does not say what loading it does
     * (one an older version wrote) cannot be taken for safe.
     */
    public boolean mayExecuteCode() {
        return this == PYTORCH || this == TORCHSCRIPT || this == KERAS || this == NPY || this == NPZ;
    }

    /** The format's name in descriptors ({@code models[].format}, {@code unreadFiles[].format}). */
    public String id() {
        return id;
    }

    /** The format with this descriptor id. */
    public static Optional<ModelFormat> byId(String id) {
        return Arrays.stream(values()).filter(format -> format.id.equals(id)).findFirst();
    }
}
