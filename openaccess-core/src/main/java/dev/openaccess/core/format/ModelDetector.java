package dev.openaccess.core.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Tells which model format a file holds: by its magic bytes first, then by its name. */
public final class ModelDetector {

    private static final byte[] GGUF_MAGIC = "GGUF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private ModelDetector() {
    }

    /** The format of {@code file}, or empty when it is not a model file openaccess knows. */
    public static Optional<ModelFormat> detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(9);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return detect(head, name);
    }

    /** True when the file is a jar or zip archive whose entries may hold models. */
    public static boolean isArchive(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        }
        return ArchiveEntries.isArchive(head, file.getFileName().toString().toLowerCase(Locale.ROOT));
    }

    static Optional<ModelFormat> detect(byte[] head, String lowerCaseName) {
        if (startsWith(head, GGUF_MAGIC)) {
            return Optional.of(ModelFormat.GGUF);
        }
        if (startsWith(head, NPY_MAGIC)) {
            return Optional.of(ModelFormat.NPY);
        }
        if (startsWith(head, ZIP_MAGIC) && lowerCaseName.endsWith(".npz")) {
            return Optional.of(ModelFormat.NPZ);
        }
        if (lowerCaseName.endsWith(SafetensorsIndex.SUFFIX)) {
            return Optional.of(ModelFormat.SAFETENSORS); // the index of a sharded model stands for all its shards
        }
        if (looksLikeSafetensors(head) || lowerCaseName.endsWith(".safetensors")) {
            // A damaged file named .safetensors is still reported as one, so its damage is reported too.
            return Optional.of(ModelFormat.SAFETENSORS);
        }
        if (lowerCaseName.endsWith(".gguf")) {
            return Optional.of(ModelFormat.GGUF);
        }
        if (lowerCaseName.endsWith(".onnx")) {
            return Optional.of(ModelFormat.ONNX);
        }
        if (lowerCaseName.endsWith(".npy")) {
            return Optional.of(ModelFormat.NPY);
        }
        if (lowerCaseName.endsWith(".npz")) {
            return Optional.of(ModelFormat.NPZ);
        }
        if (lowerCaseName.equals("config.json")) {
            return Optional.of(ModelFormat.HF_CONFIG);
        }
        return Optional.empty();
    }

    /** A plausible header length followed by the opening brace of the JSON header. */
    private static boolean looksLikeSafetensors(byte[] head) {
        if (head.length < 9 || head[8] != '{') {
            return false;
        }
        long length = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return length >= 2 && length <= SafetensorsReader.MAX_HEADER_BYTES;
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }
}
