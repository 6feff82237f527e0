package dev.openaccess.core.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes real GGUF bytes for tests, from ggml's {@code docs/gguf.md} and without production code: magic
 * {@code GGUF}, {@code u32} version, {@code u64} tensor count, {@code u64} metadata count, the key-value pairs
 * ({@code u64}-length string key, {@code u32} value type, value), the tensor infos (name, {@code u32} n_dims,
 * {@code u64 ne[]}, {@code u32} type, {@code u64} offset), zero padding to the alignment, then the tensor data
 * (zeros), each tensor padded to the alignment as ggml's writer does. All little-endian.
 *
 * <p>Tensor byte sizes are given by the tests, computed from the type table by hand, so the writer can also lay out
 * files that are wrong on purpose. Header fields can be overridden for the same reason.
 */
public final class GgufBytes {

    public static final int UINT8 = 0;
    public static final int INT8 = 1;
    public static final int UINT16 = 2;
    public static final int INT16 = 3;
    public static final int UINT32 = 4;
    public static final int INT32 = 5;
    public static final int FLOAT32 = 6;
    public static final int BOOL = 7;
    public static final int STRING = 8;
    public static final int ARRAY = 9;
    public static final int UINT64 = 10;
    public static final int INT64 = 11;
    public static final int FLOAT64 = 12;

    /** Little-endian writes. */
    public static final class Sink {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Sink u8(int value) {
            out.write(value);
            return this;
        }

        public Sink u16(int value) {
            return le(value, 2);
        }

        public Sink u32(long value) {
            return le(value, 4);
        }

        public Sink u64(long value) {
            return le(value, 8);
        }

        public Sink f32(float value) {
            return u32(Float.floatToIntBits(value));
        }

        public Sink f64(double value) {
            return u64(Double.doubleToLongBits(value));
        }

        /** A GGUF string: {@code u64} byte length, then the UTF-8 bytes. */
        public Sink string(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            u64(bytes.length);
            return raw(bytes);
        }

        public Sink raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        private Sink le(long value, int bytes) {
            for (int i = 0; i < bytes; i++) {
                out.write((int) (value >>> (8 * i)) & 0xFF);
            }
            return this;
        }

        public int size() {
            return out.size();
        }

        public byte[] bytes() {
            return out.toByteArray();
        }
    }

    /**
     * One tensor info.
     *
     * @param bytes  data bytes the writer reserves for it
     * @param offset its data offset, or null to place it after the previous tensor, aligned
     */
    public record Tensor(String name, long typeId, long bytes, Long offset, long... ne) {
    }

    private byte[] magic = "GGUF".getBytes(StandardCharsets.US_ASCII);
    private long version = 3;
    private Long tensorCount;
    private Long kvCount;
    private int alignment = 32;
    private final List<Consumer<Sink>> kvs = new ArrayList<>();
    private final List<Tensor> tensors = new ArrayList<>();

    public GgufBytes magic(String value) {
        magic = value.getBytes(StandardCharsets.ISO_8859_1);
        return this;
    }

    /** The {@code u32} written as the version, little-endian (0x03000000 writes a big-endian 3). */
    public GgufBytes version(long value) {
        version = value;
        return this;
    }

    /** Declares this tensor count instead of the real one. */
    public GgufBytes tensorCount(long value) {
        tensorCount = value;
        return this;
    }

    /** Declares this metadata count instead of the real one. */
    public GgufBytes kvCount(long value) {
        kvCount = value;
        return this;
    }

    /** Writes {@code general.alignment} as a {@code u32} and lays the data out with it. */
    public GgufBytes alignment(int value) {
        layoutAlignment(value);
        return u32("general.alignment", value);
    }

    /** Lays the data out with this alignment without declaring it. */
    public GgufBytes layoutAlignment(int value) {
        alignment = value;
        return this;
    }

    /** One key-value pair: the key, then {@code type} as {@code u32}, then what {@code value} writes. */
    public GgufBytes kv(String key, int type, Consumer<Sink> value) {
        kvs.add(sink -> value.accept(sink.string(key).u32(type)));
        return this;
    }

    /** One entry of arbitrary bytes, counted as a key-value pair. */
    public GgufBytes rawKv(Consumer<Sink> bytes) {
        kvs.add(bytes);
        return this;
    }

    public GgufBytes u8(String key, int value) {
        return kv(key, UINT8, s -> s.u8(value));
    }

    public GgufBytes i8(String key, int value) {
        return kv(key, INT8, s -> s.u8(value & 0xFF));
    }

    public GgufBytes u16(String key, int value) {
        return kv(key, UINT16, s -> s.u16(value));
    }

    public GgufBytes i16(String key, int value) {
        return kv(key, INT16, s -> s.u16(value & 0xFFFF));
    }

    public GgufBytes u32(String key, long value) {
        return kv(key, UINT32, s -> s.u32(value));
    }

    public GgufBytes i32(String key, int value) {
        return kv(key, INT32, s -> s.u32(value));
    }

    public GgufBytes f32(String key, float value) {
        return kv(key, FLOAT32, s -> s.f32(value));
    }

    public GgufBytes bool(String key, boolean value) {
        return kv(key, BOOL, s -> s.u8(value ? 1 : 0));
    }

    public GgufBytes string(String key, String value) {
        return kv(key, STRING, s -> s.string(value));
    }

    public GgufBytes u64(String key, long value) {
        return kv(key, UINT64, s -> s.u64(value));
    }

    public GgufBytes i64(String key, long value) {
        return kv(key, INT64, s -> s.u64(value));
    }

    public GgufBytes f64(String key, double value) {
        return kv(key, FLOAT64, s -> s.f64(value));
    }

    /** An array: element type, {@code u64} count, then what {@code items} writes (which should be that many). */
    public GgufBytes array(String key, int elementType, long count, Consumer<Sink> items) {
        return kv(key, ARRAY, s -> items.accept(s.u32(elementType).u64(count)));
    }

    public GgufBytes u32Array(String key, long... values) {
        return array(key, UINT32, values.length, s -> {
            for (long v : values) {
                s.u32(v);
            }
        });
    }

    public GgufBytes stringArray(String key, String... values) {
        return array(key, STRING, values.length, s -> {
            for (String v : values) {
                s.string(v);
            }
        });
    }

    /** A tensor placed after the previous one at the next multiple of the alignment. */
    public GgufBytes tensor(String name, long typeId, long bytes, long... ne) {
        tensors.add(new Tensor(name, typeId, bytes, null, ne));
        return this;
    }

    /** A tensor at an explicit data offset. */
    public GgufBytes tensorAt(String name, long typeId, long bytes, long offset, long... ne) {
        tensors.add(new Tensor(name, typeId, bytes, offset, ne));
        return this;
    }

    private static long align(long position, long alignment) {
        return (position + alignment - 1) / alignment * alignment;
    }

    /** Header, metadata and tensor infos: the bytes a header-only reader must read. */
    public byte[] header() {
        Sink sink = new Sink().raw(magic).u32(version)
                .u64(tensorCount != null ? tensorCount : tensors.size())
                .u64(kvCount != null ? kvCount : kvs.size());
        kvs.forEach(kv -> kv.accept(sink));
        long next = 0;
        for (Tensor tensor : tensors) {
            long offset = tensor.offset() != null ? tensor.offset() : next;
            sink.string(tensor.name()).u32(tensor.ne().length);
            for (long dim : tensor.ne()) {
                sink.u64(dim);
            }
            sink.u32(tensor.typeId()).u64(offset);
            next = Math.max(next, align(offset + tensor.bytes(), alignment));
        }
        return sink.bytes();
    }

    /** Where the data section starts: the header's length rounded up to the alignment. */
    public long dataStart() {
        return align(header().length, alignment);
    }

    /** Bytes of the data section: up to the end of the furthest tensor, padded to the alignment. */
    public long dataBytes() {
        long next = 0;
        long end = 0;
        for (Tensor tensor : tensors) {
            long offset = tensor.offset() != null ? tensor.offset() : next;
            next = Math.max(next, align(offset + tensor.bytes(), alignment));
            end = Math.max(end, next);
        }
        return end;
    }

    /** The whole file: header, padding, zeroed data. */
    public byte[] toBytes() {
        byte[] header = header();
        long length = tensors.isEmpty() ? header.length : align(header.length, alignment) + dataBytes();
        byte[] file = new byte[Math.toIntExact(length)];
        System.arraycopy(header, 0, file, 0, header.length);
        return file;
    }

    public Path writeTo(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, toBytes());
    }
}
