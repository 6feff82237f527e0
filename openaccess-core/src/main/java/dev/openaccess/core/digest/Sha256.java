package dev.openaccess.core.digest;

import dev.openaccess.core.format.ModelFormatException;
import dev.openaccess.core.format.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files, streamed in large blocks at disk speed with constant memory. */
public final class Sha256 {

    private static final int BLOCK = 1 << 20;

    private Sha256() {
    }

    /** Lower-case hex SHA-256 of the file's bytes; fails naming the file when it changes while it is read. */
    public static String of(Path file) throws IOException {
        return of(file, ModelSource.ofFile(file, file.toString()));
    }

    /**
     * Lower-case hex SHA-256 of the source's bytes, held in {@code backingFile} (the file itself, or the archive
     * holding the entry). A file written to while it is hashed would give a digest of neither its old nor its new
     * bytes beside a size of one of them: when the backing file's size or modification time differ after the read
     * from before it, or fewer or more bytes were read than the source's size, this fails naming the file.
     */
    public static String of(Path backingFile, ModelSource source) throws IOException {
        String before = stamp(backingFile);
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BLOCK];
        long read = 0;
        try (InputStream in = source.open()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                read += n;
            }
        }
        String after = stamp(backingFile);
        if (!before.equals(after) || read != source.size()) {
            throw new ModelFormatException(source.path(), "changed while its SHA-256 was computed ("
                    + (read != source.size() ? read + " of " + source.size() + " bytes read; " : "") + "before: "
                    + before + ", after: " + after + "): describe it again once it is complete");
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** {@code 1024 bytes, modified 2026-12-01T17:00:00Z}: what tells that a file changed. */
    static String stamp(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return attributes.size() + " bytes, modified " + attributes.lastModifiedTime();
    }

    /** Lower-case hex SHA-256 of a few bytes in memory. */
    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
