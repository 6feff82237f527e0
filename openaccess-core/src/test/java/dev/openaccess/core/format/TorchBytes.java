package dev.openaccess.core.format;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * PyTorch checkpoints written as torch writes them, from its sources (no torch here):
 * <ul>
 *   <li>{@link #zip}: {@code torch.save} since 1.6 (torch/serialization.py {@code _save}): a state dict pickled with
 *       protocol 2 into {@code <folder>/data.pkl}, each tensor as {@code torch._utils._rebuild_tensor_v2(storage,
 *       offset, size, stride, requires_grad, OrderedDict())} ({@code torch/_tensor.py _reduce_ex_internal}), each
 *       storage as the persistent id {@code ('storage', torch.FloatStorage, key, 'cpu', numel)}, then
 *       {@code byteorder}, {@code data/<key>} (the storage's bytes), {@code version} and
 *       {@code .data/serialization_id}, every record stored and its data aligned to 64 bytes as
 *       {@code PyTorchStreamWriter} does (an {@code FB} extra field pads the local header).</li>
 *   <li>{@link #legacy}: {@code _legacy_save}: the magic number, 1001, {@code sys_info}, the object (persistent ids of
 *       six items, the last the view record {@code None}), the sorted storage keys, then each storage as an 8-byte
 *       element count and its bytes.</li>
 *   <li>{@link #torchScript}: {@code torch.jit.save} (export_module.cpp, pickler.cpp): {@code data.pkl} holds the
 *       module object ({@code __torch__.Net}: GLOBAL, EMPTY_TUPLE, NEWOBJ, its attributes, BUILD), {@code code/}
 *       its code, {@code constants.pkl} a tuple of constant tensors whose storages are {@code constants/<key>}.</li>
 * </ul>
 */
public final class TorchBytes {

    /** Bytes per element of the storage classes used here ({@code torch._utils._element_size}). */
    static final Map<String, Integer> ELEMENT_BYTES = Map.of("FloatStorage", 4, "HalfStorage", 2,
            "BFloat16Storage", 2, "LongStorage", 8, "DoubleStorage", 8, "ByteStorage", 1, "UntypedStorage", 1,
            "QInt8Storage", 1);

    /**
     * One entry of a state dict: a tensor of {@code shape} and {@code stride} at {@code offset} into storage
     * {@code key} of {@code storageNumel} elements of {@code storageClass}.
     */
    public record Tensor(String name, String storageClass, String key, long storageNumel, long offset, long[] shape,
                         long[] stride, boolean parameter) {

        /** A contiguous tensor with a storage of its own. */
        public static Tensor of(String name, String storageClass, String key, long... shape) {
            return new Tensor(name, storageClass, key, product(shape), 0, shape, contiguous(shape), false);
        }

        public Tensor at(long newOffset, long numel) {
            return new Tensor(name, storageClass, key, numel, newOffset, shape, stride, parameter);
        }

        /** Pickled wrapped in {@code torch._utils._rebuild_parameter}, as an {@code nn.Parameter} is. */
        public Tensor asParameter() {
            return new Tensor(name, storageClass, key, storageNumel, offset, shape, stride, true);
        }

        long numel() {
            return product(shape);
        }
    }

    static long product(long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    static long[] contiguous(long... shape) {
        long[] stride = new long[shape.length];
        long step = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            stride[i] = step;
            step *= shape[i];
        }
        return stride;
    }

    private TorchBytes() {
    }

    // -------------------------------------------------------------------------------------------- the pickles

    /** The storage's persistent id: 5 items in the zip format, 6 (a None view record) in the legacy one. */
    static void storage(PickleBytes p, Tensor t, boolean legacy) {
        p.mark().string("storage").global("torch", t.storageClass()).string(t.key()).string("cpu")
                .integer(t.storageNumel());
        if (legacy) {
            p.op('N');
        }
        p.tupleOf(99).op('Q'); // MARK ... TUPLE, BINPERSID
    }

    /** One tensor as {@code _rebuild_tensor_v2} (wrapped in {@code _rebuild_parameter} for a parameter). */
    static void tensor(PickleBytes p, Tensor t, boolean legacy) {
        if (t.parameter()) {
            p.global("torch._utils", "_rebuild_parameter");
        }
        p.global("torch._utils", "_rebuild_tensor_v2").mark();
        storage(p, t, legacy);
        p.integer(t.offset()).ints(t.shape()).ints(t.stride()).bool(false).emptyOrderedDict()
                .tupleOf(99).op('R').memoize();
        if (t.parameter()) {
            p.bool(true).emptyOrderedDict().tupleOf(3).op('R').memoize();
        }
    }

    /**
     * A state dict as torch.save pickles it: {@code OrderedDict.__reduce__} gives the class, no arguments, the
     * items (SETITEMS, or SETITEM for one) and the instance dict {@code {'_metadata': ...}} (BUILD).
     */
    public static byte[] stateDict(List<Tensor> tensors, boolean legacy) {
        PickleBytes p = PickleBytes.protocol2();
        items(p, tensors, legacy);
        // the state: {'_metadata': OrderedDict([('', {'version': 1})])}
        p.op('}').memoize().string("_metadata").emptyOrderedDict().string("").op('}').memoize().string("version")
                .integer(1).op('s').op('s').op('s').op('b');
        return p.stop().bytes();
    }

    static void items(PickleBytes p, List<Tensor> tensors, boolean legacy) {
        p.emptyOrderedDict();
        if (tensors.size() > 1) {
            p.mark();
        }
        for (Tensor t : tensors) {
            p.string(t.name());
            tensor(p, t, legacy);
        }
        if (!tensors.isEmpty()) {
            p.op(tensors.size() > 1 ? 'u' : 's');
        }
    }

    /** The storages of the tensors, each key once, its bytes zeros: key → (class, numel). */
    static Map<String, Tensor> storages(List<Tensor> tensors) {
        Map<String, Tensor> storages = new TreeMap<>();
        for (Tensor t : tensors) {
            storages.putIfAbsent(t.key(), t);
        }
        return storages;
    }

    static long bytesOf(Tensor storage) {
        return storage.storageNumel() * ELEMENT_BYTES.get(storage.storageClass());
    }

    // -------------------------------------------------------------------------------------------- the files

    /** torch.save since 1.6, to a file whose stem is {@code folder} ({@code archive/} for a buffer). */
    public static byte[] zip(String folder, List<Tensor> tensors) {
        return zip(folder, stateDict(tensors, false), tensors, Map.of());
    }

    /** torch.save's zip around any {@code data.pkl}, with the storages of {@code tensors}. */
    public static byte[] zip(String folder, byte[] dataPkl, List<Tensor> tensors, Map<String, byte[]> more) {
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put(folder + "/data.pkl", dataPkl);
        records.put(folder + "/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
        for (Tensor storage : storages(tensors).values()) {
            records.put(folder + "/data/" + storage.key(), new byte[(int) bytesOf(storage)]);
        }
        more.forEach((name, bytes) -> records.put(folder + "/" + name, bytes));
        records.put(folder + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        records.put(folder + "/.data/serialization_id", "1234567890123456789012345678901234567890"
                .getBytes(StandardCharsets.US_ASCII));
        return alignedZip(records);
    }

    /** torch.save before 1.6 ({@code _legacy_save}). */
    public static byte[] legacy(List<Tensor> tensors) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PickleBytes.protocol2().long1(PytorchLegacyReader.MAGIC_NUMBER).stop().bytes());
        out.writeBytes(PickleBytes.protocol2().integer(1001).stop().bytes());
        out.writeBytes(sysInfo(true));
        PickleBytes object = PickleBytes.protocol2();
        items(object, tensors, true);
        out.writeBytes(object.stop().bytes());
        Map<String, Tensor> storages = storages(tensors);
        PickleBytes keys = PickleBytes.protocol2().op(']').memoize();
        if (storages.size() > 1) {
            keys.mark();
        }
        storages.keySet().forEach(keys::string);
        if (!storages.isEmpty()) {
            keys.op(storages.size() > 1 ? 'e' : 'a');
        }
        out.writeBytes(keys.stop().bytes());
        for (Tensor storage : storages.values()) {
            out.writeBytes(new PickleBytes().u64(storage.storageNumel()).bytes()); // the element count, 8 bytes
            out.writeBytes(new byte[(int) bytesOf(storage)]);
        }
        return out.toByteArray();
    }

    /** {@code dict(protocol_version=1001, little_endian=..., type_sizes=dict(short=2, int=4, long=8))}. */
    static byte[] sysInfo(boolean littleEndian) {
        return PickleBytes.protocol2().op('}').memoize().mark().string("protocol_version").integer(1001)
                .string("little_endian").bool(littleEndian).string("type_sizes").op('}').memoize().mark()
                .string("short").integer(2).string("int").integer(4).string("long").integer(8).op('u').op('u')
                .stop().bytes();
    }

    /**
     * torch.jit.save of a module {@code __torch__.Net} whose attributes are {@code training} and the tensors, with
     * constant tensors in constants.pkl.
     */
    public static byte[] torchScript(String folder, List<Tensor> attributes, List<Tensor> constants) {
        PickleBytes data = PickleBytes.protocol2().global("__torch__", "Net").op(')').op(0x81).memoize()
                .op('}').memoize().mark().string("training").bool(false);
        for (Tensor t : attributes) {
            data.string(t.name());
            tensor(data, t, false);
        }
        data.op('u').op('b').stop();
        PickleBytes constantsPkl = PickleBytes.protocol2();
        if (constants.size() > 3) {
            constantsPkl.mark();
        }
        for (Tensor t : constants) {
            tensor(constantsPkl, t, false);
        }
        constantsPkl.tupleOf(constants.size()).stop();
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put(folder + "/data.pkl", data.bytes());
        records.put(folder + "/code/__torch__.py", ("class Net(Module):\n  __parameters__ = []\n"
                + "  def forward(self: __torch__.Net, x: Tensor) -> Tensor:\n    return x\n")
                .getBytes(StandardCharsets.UTF_8));
        records.put(folder + "/constants.pkl", constantsPkl.bytes());
        for (Tensor storage : storages(attributes).values()) {
            records.put(folder + "/data/" + storage.key(), new byte[(int) bytesOf(storage)]);
        }
        for (Tensor storage : storages(constants).values()) {
            records.put(folder + "/constants/" + storage.key(), new byte[(int) bytesOf(storage)]);
        }
        records.put(folder + "/version", "8\n".getBytes(StandardCharsets.US_ASCII));
        records.put(folder + "/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
        return alignedZip(records);
    }

    /** Stored records, each one's data at a multiple of 64 bytes (PyTorchStreamWriter's kFieldAlignment). */
    static byte[] alignedZip(Map<String, byte[]> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] written = {0};
        OutputStream counting = new FilterOutputStream(bytes) {
            @Override
            public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
                written[0] += len;
            }

            @Override
            public void write(int b) {
                bytes.write(b);
                written[0]++;
            }
        };
        try (ZipOutputStream zip = new ZipOutputStream(counting)) {
            for (Map.Entry<String, byte[]> record : records.entrySet()) {
                byte[] data = record.getValue();
                byte[] name = record.getKey().getBytes(StandardCharsets.UTF_8);
                ZipEntry entry = new ZipEntry(record.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(data.length);
                entry.setCompressedSize(data.length);
                CRC32 crc = new CRC32();
                crc.update(data);
                entry.setCrc(crc.getValue());
                long start = written[0] + 30 + name.length + 4; // local header, name, the FB field's own header
                int padding = (int) ((64 - start % 64) % 64);
                byte[] extra = new byte[4 + padding];
                extra[0] = 'F';
                extra[1] = 'B';
                extra[2] = (byte) padding;
                extra[3] = (byte) (padding >> 8);
                Arrays.fill(extra, 4, extra.length, (byte) 'Z');
                entry.setExtra(extra);
                zip.putNextEntry(entry);
                zip.write(data);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A contiguous tensor's rebuild call on storage {@code key} of its own size, written into {@code p}. */
    public static void tensorOf(PickleBytes p, String storageClass, String key, long... shape) {
        tensor(p, Tensor.of("", storageClass, key, shape), false);
    }

    /** A pickle written by hand, for the hostile and unsafe cases. */
    public static byte[] pickle(Consumer<PickleBytes> body) {
        PickleBytes p = PickleBytes.protocol2();
        body.accept(p);
        return p.stop().bytes();
    }

    static List<Tensor> list(Tensor... tensors) {
        return new ArrayList<>(List.of(tensors));
    }

    static BigInteger magic() {
        return PytorchLegacyReader.MAGIC_NUMBER;
    }
}
