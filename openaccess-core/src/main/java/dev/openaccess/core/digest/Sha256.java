package dev.openaccess.core.digest;

import dev.openaccess.core.format.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files, streamed in large blocks at disk speed with constant memory. */
public final class Sha256 {

    private static final int BLOCK = 1 << 20;

    private Sha256() {
    }

    /** Lower-case hex SHA-256 of the file's bytes. */
    public static String of(Path file) throws IOException {
        return of(ModelSource.ofFile(file, file.toString()));
    }

    /** Lower-case hex SHA-256 of all the source's bytes (a file, or an entry inflated from an archive). */
    public static String of(ModelSource source) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BLOCK];
        try (InputStream in = source.open()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
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
