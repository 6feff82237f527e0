package dev.openaccess.core.format;

import java.util.Optional;

/**
 * Every tensor type a GGUF file may declare, with its id, block size (elements per block) and bytes per block.
 *
 * <p>Source of truth: ggml's {@code include/ggml.h} ({@code enum ggml_type}, ids 0 to 42, {@code GGML_TYPE_COUNT}
 * 43), {@code src/ggml.c} ({@code type_traits}: {@code blck_size} and {@code type_size = sizeof(block_...)}) and
 * {@code src/ggml-common.h}, whose {@code static_assert}s fix each block's size. llama.cpp's
 * {@code gguf-py/gguf/constants.py} ({@code GGML_QUANT_SIZES}) agrees everywhere except Q8_1, where it says
 * {@code 4 + 4 + 32 = 40}; ggml's {@code block_q8_1} holds two {@code ggml_half} (d and s) and 32 {@code int8_t},
 * asserted as {@code 2*sizeof(ggml_half) + QK8_1} = 36 bytes, and ggml's loader uses that size, so 36 it is.
 *
 * <p>Ids ggml has removed (4 and 5, Q4_2 and Q4_3; 31 to 33, the Q4_0_x_y repackings; 36 to 38, the IQ4_NL_x_y
 * repackings) are not members: {@link #byId} returns empty for them as for ids newer than this table.
 */
public enum GgmlType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q4_0(2, 32, 18),      // ggml_half d + 16 bytes of nibbles
    Q4_1(3, 32, 20),      // d, m + 16
    Q5_0(6, 32, 22),      // d + qh[4] + 16
    Q5_1(7, 32, 24),      // d, m + qh[4] + 16
    Q8_0(8, 32, 34),      // d + 32
    Q8_1(9, 32, 36),      // d, s + 32 (gguf-py's 40 is wrong, see above)
    Q2_K(10, 256, 84),    // scales[16] + qs[64] + d, dmin
    Q3_K(11, 256, 110),   // hmask[32] + qs[64] + scales[12] + d
    Q4_K(12, 256, 144),   // d, dmin + scales[12] + qs[128]
    Q5_K(13, 256, 176),   // d, dmin + scales[12] + qh[32] + qs[128]
    Q6_K(14, 256, 210),   // ql[128] + qh[64] + scales[16] + d
    Q8_K(15, 256, 292),   // float d + qs[256] + int16 bsums[16]
    IQ2_XXS(16, 256, 66), // d + uint16 qs[32]
    IQ2_XS(17, 256, 74),  // d + uint16 qs[32] + scales[8]
    IQ3_XXS(18, 256, 98), // d + qs[96]
    IQ1_S(19, 256, 50),   // d + qs[32] + uint16 qh[8]
    IQ4_NL(20, 32, 18),   // d + qs[16]
    IQ3_S(21, 256, 110),  // d + qs[64] + qh[8] + signs[32] + scales[4]
    IQ2_S(22, 256, 82),   // d + qs[64] + qh[8] + scales[8]
    IQ4_XS(23, 256, 136), // d + uint16 scales_h + scales_l[4] + qs[128]
    I8(24, 1, 1),
    I16(25, 1, 2),
    I32(26, 1, 4),
    I64(27, 1, 8),
    F64(28, 1, 8),
    IQ1_M(29, 256, 56),   // qs[32] + qh[16] + scales[8]
    BF16(30, 1, 2),
    TQ1_0(34, 256, 54),   // qs[48] + qh[4] + d
    TQ2_0(35, 256, 66),   // qs[64] + d
    MXFP4(39, 32, 17),    // E8M0 e + qs[16]
    NVFP4(40, 64, 36),    // UE4M3 d[4] + qs[32]
    Q1_0(41, 128, 18),    // d + qs[16]
    Q2_0(42, 64, 18);     // d + qs[16]

    private static final GgmlType[] BY_ID = new GgmlType[43];

    static {
        for (GgmlType type : values()) {
            BY_ID[type.id] = type;
        }
    }

    private final int id;
    private final int blockSize;
    private final int typeSize;

    GgmlType(int id, int blockSize, int typeSize) {
        this.id = id;
        this.blockSize = blockSize;
        this.typeSize = typeSize;
    }

    /** The id a GGUF tensor info stores. */
    public int id() {
        return id;
    }

    /** Elements per block. */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes per block. */
    public int typeSize() {
        return typeSize;
    }

    /**
     * Bytes of {@code elements} elements: {@code elements / blockSize × typeSize}.
     *
     * @throws IllegalArgumentException when {@code elements} is negative or not a whole number of blocks
     * @throws ArithmeticException      when the size overflows 64 bits
     */
    public long bytesFor(long elements) {
        if (elements < 0 || elements % blockSize != 0) {
            throw new IllegalArgumentException(elements + " elements are not a whole number of " + name()
                    + " blocks of " + blockSize);
        }
        return Math.multiplyExact(elements / blockSize, (long) typeSize);
    }

    /** The type with this id, or empty for removed ids and ids newer than this table. */
    public static Optional<GgmlType> byId(long id) {
        return id >= 0 && id < BY_ID.length ? Optional.ofNullable(BY_ID[(int) id]) : Optional.empty();
    }
}
