package dev.openaccess.core.estimate;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Data types a KV cache is commonly kept in, with bytes per element. */
public enum KvCacheDtype {
    F32(4),
    F16(2),
    BF16(2),
    /** 8-bit caches (vLLM {@code fp8}, llama.cpp {@code q8_0} without its scales). */
    F8(1);

    private final int bytes;

    KvCacheDtype(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    /** Parses a name case-insensitively, with a message listing the accepted names. */
    public static KvCacheDtype parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown KV cache dtype '" + name + "' (accepted: "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
        }
    }
}
