package dev.openaccess.core.format;

import java.util.Arrays;
import java.util.Optional;

/**
 * TensorFlow's element types ({@code tensorflow/core/framework/types.proto DataType}) with their width in bits,
 * named as the descriptor names every format's dtypes. The {@code _REF} types (the same number plus 100) are
 * references to these. STRING, RESOURCE and VARIANT have no fixed width: their bytes are what the bundle stored.
 */
enum TfDataType {
    FLOAT(1, "F32", 32), DOUBLE(2, "F64", 64), INT32(3, "I32", 32), UINT8(4, "U8", 8), INT16(5, "I16", 16),
    INT8(6, "I8", 8), STRING(7, "STRING", 0), COMPLEX64(8, "C64", 64), INT64(9, "I64", 64), BOOL(10, "BOOL", 8),
    QINT8(11, "QI8", 8), QUINT8(12, "QU8", 8), QINT32(13, "QI32", 32), BFLOAT16(14, "BF16", 16),
    QINT16(15, "QI16", 16), QUINT16(16, "QU16", 16), UINT16(17, "U16", 16), COMPLEX128(18, "C128", 128),
    HALF(19, "F16", 16), RESOURCE(20, "RESOURCE", 0), VARIANT(21, "VARIANT", 0), UINT32(22, "U32", 32),
    UINT64(23, "U64", 64), FLOAT8_E5M2(24, "F8_E5M2", 8), FLOAT8_E4M3FN(25, "F8_E4M3", 8),
    FLOAT8_E4M3FNUZ(26, "F8_E4M3FNUZ", 8), FLOAT8_E4M3B11FNUZ(27, "F8_E4M3B11FNUZ", 8),
    FLOAT8_E5M2FNUZ(28, "F8_E5M2FNUZ", 8), INT4(29, "I4", 4), UINT4(30, "U4", 4), INT2(31, "I2", 2),
    UINT2(32, "U2", 2);

    private static final int REF_OFFSET = 100;

    private final int id;
    private final String dtype;
    private final int bits;

    TfDataType(int id, String dtype, int bits) {
        this.id = id;
        this.dtype = dtype;
        this.bits = bits;
    }

    /** The type numbered {@code id}, a {@code _REF} type taken for the type it refers to. */
    static Optional<TfDataType> byId(long id) {
        long plain = id > REF_OFFSET ? id - REF_OFFSET : id;
        return Arrays.stream(values()).filter(type -> type.id == plain).findFirst();
    }

    String dtype() {
        return dtype;
    }

    /** Width in bits; 0 for the types of no fixed width. */
    int bits() {
        return bits;
    }
}
