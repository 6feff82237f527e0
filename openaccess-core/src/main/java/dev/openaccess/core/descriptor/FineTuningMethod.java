package dev.openaccess.core.descriptor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The ways to fine-tune a model, most capable first. */
public enum FineTuningMethod {
    /** Every weight trained, with mixed-precision Adam. */
    FULL("full", "full"),
    /** Low-rank adapters beside the frozen base (Hu et al. 2021). */
    LORA("lora", "LoRA"),
    /** LoRA over a base quantized to 4-bit NormalFloat (Dettmers et al. 2023). */
    QLORA("qlora", "QLoRA");

    private final String id;
    private final String displayName;

    FineTuningMethod(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    /** The method's name in descriptors ({@code full}, {@code lora}, {@code qlora}). */
    @JsonValue
    public String id() {
        return id;
    }

    /** How people write it ({@code LoRA}). */
    public String displayName() {
        return displayName;
    }

    /** The method a descriptor names; an unknown name is refused (the schema allows only these). */
    @JsonCreator
    public static FineTuningMethod fromId(String id) {
        return Arrays.stream(values()).filter(value -> value.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a fine-tuning method: " + id));
    }

    /** The descriptor's name, so that words built from the value read as the descriptor writes it. */
    @Override
    public String toString() {
        return id();
    }
}
