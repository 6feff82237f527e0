package dev.openaccess.core.format;

/** The model file formats openaccess reads, with the names the descriptor uses for them. */
public enum ModelFormat {
    SAFETENSORS("safetensors"),
    GGUF("gguf"),
    ONNX("onnx"),
    HF_CONFIG("hf-config"),
    NPY("npy"),
    NPZ("npz");

    private final String id;

    ModelFormat(String id) {
        this.id = id;
    }

    /** The format's name in descriptors ({@code models[].format}). */
    public String id() {
        return id;
    }
}
