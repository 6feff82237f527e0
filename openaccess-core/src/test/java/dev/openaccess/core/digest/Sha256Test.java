package dev.openaccess.core.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.format.ModelFormatException;
import dev.openaccess.core.format.ModelSource;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Digests of files that stay put, and a clear failure for one that changes while it is read. */
class Sha256Test {

    @TempDir
    Path base;

    @Test
    void aSteadyFileHasItsDigest() throws IOException {
        Path file = Files.writeString(base.resolve("abc.bin"), "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.of(file));
    }

    @Test
    void aFileTruncatedWhileItIsHashedFailsNamingIt() throws IOException {
        Path file = base.resolve("model.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(8L << 20); // 8 MiB: several blocks of the hash's 1 MiB reads
        }
        ModelSource plain = ModelSource.ofFile(file, "src/main/resources/model.safetensors");
        // the source's stream truncates the file after its first block, as a build writing it at once would
        ModelSource truncating = new ModelSource(plain.path(), plain.size(), () -> new FilterInputStream(plain.open()) {
            private boolean first = true;

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (first) {
                    first = false;
                    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                        raf.setLength(3L << 20);
                    }
                }
                return n;
            }
        });
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Sha256.of(file, truncating));
        assertEquals("src/main/resources/model.safetensors", e.path());
        assertTrue(e.problem().startsWith("changed while its SHA-256 was computed ("), e.problem());
        assertTrue(e.problem().contains("before: 8388608 bytes, modified "), e.problem());
        assertTrue(e.problem().contains("after: 3145728 bytes, modified "), e.problem());
        assertTrue(e.problem().endsWith("describe it again once it is complete"), e.problem());
    }

    @Test
    void aSourceThatYieldsFewerBytesThanItsSizeFails() throws IOException {
        Path file = Files.write(base.resolve("w.bin"), new byte[100]);
        ModelSource short_ = new ModelSource("w.bin", 200, () -> InputStream.nullInputStream());
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Sha256.of(file, short_));
        assertTrue(e.problem().contains("0 of 200 bytes read"), e.problem());
    }
}
