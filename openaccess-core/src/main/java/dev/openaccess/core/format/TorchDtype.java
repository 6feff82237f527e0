package dev.openaccess.core.format;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * PyTorch's element types as its checkpoints name them, with the descriptor's dtype name for each and the bytes of
 * one element as torch counts them ({@code torch._utils._element_size}). A pickle names a type three ways: a legacy
 * storage class ({@code torch.FloatStorage}, {@code torch/storage.py _dtype_to_storage_type_map}), the C++ pickler's
 * {@code <ScalarType>Storage} ({@code torch.Float8_e4m3fnStorage}, TorchScript's {@code pushStorageOfTensor}), or a
 * {@code torch.dtype} ({@code torch.float8_e4m3fn}, the seventh argument of {@code _rebuild_tensor_v3}, which torch
 * uses for the dtypes of {@code torch/storage.py _new_dtypes}).
 *
 * <p>Packed types ({@code quint4x2}, {@code float4_e2m1fn_x2}, {@code bits4x2}) take one byte per element in torch's
 * own accounting: their {@code numel} counts bytes of packed values, and so do the counts here.
 */
enum TorchDtype {
    F64("F64", 8, "Double", "float64", "double"),
    F32("F32", 4, "Float", "float32", "float"),
    F16("F16", 2, "Half", "float16", "half"),
    BF16("BF16", 2, "BFloat16", "bfloat16"),
    I64("I64", 8, "Long", "int64", "long"),
    I32("I32", 4, "Int", "int32", "int"),
    I16("I16", 2, "Short", "int16", "short"),
    I8("I8", 1, "Char", "int8"),
    U8("U8", 1, "Byte", "uint8"),
    BOOL("BOOL", 1, "Bool", "bool"),
    C128("C128", 16, "ComplexDouble", "complex128", "cdouble"),
    C64("C64", 8, "ComplexFloat", "complex64", "cfloat"),
    C32("C32", 4, "ComplexHalf", "complex32", "chalf"),
    QI8("QI8", 1, "QInt8", "qint8"),
    QU8("QU8", 1, "QUInt8", "quint8"),
    QI32("QI32", 4, "QInt32", "qint32"),
    QU4X2("QU4X2", 1, "QUInt4x2", "quint4x2"),
    QU2X4("QU2X4", 1, "QUInt2x4", "quint2x4"),
    F8_E5M2("F8_E5M2", 1, "Float8_e5m2", "float8_e5m2"),
    F8_E4M3("F8_E4M3", 1, "Float8_e4m3fn", "float8_e4m3fn"),
    F8_E5M2FNUZ("F8_E5M2FNUZ", 1, "Float8_e5m2fnuz", "float8_e5m2fnuz"),
    F8_E4M3FNUZ("F8_E4M3FNUZ", 1, "Float8_e4m3fnuz", "float8_e4m3fnuz"),
    F8_E8M0("F8_E8M0", 1, "Float8_e8m0fnu", "float8_e8m0fnu"),
    F4_X2("F4_X2", 1, "Float4_e2m1fn_x2", "float4_e2m1fn_x2"),
    U16("U16", 2, "UInt16", "uint16"),
    U32("U32", 4, "UInt32", "uint32"),
    U64("U64", 8, "UInt64", "uint64"),
    BITS8("BITS8", 1, "Bits8", "bits8"),
    BITS16("BITS16", 2, "Bits16", "bits16"),
    BITS1X8("BITS1X8", 1, "Bits1x8", "bits1x8"),
    BITS2X4("BITS2X4", 1, "Bits2x4", "bits2x4"),
    BITS4X2("BITS4X2", 1, "Bits4x2", "bits4x2");

    private static final Map<String, TorchDtype> BY_STORAGE = new HashMap<>();
    private static final Map<String, TorchDtype> BY_DTYPE = new HashMap<>();

    static {
        for (TorchDtype type : values()) {
            BY_STORAGE.put(type.scalarType + "Storage", type);
            for (String name : type.dtypeNames) {
                BY_DTYPE.put(name, type);
            }
        }
        // torch.int1 ... int7 and uint1 ... uint7 (torch 2.3+) are held one per byte
        for (int bits = 1; bits <= 7; bits++) {
            BY_DTYPE.putIfAbsent("int" + bits, I8);
            BY_DTYPE.putIfAbsent("uint" + bits, U8);
        }
    }

    private final String id;
    private final int bytes;
    private final String scalarType;
    private final String[] dtypeNames;

    TorchDtype(String id, int bytes, String scalarType, String... dtypeNames) {
        this.id = id;
        this.bytes = bytes;
        this.scalarType = scalarType;
        this.dtypeNames = dtypeNames;
    }

    /** The dtype name in {@code parameters.byDtype}, as every format names it ({@code F32}, {@code BF16}). */
    String id() {
        return id;
    }

    /** Bytes of one element, as torch counts a storage's {@code numel}. */
    int bytes() {
        return bytes;
    }

    /**
     * The type of a storage class, {@code FloatStorage} or {@code Float8_e4m3fnStorage}: the class name without
     * its module ({@code torch} or {@code torch.cuda}).
     */
    static Optional<TorchDtype> ofStorageClass(String className) {
        return Optional.ofNullable(BY_STORAGE.get(className));
    }

    /** The type a {@code torch.dtype} names: {@code float32}, {@code float}, {@code bfloat16}, ... */
    static Optional<TorchDtype> ofDtypeName(String name) {
        return Optional.ofNullable(BY_DTYPE.get(name));
    }
}
