package dev.openaccess.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs are replaced whole, together or not at all, with the umask's mode, and failures say why. */
class AtomicFilesTest {

    @TempDir
    Path base;

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Test
    void aFileIsReplacedWholeAndNoTemporaryFileStays() throws IOException {
        Path target = base.resolve("target/openaccess.json");
        AtomicFiles.write(target, "one".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "two".getBytes(StandardCharsets.UTF_8));
        assertEquals("two", Files.readString(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(1, files.count(), "only the output, no temporary file");
        }
    }

    @Test
    void theFileGetsTheModeAnyNewFileGetsNotATemporaryFilesOwnerOnlyMode() throws IOException {
        assumeTrue(posix());
        Path target = base.resolve("openaccess.json");
        AtomicFiles.write(target, new byte[] {1});
        Path plain = Files.write(base.resolve("plain.json"), new byte[] {1}); // what the umask gives any new file
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target));
        assertTrue(Files.getPosixFilePermissions(target).contains(PosixFilePermission.OWNER_WRITE));
    }

    @Test
    void whenOneOfTwoCannotBeWrittenNeitherIsReplaced() throws IOException {
        assumeTrue(posix() && !root(), "root writes into read-only folders");
        Path descriptor = Files.writeString(base.resolve("openaccess.json"), "old descriptor");
        Path bomFolder = Files.createDirectories(base.resolve("bom"));
        Path bom = Files.writeString(bomFolder.resolve("openaccess.cdx.json"), "old bom");
        Files.setPosixFilePermissions(bomFolder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Map<Path, byte[]> both = new LinkedHashMap<>();
            both.put(descriptor, "new descriptor".getBytes(StandardCharsets.UTF_8));
            both.put(bom, "new bom".getBytes(StandardCharsets.UTF_8));
            IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeAll(both));
            assertEquals("cannot write " + bom + ": permission denied", e.getMessage());
            assertEquals("old descriptor", Files.readString(descriptor), "the pair still agree");
            assertEquals("old bom", Files.readString(bom));
            try (var files = Files.list(base)) {
                assertEquals(Set.of("openaccess.json", "bom"), Set.copyOf(files.map(p -> p.getFileName().toString())
                        .toList()), "no temporary file left");
            }
        } finally {
            Files.setPosixFilePermissions(bomFolder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aFailedMoveOfTheSecondPutsTheFirstBack() throws IOException {
        Path descriptor = Files.writeString(base.resolve("openaccess.json"), "old descriptor");
        Path bom = Files.writeString(base.resolve("openaccess.cdx.json"), "old bom");
        Map<Path, byte[]> both = new LinkedHashMap<>();
        both.put(descriptor, "new descriptor".getBytes(StandardCharsets.UTF_8));
        both.put(bom, "new bom".getBytes(StandardCharsets.UTF_8));
        // the disk fills up (or the folder's permissions change) after the descriptor was moved into place
        AtomicFiles.Mover failingOnTheBom = (from, to) -> {
            if (to.equals(bom)) {
                throw new java.nio.file.FileSystemException(to.toString(), null, "No space left on device");
            }
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        };
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeAll(both, failingOnTheBom));
        assertEquals("cannot write " + bom + ": no space left on device", e.getMessage());
        assertEquals("old descriptor", Files.readString(descriptor), "put back as it was");
        assertEquals("old bom", Files.readString(bom));
        try (var files = Files.list(base)) {
            assertEquals(Set.of("openaccess.json", "openaccess.cdx.json"), Set.copyOf(files
                    .map(p -> p.getFileName().toString()).toList()), "no temporary or previous file left");
        }
    }

    @Test
    void aFolderWhereAnOutputShouldGoIsRefusedBeforeAnythingIsReplaced() throws IOException {
        Path descriptor = Files.writeString(base.resolve("openaccess.json"), "old descriptor");
        Path folder = Files.createDirectories(base.resolve("openaccess.cdx.json"));
        Map<Path, byte[]> both = new LinkedHashMap<>();
        both.put(descriptor, "new descriptor".getBytes(StandardCharsets.UTF_8));
        both.put(folder, "new bom".getBytes(StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeAll(both));
        assertEquals("cannot write " + folder + ": it is a folder", e.getMessage());
        assertEquals("old descriptor", Files.readString(descriptor));
    }

    @Test
    void aReadOnlyFolderIsCalledPermissionDenied() throws IOException {
        assumeTrue(posix() && !root(), "root writes into read-only folders");
        Path folder = Files.createDirectories(base.resolve("target"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            IOException e = assertThrows(IOException.class,
                    () -> AtomicFiles.write(folder.resolve("openaccess.json"), new byte[] {1}));
            assertEquals("cannot write " + folder.resolve("openaccess.json") + ": permission denied", e.getMessage());
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
