package dev.openaccess.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files whole or not at all, and several files together or none of them: each is written to a temporary file
 * beside its target first (created like any other file, so it gets the mode the umask gives, not a temporary file's
 * 0600), then moved into place atomically. When one of several cannot be written or moved, the targets already
 * replaced are put back as they were.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes {@code content} to {@code target} through a temporary file beside it. */
    public static void write(Path target, byte[] content) throws IOException {
        Map<Path, byte[]> one = new LinkedHashMap<>();
        one.put(target, content);
        writeAll(one);
    }

    /**
     * Replaces every target with its content, or none: all temporary files are written before the first target is
     * touched, and a failure while moving them into place restores the targets replaced so far.
     *
     * @throws IOException naming the file and why, in plain words ({@link #reason})
     */
    public static void writeAll(Map<Path, byte[]> contents) throws IOException {
        writeAll(contents, (from, to) -> Files.move(from, to, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE));
    }

    /** How a file is moved into place; the tests make one fail midway. */
    @FunctionalInterface
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }

    static void writeAll(Map<Path, byte[]> contents, Mover mover) throws IOException {
        for (Path target : contents.keySet()) {
            if (Files.isDirectory(target)) {
                throw new IOException("cannot write " + target.toAbsolutePath().normalize() + ": it is a folder");
            }
        }
        Map<Path, Path> temporaries = new LinkedHashMap<>();
        List<Path[]> replaced = new ArrayList<>(); // target, its previous content moved aside (null: none)
        try {
            for (Map.Entry<Path, byte[]> entry : contents.entrySet()) {
                Path target = entry.getKey().toAbsolutePath().normalize();
                Path temporary = sibling(target, "tmp");
                try {
                    Files.createDirectories(target.getParent());
                    try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE)) {
                        temporaries.put(target, temporary);
                        out.write(entry.getValue());
                    }
                } catch (IOException e) {
                    throw failure(target, e);
                }
            }
            for (Map.Entry<Path, Path> entry : temporaries.entrySet()) {
                Path target = entry.getKey();
                try {
                    Path previous = null;
                    if (Files.exists(target) && temporaries.size() > 1) {
                        previous = sibling(target, "previous");
                        mover.move(target, previous);
                    }
                    replaced.add(new Path[] {target, previous});
                    mover.move(entry.getValue(), target);
                } catch (IOException e) {
                    restore(replaced);
                    replaced.clear();
                    throw failure(target, e);
                }
            }
            for (Path[] done : replaced) {
                if (done[1] != null) {
                    Files.deleteIfExists(done[1]);
                }
            }
        } finally {
            for (Path temporary : temporaries.values()) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** Puts the replaced targets back as they were, newest first; a target that had none is removed. */
    private static void restore(List<Path[]> replaced) {
        for (int i = replaced.size() - 1; i >= 0; i--) {
            Path target = replaced.get(i)[0];
            Path previous = replaced.get(i)[1];
            try {
                if (previous != null) {
                    Files.move(previous, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.deleteIfExists(target);
                }
            } catch (IOException e) {
                // Nothing more can be done: the failure reported names the file that could not be written.
            }
        }
    }

    private static Path sibling(Path target, String kind) {
        return target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(
                ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + "." + kind);
    }

    private static IOException failure(Path target, IOException e) {
        return new IOException("cannot write " + target + ": " + reason(e), e);
    }

    /** Why a file operation failed, in plain words: {@code permission denied}, {@code no space left on device}. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder: " + ((NoSuchFileException) e).getFile();
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
