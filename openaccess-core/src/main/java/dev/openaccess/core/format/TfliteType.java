package dev.openaccess.core.format;

import java.util.Arrays;
import java.util.Optional;

/**
 * TensorFlow Lite tensor types (schema.fbs {@code enum TensorType}) with their width in bits, named as the descriptor
 * names dtypes of every format. Sub-byte types are packed in the file (TensorFlow Lite stores INT4 constants two to
 * a byte). STRING, RESOURCE and VARIANT have no fixed width; their stored bytes are still known, from the buffer.
 */
enum TfliteType {
    FLOAT32(0, "F32", 32),
    FLOAT16(1, "F16", 16),
    INT32(2, "I32", 32),
    UINT8(3, "U8", 8),
    INT64(4, "I64", 64),
    STRING(5, "STRING", 0),
    BOOL(6, "BOOL", 8),
    INT16(7, "I16", 16),
    COMPLEX64(8, "C64", 64),
    INT8(9, "I8", 8),
    FLOAT64(10, "F64", 64),
    COMPLEX128(11, "C128", 128),
    UINT64(12, "U64", 64),
    RESOURCE(13, "RESOURCE", 0),
    VARIANT(14, "VARIANT", 0),
    UINT32(15, "U32", 32),
    UINT16(16, "U16", 16),
    INT4(17, "I4", 4),
    BFLOAT16(18, "BF16", 16),
    INT2(19, "I2", 2),
    UINT4(20, "U4", 4),
    FLOAT8_E4M3FN(21, "F8_E4M3", 8),
    FLOAT8_E5M2(22, "F8_E5M2", 8);

    private final int id;
    private final String dtype;
    private final int bits;

    TfliteType(int id, String dtype, int bits) {
        this.id = id;
        this.dtype = dtype;
        this.bits = bits;
    }

    static Optional<TfliteType> byId(int id) {
        return Arrays.stream(values()).filter(type -> type.id == id).findFirst();
    }

    /** The dtype of a type id, {@code TFLITE_TYPE_<id>} for one the schema does not define. */
    static String dtype(int id) {
        return byId(id).map(TfliteType::dtype).orElse("TFLITE_TYPE_" + id);
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
