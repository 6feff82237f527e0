#!/usr/bin/env python3
"""Counts a TensorFlow Lite model's weights a second, independent way: straight from the FlatBuffers binary format
(flatbuffers.dev "Internals") and TensorFlow's schema.fbs, with nothing but the standard library, none of openaccess's
code, none of the generated classes. Prints one line per file, tab-separated:

    path  parameters  weights_bytes  tensors  per-dtype counts (DTYPE=n,...)

What is counted is what TfliteReader's javadoc says: every tensor whose buffer holds data (buffer 0 and empty buffers
are activations), a buffer shared by several tensors once; elements from the shape; bytes as stored, plus a sparse
tensor's index vectors, plus 4 bytes per quantization scale and 8 per zero point. MediaPipe .task bundles (zips) are
summed over their entries that carry TFL3 at byte 4.

    scripts/tflite-count.py model.tflite bundle.task ...
"""
import struct
import sys
import zipfile

# schema.fbs enum TensorType: (dtype name as the descriptor names it, bits; 0 = no fixed size)
TYPES = {0: ("F32", 32), 1: ("F16", 16), 2: ("I32", 32), 3: ("U8", 8), 4: ("I64", 64), 5: ("STRING", 0),
         6: ("BOOL", 8), 7: ("I16", 16), 8: ("C64", 64), 9: ("I8", 8), 10: ("F64", 64), 11: ("C128", 128),
         12: ("U64", 64), 13: ("RESOURCE", 0), 14: ("VARIANT", 0), 15: ("U32", 32), 16: ("U16", 16), 17: ("I4", 4),
         18: ("BF16", 16), 19: ("I2", 2), 20: ("U4", 4), 21: ("F8_E4M3", 8), 22: ("F8_E5M2", 8)}
# union SparseIndexVector: 1 Int32Vector, 2 Uint16Vector, 3 Uint8Vector
INDEX_WIDTH = {1: 4, 2: 2, 3: 1}


class Flat:
    def __init__(self, data):
        self.b = data

    def u32(self, at):
        return struct.unpack_from("<I", self.b, at)[0]

    def i32(self, at):
        return struct.unpack_from("<i", self.b, at)[0]

    def field(self, table, index):
        """Absolute position of field `index` of the table at `table`, or None when absent."""
        vtable = table - self.i32(table)
        vtable_size = struct.unpack_from("<H", self.b, vtable)[0]
        slot = 4 + 2 * index
        if slot >= vtable_size:
            return None
        offset = struct.unpack_from("<H", self.b, vtable + slot)[0]
        return None if offset == 0 else table + offset

    def deref(self, at):
        return at + self.u32(at)

    def table(self, table, index):
        at = self.field(table, index)
        return None if at is None else self.deref(at)

    def vector(self, table, index):
        """(position of the first element, length) of a vector field, or None."""
        at = self.field(table, index)
        if at is None:
            return None
        v = self.deref(at)
        return v + 4, self.u32(v)

    def tables(self, table, index):
        v = self.vector(table, index)
        if v is None:
            return []
        start, n = v
        return [self.deref(start + 4 * i) for i in range(n)]

    def scalar(self, table, index, fmt, default=0):
        at = self.field(table, index)
        return default if at is None else struct.unpack_from("<" + fmt, self.b, at)[0]


def count(data, file_size):
    f = Flat(data)
    assert data[4:8] == b"TFL3", "no TFL3 identifier"
    model = f.deref(0)
    # Model: 0 version, 1 operator_codes, 2 subgraphs, 3 description, 4 buffers, 5 metadata_buffer, 6 metadata
    buffers = f.tables(model, 4)
    seen = set()
    total, nbytes, tensors, by = 0, 0, 0, {}
    for subgraph in f.tables(model, 2):
        ts = f.tables(subgraph, 0)  # SubGraph: 0 tensors
        # blockwise / multi-axis quantization: scale and zero-point tensors are named by index (details 0, 1)
        tables = set()
        for t in ts:
            q = f.table(t, 4)
            if q is not None and f.scalar(q, 4, "B") in (2, 3):  # details_type: BlockwiseQuantization, MultiAxis
                d = f.table(q, 5)
                if d is not None:
                    tables.add(f.scalar(d, 0, "i"))
                    tables.add(f.scalar(d, 1, "i"))
        for j, t in enumerate(ts):
            # Tensor: 0 shape, 1 type, 2 buffer, 3 name, 4 quantization, 5 is_variable, 6 sparsity, ... 10 external
            index = f.scalar(t, 2, "I")
            if f.scalar(t, 10, "I") != 0:
                raise SystemExit("external buffers are not counted by this script")
            if index == 0:
                continue
            buf = buffers[index]
            data_vec = f.vector(buf, 0)  # Buffer: 0 data, 1 offset, 2 size
            stored = data_vec[1] if data_vec else 0
            if stored == 0 and f.scalar(buf, 1, "Q") > 1:
                stored = f.scalar(buf, 2, "Q")
                assert f.scalar(buf, 1, "Q") + stored <= file_size
            if stored == 0 or index in seen:
                continue
            seen.add(index)
            shape = f.vector(t, 0)
            elements = 1
            if shape:
                for k in range(shape[1]):
                    elements *= f.i32(shape[0] + 4 * k)
            extra = 0
            sp = f.table(t, 6)
            if sp is not None:
                # SparsityParameters: 2 dim_metadata; DimensionMetadata: 2/3 segments type/value, 4/5 indices
                for dm in f.tables(sp, 2):
                    for type_field, value_field in ((2, 3), (4, 5)):
                        width = INDEX_WIDTH.get(f.scalar(dm, type_field, "B"), 0)
                        vt = f.table(dm, value_field) if width else None
                        if vt is not None:
                            v = f.vector(vt, 0)
                            extra += (v[1] if v else 0) * width
            q = f.table(t, 4)
            if q is not None:  # QuantizationParameters: 2 scale (float), 3 zero_point (long)
                s, z = f.vector(q, 2), f.vector(q, 3)
                extra += (s[1] * 4 if s else 0) + (z[1] * 8 if z else 0)
            nbytes += stored + extra
            if j in tables:
                continue
            dtype = TYPES.get(f.scalar(t, 1, "b"), ("TFLITE_TYPE_%d" % f.scalar(t, 1, "b"), 0))[0]
            by[dtype] = by.get(dtype, 0) + elements
            total += elements
            tensors += 1
    return total, nbytes, tensors, by


def main():
    for path in sys.argv[1:]:
        if zipfile.is_zipfile(path):
            total, nbytes, tensors, by = 0, 0, 0, {}
            with zipfile.ZipFile(path) as z:
                for info in z.infolist():
                    data = z.read(info)
                    if data[4:8] == b"TFL3":
                        t, b, n, d = count(data, len(data))
                        total, nbytes, tensors = total + t, nbytes + b, tensors + n
                        for k, v in d.items():
                            by[k] = by.get(k, 0) + v
        else:
            with open(path, "rb") as fh:
                data = fh.read()
            total, nbytes, tensors, by = count(data, len(data))
        print("\t".join([path, str(total), str(nbytes), str(tensors),
                         ",".join("%s=%d" % kv for kv in sorted(by.items()))]))


if __name__ == "__main__":
    main()
