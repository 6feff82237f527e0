package dev.openaccess.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NumPy arrays as {@code numpy.save} and {@code numpy.savez} write them (numpy/lib/format.py). */
class NpyReaderTest {

    /** An .npy file: magic, version, header length, the dict literal padded to 64 bytes with a newline, data. */
    static byte[] npy(int major, String descr, String shape, long dataBytes) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int lengthBytes = major == 1 ? 2 : 4;
        int unpadded = 6 + 2 + lengthBytes + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        for (int i = 0; i < lengthBytes; i++) {
            out.write((header.length() >> (8 * i)) & 0xFF);
        }
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[(int) dataBytes]);
        return out.toByteArray();
    }

    private static ModelFacts read(byte[] bytes) throws IOException {
        return new NpyReader().read(new ModelSource("w.npy", bytes.length, () -> new ByteArrayInputStream(bytes)));
    }

    @Test
    void readsShapeAndDtype() throws IOException {
        ModelFacts facts = read(npy(1, "<f4", "(3, 4)", 48));
        assertEquals(Map.of("F32", 12L), facts.parameters().byDtype());
        assertEquals(48L, facts.weightsBytes());
        assertEquals(Map.of("F16", 5L), read(npy(2, "<f2", "(5,)", 10)).parameters().byDtype());
        assertEquals(Map.of("I64", 1L), read(npy(3, ">i8", "()", 8)).parameters().byDtype()); // a scalar
        assertEquals(Map.of("U8", 0L), read(npy(1, "|u1", "(0, 7)", 0)).parameters().byDtype());
        assertEquals(Map.of("BOOL", 2L), read(npy(1, "|b1", "(2,)", 2)).parameters().byDtype());
        assertEquals(Map.of("C64", 1L), read(npy(1, "<c8", "(1,)", 8)).parameters().byDtype());
    }

    @Test
    void objectArraysAreCountedButNotSized() throws IOException {
        ModelFacts facts = read(npy(1, "|O", "(4,)", 100));
        assertEquals(4, facts.parameters().total());
        assertEquals(null, facts.weightsBytes());
        assertTrue(facts.warnings().get(0).contains("elements are counted, its bytes are not"));
    }

    @Test
    void badFilesAreRefusedNamingThem() {
        assertProblem(new byte[] {1, 2, 3}, "does not start with the NumPy magic");
        assertProblem(npy(1, "<f4", "(3, 4)", 40), "truncated: the array needs 48 bytes of data but the file holds 40");
        assertProblem(npy(1, "<f4", "(3, 4)", 50), "the array needs 48 bytes of data but the file holds 50");
        assertProblem(npy(1, "<f4", "(3, -4)", 0), "negative dimension");
        assertProblem(npy(1, "<f4", "(4294967296, 4294967296)", 0), "overflows a 64-bit element count");
        byte[] v9 = npy(1, "<f4", "(1,)", 4);
        v9[6] = 9;
        assertProblem(v9, "NumPy format version 9");
        byte[] huge = npy(2, "<f4", "(1,)", 4);
        huge[8] = 0;
        huge[9] = 0;
        huge[10] = 0x10; // header length 1 MiB
        assertProblem(huge, "over the 10000-byte limit");
    }

    private static void assertProblem(byte[] file, String expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(file));
        assertEquals("w.npy", e.path());
        assertTrue(e.problem().contains(expected), e.getMessage());
    }

    @Test
    void anNpzArchiveIsOneModelOfAllItsArrays(@TempDir Path dir) throws IOException {
        Path npz = dir.resolve("weights.npz");
        try (OutputStream file = Files.newOutputStream(npz); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("embed.npy"));
            zip.write(npy(1, "<f4", "(100, 8)", 3_200));
            zip.putNextEntry(new ZipEntry("bias.npy"));
            zip.write(npy(1, "<f2", "(8,)", 16));
        }
        ModelFacts facts = new NpzReader().read(ModelFile.ofFile(npz, "weights.npz", ModelFormat.NPZ).source());
        assertEquals(ModelFormat.NPZ, facts.format());
        assertEquals(Map.of("F32", 800L, "F16", 8L), facts.parameters().byDtype());
        assertEquals(3_216L, facts.weightsBytes());
        assertEquals(2L, facts.tensors());
    }

    @Test
    void anItemSizeBeyondAnIntIsRefused() {
        // Integer.parseInt threw NumberFormatException on it
        assertProblem(npy(1, "<f4294967296", "(1,)", 0), "item size of more than 9 digits");
    }

    @Test
    void npzArraysWhoseCountsOverflowTogetherAreRefused(@TempDir Path dir) throws IOException {
        // Object arrays are counted but not sized, so nothing in the file bounds their shapes: two of 2^62
        // elements overflowed Math.addExact with an ArithmeticException.
        Path npz = dir.resolve("objects.npz");
        try (OutputStream file = Files.newOutputStream(npz); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (String name : List.of("a.npy", "b.npy")) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(npy(1, "|O", "(4611686018427387904,)", 8));
            }
        }
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> new NpzReader().read(ModelFile.ofFile(npz, "objects.npz", ModelFormat.NPZ).source()));
        assertEquals("objects.npz", e.path());
        assertTrue(e.problem().contains("more than 2^63 - 1 elements"), e.getMessage());
    }
}
