package dev.openaccess.core.format;

import dev.openaccess.core.format.PickleValue.BigInt;
import dev.openaccess.core.format.PickleValue.Bool;
import dev.openaccess.core.format.PickleValue.DictValue;
import dev.openaccess.core.format.PickleValue.Int;
import dev.openaccess.core.format.PickleValue.ListValue;
import dev.openaccess.core.format.PickleValue.Text;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a PyTorch checkpoint as {@code torch.save} wrote it before 1.6 (and after, with
 * {@code _use_new_zipfile_serialization=False}): pickles in a row (torch/serialization.py {@code _legacy_save}) —
 * the magic number {@code 0x1950a86a20f9469cfc6c}, the protocol version 1001, the writer's {@code sys_info}, the
 * object (its storages as persistent ids), the list of storage keys — then each storage's data in the order of that
 * list, an 8-byte element count before it. The pickles are read by a {@link PickleMachine} that never executes them;
 * the storages are skipped by their sizes, which must be what their persistent ids declare and account for the file
 * to its last byte.
 */
public final class PytorchLegacyReader implements ModelReader {

    static final BigInteger MAGIC_NUMBER = new BigInteger("1950a86a20f9469cfc6c", 16);
    static final long PROTOCOL_VERSION = 1001;

    @Override
    public ModelFormat format() {
        return ModelFormat.PYTORCH;
    }

    @Override
    public ModelFacts read(ModelSource source) throws IOException {
        String path = source.path();
        TorchPickle pickle = new TorchPickle(path, false);
        List<String> warnings = new ArrayList<>();
        Map<String, String> metadata = new TreeMap<>();
        try (InputStream stream = source.open()) {
            LittleEndianInput in = new LittleEndianInput(stream, path, source.size());
            if (!(pickle.load(in, "the magic number", "") instanceof BigInt magic)
                    || !MAGIC_NUMBER.equals(magic.value())) {
                throw new ModelFormatException(path, "does not start with torch.save's magic number"
                        + " 0x1950a86a20f9469cfc6c: not a PyTorch checkpoint");
            }
            if (!(pickle.load(in, "the protocol version", "") instanceof Int version)
                    || version.value() != PROTOCOL_VERSION) {
                throw new ModelFormatException(path, "declares a serialization protocol other than "
                        + PROTOCOL_VERSION + ", the only one torch.save's legacy format has");
            }
            boolean littleEndian = littleEndian(pickle.load(in, "sys_info", ""));
            metadata.put("pytorch.byteorder", littleEndian ? "little" : "big");
            pickle.load(in, "the object", "");
            List<String> keys = keys(path, pickle.load(in, "the storage keys", ""));
            Set<String> unread = new LinkedHashSet<>(pickle.storages().keySet());
            for (String key : keys) {
                TorchStorage storage = pickle.storages().get(key);
                if (storage == null) {
                    throw new ModelFormatException(path, "lists storage '" + key + "', which its object never"
                            + " names");
                }
                unread.remove(key);
                long declared = in.u64("the element count of storage '" + key + "'");
                long numel = littleEndian ? declared : Long.reverseBytes(declared);
                if (numel != storage.numel()) {
                    throw new ModelFormatException(path, "storage '" + key + "' holds " + Long.toUnsignedString(numel)
                            + " elements where its persistent id declares " + storage.numel());
                }
                in.skip(storage.bytes(path), "storage '" + key + "' (" + storage.bytes(path) + " bytes)");
            }
            if (!unread.isEmpty()) {
                throw new ModelFormatException(path, "storage '" + unread.iterator().next() + "' is named by its"
                        + " object but has no data in the file");
            }
            if (in.remaining() > 0) {
                warnings.add(path + ": " + in.remaining() + " bytes follow the last storage; torch.load ignores them");
            }
        }
        TorchWeights.Tally tally = TorchWeights.count(path, pickle.storages(), pickle.tensors());
        return PytorchFacts.of(ModelFormat.PYTORCH, path, pickle, tally, metadata, warnings, false);
    }

    /** {@code sys_info['little_endian']}; a file that does not say was written little-endian, as nearly all are. */
    private static boolean littleEndian(PickleValue sysInfo) {
        if (sysInfo instanceof DictValue dict) {
            for (int i = 0; i + 1 < dict.entries.size(); i += 2) {
                if (dict.entries.get(i) instanceof Text key && key.is("little_endian")
                        && dict.entries.get(i + 1) instanceof Bool value) {
                    return value.value();
                }
            }
        }
        return true;
    }

    private static List<String> keys(String path, PickleValue list) throws ModelFormatException {
        if (!(list instanceof ListValue keys)) {
            throw new ModelFormatException(path, "its storage keys are not a list");
        }
        List<String> names = new ArrayList<>();
        for (PickleValue key : keys.items) {
            if (!(key instanceof Text text) || text.text() == null) {
                throw new ModelFormatException(path, "a storage key is not a string");
            }
            names.add(text.text());
        }
        return names;
    }
}
