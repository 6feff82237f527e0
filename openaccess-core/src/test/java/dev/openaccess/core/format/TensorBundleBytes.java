package dev.openaccess.core.format;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * A TensorFlow checkpoint index as {@code BundleWriter::Finish} writes it (tensorflow/core/util/tensor_bundle): a
 * table (tensorflow/core/lib/io/table_builder.cc, block_builder.cc, format.cc) of the header under key {@code ""}
 * and one {@code BundleEntryProto} per tensor in key order, prefix-compressed with a restart point every 16 entries,
 * data blocks of at most {@code blockEntries} entries, each block followed by its type byte (0: uncompressed) and
 * masked CRC32C; an empty metaindex block, the index block of block handles, and the 48-byte footer ending in the
 * magic number.
 */
public final class TensorBundleBytes {

    /** One tensor: its key, TensorFlow dtype number, shape, and where its bytes lie in shard 0. */
    public record Entry(String key, int dtype, long[] shape, long offset, long size) {
    }

    private final Map<String, byte[]> table = new TreeMap<>();
    private int blockEntries = 1000;

    public TensorBundleBytes header(int shards) {
        table.put("", message(out -> {
            out.writeInt32(1, shards);
            out.writeByteArray(3, message(version -> version.writeInt32(1, 1)));
        }));
        return this;
    }

    public TensorBundleBytes entry(Entry entry) {
        table.put(entry.key(), message(out -> {
            out.writeEnum(1, entry.dtype());
            out.writeByteArray(2, message(shape -> {
                for (long dim : entry.shape()) {
                    shape.writeByteArray(2, message(d -> d.writeInt64(1, dim)));
                }
            }));
            if (entry.offset() != 0) {
                out.writeInt64(4, entry.offset());
            }
            out.writeInt64(5, entry.size());
            out.writeFixed32(6, 0x12345678);
        }));
        return this;
    }

    /** A raw value under a key (a hostile entry). */
    public TensorBundleBytes raw(String key, byte[] value) {
        table.put(key, value);
        return this;
    }

    public TensorBundleBytes blockEntries(int entries) {
        this.blockEntries = entries;
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<Map.Entry<String, byte[]>> entries = new ArrayList<>(table.entrySet());
        Map<String, byte[]> index = new TreeMap<>();
        for (int start = 0; start < entries.size(); start += blockEntries) {
            List<Map.Entry<String, byte[]>> chunk = entries.subList(start, Math.min(entries.size(),
                    start + blockEntries));
            long offset = file.size();
            byte[] block = block(chunk);
            writeBlock(file, block);
            // the last key of the block is a valid separator (TensorFlow shortens it; any key >= works)
            index.put(chunk.get(chunk.size() - 1).getKey() + (start + blockEntries < entries.size() ? "" : "\u00ff"),
                    handle(offset, block.length));
        }
        long metaOffset = file.size();
        byte[] meta = block(List.of());
        writeBlock(file, meta);
        long indexOffset = file.size();
        byte[] indexBlock = block(new ArrayList<>(index.entrySet()));
        writeBlock(file, indexBlock);
        ByteArrayOutputStream footer = new ByteArrayOutputStream();
        footer.writeBytes(handle(metaOffset, meta.length));
        footer.writeBytes(handle(indexOffset, indexBlock.length));
        footer.writeBytes(new byte[40 - footer.size()]);
        long magic = 0xdb4775248b80fb57L;
        for (int i = 0; i < 8; i++) {
            footer.write((int) (magic >>> (8 * i)) & 0xFF);
        }
        file.writeBytes(footer.toByteArray());
        return file.toByteArray();
    }

    private static void writeBlock(ByteArrayOutputStream file, byte[] block) {
        file.writeBytes(block);
        CRC32C crc = new CRC32C();
        crc.update(block);
        crc.update(0);
        int value = (int) crc.getValue();
        int masked = ((value >>> 15) | (value << 17)) + 0xa282ead8;
        file.write(0);
        for (int i = 0; i < 4; i++) {
            file.write((masked >>> (8 * i)) & 0xFF);
        }
    }

    /** Prefix-compressed entries, a restart every 16, then the restart offsets and their count. */
    private static byte[] block(List<Map.Entry<String, byte[]>> entries) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        List<Integer> restarts = new ArrayList<>();
        byte[] previous = new byte[0];
        for (int i = 0; i < entries.size(); i++) {
            byte[] key = entries.get(i).getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = entries.get(i).getValue();
            int shared = 0;
            if (i % 16 == 0) {
                restarts.add(block.size());
            } else {
                while (shared < Math.min(key.length, previous.length) && key[shared] == previous[shared]) {
                    shared++;
                }
            }
            block.writeBytes(varint(shared));
            block.writeBytes(varint(key.length - shared));
            block.writeBytes(varint(value.length));
            block.write(key, shared, key.length - shared);
            block.writeBytes(value);
            previous = key;
        }
        if (restarts.isEmpty()) {
            restarts.add(0);
        }
        for (int restart : restarts) {
            block.writeBytes(fixed32(restart));
        }
        block.writeBytes(fixed32(restarts.size()));
        return block.toByteArray();
    }

    private static byte[] handle(long offset, long size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(varint(offset));
        out.writeBytes(varint(size));
        return out.toByteArray();
    }

    private static byte[] varint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
        return out.toByteArray();
    }

    private static byte[] fixed32(int value) {
        return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)};
    }

    @FunctionalInterface
    interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    static byte[] message(Writer writer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            writer.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
