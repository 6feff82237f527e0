package dev.openaccess.core.format;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every data type of the safetensors format with its width in bits (huggingface/safetensors {@code Dtype}). */
public enum SafetensorsDtype {
    F4(4),
    F6_E2M3(6),
    F6_E3M2(6),
    BOOL(8),
    U8(8),
    I8(8),
    F8_E5M2(8),
    F8_E4M3(8),
    F8_E8M0(8),
    F8_E4M3FNUZ(8),
    F8_E5M2FNUZ(8),
    I16(16),
    U16(16),
    F16(16),
    BF16(16),
    I32(32),
    U32(32),
    F32(32),
    C64(64),
    F64(64),
    I64(64),
    U64(64);

    private static final Map<String, SafetensorsDtype> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    private final int bits;

    SafetensorsDtype(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    /** The dtype spelled as in a safetensors header, if the format defines it. */
    public static Optional<SafetensorsDtype> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
