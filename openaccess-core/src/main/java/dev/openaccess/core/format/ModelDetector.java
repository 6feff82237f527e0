package dev.openaccess.core.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells which model format a file holds, by asking the {@link FormatTable}: by its magic bytes (and a zip's
 * entries) first, then by its name. A format found may be one no reader counts yet (its files are then listed as
 * unread, never dropped).
 */
public final class ModelDetector {

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private ModelDetector() {
    }

    /** The format of {@code file}, or empty when it is not a model file openaccess knows. */
    public static Optional<ModelFormat> detect(Path file) throws IOException {
        return FormatTable.detect(FileHead.of(file)).map(FormatTable::format);
    }

    /** True when the file is a jar or zip archive whose entries may hold models. */
    public static boolean isArchive(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        }
        return head.length == 4 && java.util.Arrays.equals(head, ZIP_MAGIC)
                && FormatTable.isContainer(file.getFileName().toString().toLowerCase(Locale.ROOT));
    }

    /** The format of a file with these first bytes and this name (no zip entries, nothing beside it). */
    static Optional<ModelFormat> detect(byte[] head, String lowerCaseName) {
        return FormatTable.detect(new FileHead(lowerCaseName, head, List.of(), sibling -> false))
                .map(FormatTable::format);
    }
}
