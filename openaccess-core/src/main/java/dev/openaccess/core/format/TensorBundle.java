package dev.openaccess.core.format;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A TensorFlow checkpoint's {@code .index} file, a TensorBundle: an immutable sorted table (TensorFlow's fork of
 * LevelDB's table format, {@code tensorflow/core/lib/io/format.cc}, {@code block.cc}) whose key {@code ""} holds a
 * {@code BundleHeaderProto} and every other key, a tensor's checkpoint name, a {@code BundleEntryProto}
 * ({@code tensorflow/core/protobuf/tensor_bundle.proto}: dtype, shape, shard_id, offset, size, crc32c, slices).
 * TensorFlow writes it uncompressed ({@code BundleWriter::Finish}: {@code kNoCompression}), so it is read as it lies:
 * the 48-byte footer (the metaindex and index block handles, the magic number), the index block's handles, each
 * data block's prefix-compressed entries. Only the index file is read; the data shards are never opened.
 */
final class TensorBundle {

    /** Index files hold one small entry per tensor: a model of a million tensors takes tens of megabytes. */
    static final int MAX_INDEX_BYTES = 64 * 1024 * 1024;
    /** Far more tensors than any model; as ONNX's limit. */
    static final int MAX_ENTRIES = 1_000_000;
    /** TensorFlow's own limit ({@code TensorShape::MaxDimensions}). */
    static final int MAX_DIMS = 254;
    /** TensorFlow names shards with five digits ({@code variables.data-00000-of-00001}). */
    static final int MAX_SHARDS = 99_999;
    private static final long MAGIC = 0xdb4775248b80fb57L;
    private static final int FOOTER_BYTES = 48;
    private static final int BLOCK_TRAILER_BYTES = 5;
    private static final int NO_COMPRESSION = 0;

    /** The header: how many data shards there are. */
    record Header(int shards, boolean littleEndian) {
    }

    /** One tensor of the bundle (or one slice of a partitioned one). */
    record Entry(String name, long dtypeId, TfDataType dtype, long[] shape, int shard, long offset, long size,
                 boolean sliced) {
    }

    /**
     * Receives the index's records as they are read, none held: the header first (its key {@code ""} sorts before
     * every other), then each tensor's entry in key order.
     */
    interface Visitor {
        void header(Header header) throws IOException;

        void entry(Entry entry) throws IOException;
    }

    private TensorBundle() {
    }

    /**
     * Reads the index, handing its header and entries to {@code visitor}.
     *
     * @throws ModelFormatException when the file is no uncompressed table, breaks one of its limits, or lists an
     *                              entry before its header (a table's keys are sorted: {@code ""} comes first)
     */
    static void read(ModelSource index, Visitor visitor) throws IOException {
        String path = index.path();
        if (index.size() > MAX_INDEX_BYTES) {
            throw new ModelFormatException(path, "is " + index.size() + " bytes, larger than the " + MAX_INDEX_BYTES
                    + "-byte limit for a TensorBundle index");
        }
        if (index.size() < FOOTER_BYTES) {
            throw new ModelFormatException(path, "is " + index.size() + " bytes, shorter than a table's "
                    + FOOTER_BYTES + "-byte footer: not a TensorBundle index");
        }
        byte[] bytes;
        try (InputStream in = index.open()) {
            bytes = in.readNBytes((int) index.size());
        }
        if (bytes.length != index.size()) {
            throw new ModelFormatException(path, "truncated: " + bytes.length + " of " + index.size() + " bytes");
        }
        int footer = bytes.length - FOOTER_BYTES;
        long magic = 0;
        for (int i = 7; i >= 0; i--) {
            magic = (magic << 8) | (bytes[bytes.length - 8 + i] & 0xFF);
        }
        if (magic != MAGIC) {
            throw new ModelFormatException(path, "does not end with the table magic number 0xdb4775248b80fb57: not a"
                    + " TensorBundle index");
        }
        try {
            CodedInputStream handles = CodedInputStream.newInstance(bytes, footer, FOOTER_BYTES - 8);
            handle(path, bytes, handles.readRawVarint64(), handles.readRawVarint64(), "metaindex");
            long indexOffset = handles.readRawVarint64();
            long indexSize = handles.readRawVarint64();
            boolean[] sawHeader = {false};
            long[] entries = {0};
            for (byte[] handle : block(path, bytes, handle(path, bytes, indexOffset, indexSize, "index"), null)) {
                CodedInputStream data = CodedInputStream.newInstance(handle);
                long offset = data.readRawVarint64();
                long size = data.readRawVarint64();
                block(path, bytes, handle(path, bytes, offset, size, "data"), (key, value) -> {
                    if (key.isEmpty()) {
                        if (sawHeader[0] || entries[0] > 0) {
                            throw new ModelFormatException(path, "holds a header (key \"\") after other keys:"
                                    + " its keys are not sorted, so it is no TensorBundle index");
                        }
                        sawHeader[0] = true;
                        visitor.header(header(path, value));
                    } else {
                        if (!sawHeader[0]) {
                            throw new ModelFormatException(path, "lists tensor '" + key + "' before its header"
                                    + " (key \"\"), which sorts first: not a TensorBundle index");
                        }
                        if (++entries[0] > MAX_ENTRIES) {
                            throw new ModelFormatException(path, "holds more than " + MAX_ENTRIES + " tensors");
                        }
                        visitor.entry(entry(path, key, value));
                    }
                });
            }
            if (!sawHeader[0]) {
                throw new ModelFormatException(path, "has no header entry (key \"\"): not a TensorBundle index");
            }
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFormatException(path, "is not a valid TensorBundle index: " + e.getMessage());
        }
    }

    /** A block's place, checked: it and its 5-byte trailer lie inside the file before the footer, uncompressed. */
    private static int[] handle(String path, byte[] bytes, long offset, long size, String what)
            throws ModelFormatException {
        long limit = bytes.length - FOOTER_BYTES;
        if (offset < 0 || size < 0 || offset > limit || size > limit - offset - BLOCK_TRAILER_BYTES) {
            throw new ModelFormatException(path, "its " + what + " block (offset " + offset + ", " + size
                    + " bytes) lies outside the file");
        }
        if (bytes[(int) (offset + size)] != NO_COMPRESSION) {
            throw new ModelFormatException(path, "its " + what + " block is compressed (type "
                    + bytes[(int) (offset + size)] + "); TensorFlow writes bundle indexes uncompressed");
        }
        return new int[] {(int) offset, (int) size};
    }

    @FunctionalInterface
    private interface EntrySink {
        void accept(String key, byte[] value) throws IOException;
    }

    /**
     * The entries of one block (block.cc): each {@code shared, non_shared, value_length} as varints, the key's new
     * bytes, the value; then the restart offsets and their count. Returns the values when no sink is given.
     */
    private static List<byte[]> block(String path, byte[] bytes, int[] handle, EntrySink sink) throws IOException {
        int start = handle[0];
        int size = handle[1];
        if (size < 4) {
            throw new ModelFormatException(path, "a block of " + size + " bytes has no restart count");
        }
        long restarts = u32(bytes, start + size - 4);
        if (restarts * 4 > size - 4L) {
            throw new ModelFormatException(path, "a block declares " + restarts + " restart points, more than its "
                    + size + " bytes hold");
        }
        int end = (int) (start + size - 4 - restarts * 4);
        List<byte[]> values = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(bytes, start, end - start);
        byte[] key = new byte[0];
        while (!in.isAtEnd()) {
            int shared = in.readRawVarint32();
            int unshared = in.readRawVarint32();
            int valueLength = in.readRawVarint32();
            if (shared < 0 || shared > key.length || unshared < 0 || valueLength < 0
                    || (long) unshared + valueLength > end - start - in.getTotalBytesRead()) {
                throw new ModelFormatException(path, "a block entry's lengths (shared " + shared + ", new "
                        + unshared + ", value " + valueLength + ") run past its block");
            }
            byte[] next = new byte[shared + unshared];
            System.arraycopy(key, 0, next, 0, shared);
            System.arraycopy(in.readRawBytes(unshared), 0, next, shared, unshared);
            key = next;
            byte[] value = in.readRawBytes(valueLength);
            if (sink == null) {
                values.add(value);
                if (values.size() > MAX_ENTRIES) {
                    throw new ModelFormatException(path, "its index block lists more than " + MAX_ENTRIES + " blocks");
                }
            } else {
                sink.accept(new String(key, java.nio.charset.StandardCharsets.UTF_8), value);
            }
        }
        return values;
    }

    private static long u32(byte[] bytes, int at) {
        return (bytes[at] & 0xFFL) | (bytes[at + 1] & 0xFFL) << 8 | (bytes[at + 2] & 0xFFL) << 16
                | (bytes[at + 3] & 0xFFL) << 24;
    }

    /** BundleHeaderProto: num_shards 1, endianness 2 (LITTLE 0, BIG 1), version 3. */
    private static Header header(String path, byte[] value) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(value);
        long shards = 1;
        long endianness = 0;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> shards = in.readInt64();
                case 2 -> endianness = in.readInt64();
                default -> in.skipField(tag);
            }
        }
        if (shards < 1 || shards > MAX_SHARDS) {
            throw new ModelFormatException(path, "its header declares " + shards + " data shards");
        }
        return new Header((int) shards, endianness == 0);
    }

    /**
     * BundleEntryProto: dtype 1, shape 2 (TensorShapeProto: dim 2, Dim.size 1), shard_id 3, offset 4, size 5,
     * slices 7.
     */
    private static Entry entry(String path, String name, byte[] value) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(value);
        long dtype = 0;
        List<Long> dims = new ArrayList<>();
        long shard = 0;
        long offset = 0;
        long size = 0;
        boolean sliced = false;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> dtype = in.readInt64();
                case 2 -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    for (int t; (t = in.readTag()) != 0; ) {
                        if (WireFormat.getTagFieldNumber(t) == 2) {
                            int dimLimit = in.pushLimit(in.readRawVarint32());
                            long dim = 0;
                            for (int d; (d = in.readTag()) != 0; ) {
                                if (WireFormat.getTagFieldNumber(d) == 1) {
                                    dim = in.readInt64();
                                } else {
                                    in.skipField(d);
                                }
                            }
                            in.popLimit(dimLimit);
                            if (dims.size() == MAX_DIMS) {
                                throw new ModelFormatException(path, "tensor '" + name + "' has more than " + MAX_DIMS
                                        + " dimensions");
                            }
                            dims.add(dim);
                        } else {
                            in.skipField(t);
                        }
                    }
                    in.popLimit(limit);
                }
                case 3 -> shard = in.readInt64();
                case 4 -> offset = in.readInt64();
                case 5 -> size = in.readInt64();
                case 7 -> {
                    sliced = true;
                    in.skipField(tag);
                }
                default -> in.skipField(tag);
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        for (long dim : shape) {
            if (dim < 0) {
                throw new ModelFormatException(path, "tensor '" + name + "' has an unknown dimension (" + dim
                        + "): a saved variable's shape is known");
            }
        }
        if (shard < 0 || offset < 0 || size < 0 || shard > Integer.MAX_VALUE) {
            throw new ModelFormatException(path, "tensor '" + name + "' declares a negative place in its shard");
        }
        return new Entry(name, dtype, TfDataType.byId(dtype).orElse(null), shape, (int) shard, offset, size, sliced);
    }
}
