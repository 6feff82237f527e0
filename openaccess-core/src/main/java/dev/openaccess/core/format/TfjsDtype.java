package dev.openaccess.core.format;

import java.util.Arrays;
import java.util.Optional;

/**
 * The dtypes a TensorFlow.js weights manifest stores weights in (tfjs-core {@code io/types.ts}: {@code DataType} and
 * the quantization dtypes), with their bytes per element and the descriptor's names for them. Strings have no fixed
 * size: each is stored as a 4-byte length and its bytes.
 */
enum TfjsDtype {
    FLOAT32("float32", "F32", 4),
    INT32("int32", "I32", 4),
    BOOL("bool", "BOOL", 1),
    COMPLEX64("complex64", "C64", 8),
    STRING("string", "STRING", 0),
    // quantization dtypes: the stored form of a float32 or int32 weight
    UINT8("uint8", "U8", 1),
    UINT16("uint16", "U16", 2),
    FLOAT16("float16", "F16", 2);

    private final String name;
    private final String dtype;
    private final int bytes;

    TfjsDtype(String name, String dtype, int bytes) {
        this.name = name;
        this.dtype = dtype;
        this.bytes = bytes;
    }

    static Optional<TfjsDtype> of(String name) {
        return Arrays.stream(values()).filter(type -> type.name.equals(name)).findFirst();
    }

    String dtype() {
        return dtype;
    }

    /** Bytes per element; 0 for strings. */
    int bytes() {
        return bytes;
    }
}
