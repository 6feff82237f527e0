package dev.openaccess.core.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;

/**
 * Reads a PyTorch zip archive in place ({@link Layout#ARCHIVE}): a checkpoint as {@code torch.save} writes it since
 * 1.6, or a TorchScript archive as {@code torch.jit.save} writes it. Entries lie under one top folder (the file's
 * stem or {@code archive/}): {@code data.pkl}, the pickle of the saved object (protocol 2), whose persistent ids name
 * the storages {@code data/<key>}; TorchScript adds {@code constants.pkl}, whose storages are
 * {@code constants/<key>}, and the model's code under {@code code/}; {@code version} and {@code byteorder} say
 * how it was written (torch/serialization.py {@code _save}; torch/csrc/jit/serialization/export_module.cpp).
 *
 * <p>Only the pickles are read, by a {@link PickleMachine} that never executes them; each storage entry's size comes
 * from the central directory and must be what its persistent id declares. Storage bytes are never read.
 */
public final class PytorchZipReader implements ModelReader {

    private static final int SMALL_RECORD_BYTES = 64;

    private final ModelFormat format;

    /** @param format {@link ModelFormat#PYTORCH} or {@link ModelFormat#TORCHSCRIPT} */
    public PytorchZipReader(ModelFormat format) {
        if (format != ModelFormat.PYTORCH && format != ModelFormat.TORCHSCRIPT) {
            throw new IllegalArgumentException(format + " is no PyTorch zip format");
        }
        this.format = format;
    }

    @Override
    public ModelFormat format() {
        return format;
    }

    @Override
    public ModelFacts read(ModelSource source) throws IOException {
        String path = source.path();
        try (ZipArchive zip = source.archive()) {
            Map<String, ZipEntry> entries = new HashMap<>();
            for (ZipEntry entry : zip.files()) {
                entries.put(entry.getName(), entry);
            }
            String prefix = prefix(path, entries);
            boolean torchScript = format == ModelFormat.TORCHSCRIPT;
            TorchPickle pickle = new TorchPickle(path, torchScript);
            load(zip, pickle, prefix + "data.pkl", "data/");
            if (entries.containsKey(prefix + "constants.pkl")) {
                // torch.load hands an archive with constants.pkl to torch.jit.load: its tensors load too
                load(zip, pickle, prefix + "constants.pkl", "constants/");
            }
            for (TorchStorage storage : pickle.storages().values()) {
                String name = prefix + storage.folder() + storage.key();
                ZipEntry entry = entries.get(name);
                if (entry == null) {
                    throw new ModelFormatException(path, "storage '" + storage.key() + "' has no entry " + name
                            + " in the archive");
                }
                long bytes = storage.bytes(path);
                if (entry.getSize() != bytes) {
                    throw new ModelFormatException(path, "entry " + name + " holds " + entry.getSize() + " bytes,"
                            + " but its storage declares " + storage.numel() + " elements of " + storage.dtype().id()
                            + " (" + bytes + " bytes)");
                }
            }
            TorchWeights.Tally tally = TorchWeights.count(path, pickle.storages(), pickle.tensors());
            Map<String, String> metadata = new TreeMap<>();
            small(zip, entries, prefix + "version").ifPresent(v -> metadata.put("pytorch.archiveVersion", v));
            small(zip, entries, prefix + "byteorder").ifPresent(v -> metadata.put("pytorch.byteorder", v));
            return PytorchFacts.of(format, path, pickle, tally, metadata, new ArrayList<>(), torchScript
                    && entries.keySet().stream().anyMatch(name -> name.startsWith(prefix + "code/")));
        }
    }

    /** The folder {@code data.pkl} lies in: the archive's one top folder, or none. */
    private static String prefix(String path, Map<String, ZipEntry> entries) throws ModelFormatException {
        if (entries.containsKey("data.pkl")) {
            return "";
        }
        List<String> folders = entries.keySet().stream().filter(name -> name.matches("[^/]+/data\\.pkl"))
                .map(name -> name.substring(0, name.length() - "data.pkl".length())).sorted().toList();
        if (folders.isEmpty()) {
            throw new ModelFormatException(path, "holds no data.pkl: not an archive torch.save or torch.jit.save"
                    + " writes");
        }
        if (folders.size() > 1) {
            throw new ModelFormatException(path, "holds " + folders.size() + " top folders with a data.pkl ("
                    + String.join(", ", folders) + "); torch.save writes one");
        }
        return folders.get(0);
    }

    private static void load(ZipArchive zip, TorchPickle pickle, String name, String storageFolder)
            throws IOException {
        ModelSource entry = zip.entry(name);
        try (InputStream in = entry.open()) {
            pickle.load(new LittleEndianInput(in, entry.path(), entry.size()), name, storageFolder);
        }
    }

    /** A one-line record such as {@code version} ({@code 3}) or {@code byteorder} ({@code little}). */
    private static java.util.Optional<String> small(ZipArchive zip, Map<String, ZipEntry> entries, String name)
            throws IOException {
        ZipEntry entry = entries.get(name);
        if (entry == null || entry.getSize() > SMALL_RECORD_BYTES) {
            return java.util.Optional.empty();
        }
        try (InputStream in = zip.entry(name).open()) {
            String text = new String(in.readNBytes(SMALL_RECORD_BYTES), StandardCharsets.US_ASCII).strip();
            return text.matches("[A-Za-z0-9._-]{1,32}") ? java.util.Optional.of(text) : java.util.Optional.empty();
        }
    }
}
