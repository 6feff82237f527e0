package dev.openaccess.core.format;

import java.util.Arrays;
import java.util.Optional;

/**
 * OpenVINO element types as IR writes them in a {@code Const} layer's {@code element_type} (OpenVINO's
 * {@code element::Type}), with their width in bits and the descriptor's names for them. Sub-byte types are packed in
 * the {@code .bin}; {@code string} has no fixed width (its bytes are still known, from the layer's {@code size}).
 */
enum OpenVinoType {
    BOOLEAN("boolean", "BOOL", 8),
    BF16("bf16", "BF16", 16),
    F16("f16", "F16", 16),
    F32("f32", "F32", 32),
    F64("f64", "F64", 64),
    I4("i4", "I4", 4),
    I8("i8", "I8", 8),
    I16("i16", "I16", 16),
    I32("i32", "I32", 32),
    I64("i64", "I64", 64),
    U1("u1", "U1", 1),
    U2("u2", "U2", 2),
    U3("u3", "U3", 3),
    U4("u4", "U4", 4),
    U6("u6", "U6", 6),
    U8("u8", "U8", 8),
    U16("u16", "U16", 16),
    U32("u32", "U32", 32),
    U64("u64", "U64", 64),
    NF4("nf4", "NF4", 4),
    F8E4M3("f8e4m3", "F8_E4M3", 8),
    F8E5M2("f8e5m2", "F8_E5M2", 8),
    F8E8M0("f8e8m0", "F8_E8M0", 8),
    F4E2M1("f4e2m1", "F4", 4),
    STRING("string", "STRING", 0);

    private final String name;
    private final String dtype;
    private final int bits;

    OpenVinoType(String name, String dtype, int bits) {
        this.name = name;
        this.dtype = dtype;
        this.bits = bits;
    }

    static Optional<OpenVinoType> of(String name) {
        return Arrays.stream(values()).filter(type -> type.name.equals(name)).findFirst();
    }

    String dtype() {
        return dtype;
    }

    boolean hasFixedSize() {
        return bits > 0;
    }

    int bits() {
        return bits;
    }
}
