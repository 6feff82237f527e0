package dev.openaccess.core.format;

import java.util.Arrays;
import java.util.Optional;

/**
 * ONNX tensor element types (onnx.proto {@code TensorProto.DataType}) with their width in bits, named as the
 * descriptor names dtypes of every format ({@code F32}, {@code BF16}, {@code I8}, ...). Sub-byte types are packed.
 */
enum OnnxDataType {
    FLOAT(1, "F32", 32),
    UINT8(2, "U8", 8),
    INT8(3, "I8", 8),
    UINT16(4, "U16", 16),
    INT16(5, "I16", 16),
    INT32(6, "I32", 32),
    INT64(7, "I64", 64),
    /** Variable length: elements are counted, bytes are not known from the header. */
    STRING(8, "STRING", 0),
    BOOL(9, "BOOL", 8),
    FLOAT16(10, "F16", 16),
    DOUBLE(11, "F64", 64),
    UINT32(12, "U32", 32),
    UINT64(13, "U64", 64),
    COMPLEX64(14, "C64", 64),
    COMPLEX128(15, "C128", 128),
    BFLOAT16(16, "BF16", 16),
    FLOAT8E4M3FN(17, "F8_E4M3", 8),
    FLOAT8E4M3FNUZ(18, "F8_E4M3FNUZ", 8),
    FLOAT8E5M2(19, "F8_E5M2", 8),
    FLOAT8E5M2FNUZ(20, "F8_E5M2FNUZ", 8),
    UINT4(21, "U4", 4),
    INT4(22, "I4", 4),
    FLOAT4E2M1(23, "F4", 4),
    FLOAT8E8M0(24, "F8_E8M0", 8),
    UINT2(25, "U2", 2),
    INT2(26, "I2", 2);

    private final int id;
    private final String dtype;
    private final int bits;

    OnnxDataType(int id, String dtype, int bits) {
        this.id = id;
        this.dtype = dtype;
        this.bits = bits;
    }

    static Optional<OnnxDataType> byId(long id) {
        return Arrays.stream(values()).filter(type -> type.id == id).findFirst();
    }

    /** The number onnx.proto gives the type. */
    int id() {
        return id;
    }

    /** The dtype name used in {@code parameters.byDtype}. */
    String dtype() {
        return dtype;
    }

    boolean hasFixedSize() {
        return bits > 0;
    }

    /** Width of one element in bits; 0 for STRING. Sizes are {@link Checked#bytes}'s to compute. */
    int bits() {
        return bits;
    }
}
