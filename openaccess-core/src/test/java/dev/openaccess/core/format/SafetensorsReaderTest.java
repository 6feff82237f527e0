package dev.openaccess.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.SafetensorsBytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SafetensorsReaderTest {

    private static final String PATH = "models/m.safetensors";

    private final SafetensorsReader reader = new SafetensorsReader();

    private static ModelSource source(byte[] bytes) {
        return new ModelSource(PATH, bytes.length, () -> new ByteArrayInputStream(bytes));
    }

    private ModelFacts read(byte[] bytes) throws IOException {
        return reader.read(source(bytes));
    }

    private ModelFormatException failure(byte[] bytes) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(bytes));
        assertTrue(e.getMessage().startsWith(PATH + ": "), e.getMessage());
        return e;
    }

    private static void assertProblem(ModelFormatException e, String expected) {
        assertTrue(e.problem().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void countsAreTheSumsOverTheTensorHeaders() throws IOException {
        byte[] file = new SafetensorsBytes()
                .tensor("embed", "BF16", 16, 100, 8)      // 800 elements, 1,600 bytes
                .tensor("norm", "F32", 32, 8)             // 8 elements, 32 bytes
                .tensor("proj", "BF16", 16, 8, 8)         // 64 elements, 128 bytes
                .tensor("ids", "I64", 64, 3)              // 3 elements, 24 bytes
                .toBytes();
        ModelFacts facts = read(file);
        assertEquals(ModelFormat.SAFETENSORS, facts.format());
        assertEquals(800 + 8 + 64 + 3, facts.parameters().total());
        assertEquals(facts.parameters().total(), facts.parameters().active());
        assertEquals(Map.of("BF16", 864L, "F32", 8L, "I64", 3L), facts.parameters().byDtype());
        assertEquals(1_600 + 32 + 128 + 24, facts.weightsBytes());
        assertEquals(4, facts.tensors());
        assertTrue(facts.parameters().exact());
        assertEquals("BF16", facts.dominantDtype());
        assertTrue(facts.warnings().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(SafetensorsDtype.class)
    void readsEveryDtypeOfTheFormat(SafetensorsDtype dtype) throws IOException {
        // 24 elements fill whole bytes at every width, 4- and 6-bit included (24 × 6 = 144 bits = 18 bytes).
        byte[] file = new SafetensorsBytes().tensor("t", dtype.name(), dtype.bits(), 4, 6).toBytes();
        ModelFacts facts = read(file);
        assertEquals(Map.of(dtype.name(), 24L), facts.parameters().byDtype());
        assertEquals(24L * dtype.bits() / 8, facts.weightsBytes());
    }

    @Test
    void bitWidthsAreThoseOfTheFormat() {
        assertEquals(4, SafetensorsDtype.F4.bits());
        assertEquals(6, SafetensorsDtype.F6_E2M3.bits());
        assertEquals(8, SafetensorsDtype.F8_E4M3.bits());
        assertEquals(16, SafetensorsDtype.BF16.bits());
        assertEquals(64, SafetensorsDtype.C64.bits());
        assertEquals(22, SafetensorsDtype.values().length);
    }

    @Test
    void scalarsAndEmptyTensorsAreValid() throws IOException {
        byte[] file = new SafetensorsBytes()
                .tensor("scalar", "F32", 32)          // shape []: one element
                .tensor("empty", "F16", 16, 0, 4096)  // zero-sized dimension: no elements, no bytes
                .toBytes();
        ModelFacts facts = read(file);
        assertEquals(1, facts.parameters().total());
        assertEquals(4, facts.weightsBytes());
        assertEquals(2, facts.tensors());
    }

    @Test
    void readsMetadata() throws IOException {
        byte[] file = new SafetensorsBytes().metadata("format", "pt").metadata("source", "unit test")
                .tensor("w", "F16", 16, 2).toBytes();
        assertEquals(Map.of("format", "pt", "source", "unit test"), read(file).metadata());
    }

    @Test
    void rejectsMetadataThatIsNotStrings() {
        byte[] file = SafetensorsBytes.withHeader(
                "{\"__metadata__\":{\"epoch\":3},\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4);
        assertProblem(failure(file), "__metadata__.epoch must be a string");
    }

    @Test
    void countsUnknownDtypesAndSaysSo() throws IOException {
        byte[] file = new SafetensorsBytes().tensorWithBytes("q", "Q4_FUTURE", 10, 20).toBytes();
        ModelFacts facts = read(file);
        assertEquals(Map.of("Q4_FUTURE", 20L), facts.parameters().byDtype());
        assertEquals(10, facts.weightsBytes()); // from data_offsets, not guessed
        assertEquals(1, facts.warnings().size());
        assertTrue(facts.warnings().get(0).contains("Q4_FUTURE is not in the safetensors format"));
    }

    @Test
    void failsOnAFileShorterThanTheLengthPrefix() {
        assertProblem(failure(new byte[] {1, 2, 3}), "truncated: 3 bytes");
    }

    @Test
    void failsOnAbsurdHeaderLengthsWithoutAllocating() {
        for (long length : new long[] {0, 1, 100_000_001, Long.MAX_VALUE, -1}) {
            byte[] file = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(length).putLong(0).array();
            assertProblem(failure(file), "outside the accepted range 2..100000000 bytes");
        }
    }

    @Test
    void failsWhenTheHeaderRunsPastTheEndOfTheFile() {
        byte[] whole = new SafetensorsBytes().tensor("w", "F32", 32, 4).toBytes();
        byte[] cut = java.util.Arrays.copyOf(whole, 20);
        assertProblem(failure(cut), "truncated: the header declares");
    }

    @Test
    void failsOnHeadersThatAreNotJsonObjects() {
        assertProblem(failure(SafetensorsBytes.withHeader("{\"w\": [", 0)), "the header is not valid JSON");
        assertProblem(failure(SafetensorsBytes.withHeader("[1, 2, 3]", 0)), "the header is not a JSON object");
    }

    @Test
    void failsOnTensorsWithMissingOrBadFields() {
        assertProblem(failure(header("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4)), "tensor 'w' has no dtype");
        assertProblem(failure(header("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4)), "has no shape array");
        assertProblem(failure(header("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4)), "has no data_offsets");
        assertProblem(failure(header("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4)),
                "not a non-negative integer");
        assertProblem(failure(header("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", 4)),
                "end 0 is before begin 4");
        assertProblem(failure(header("{\"w\":7}", 0)), "tensor 'w' is not an object");
    }

    @Test
    void failsWhenTheShapeOverflows() {
        String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,4]}}";
        assertProblem(failure(header(json, 4)), "overflows a 64-bit element count");
        String bits = "{\"w\":{\"dtype\":\"F64\",\"shape\":[1152921504606846976],\"data_offsets\":[0,4]}}";
        assertProblem(failure(header(bits, 4)), "byte size overflows 64 bits");
    }

    @Test
    void failsWhenASpanDoesNotMatchItsShape() {
        byte[] file = new SafetensorsBytes().tensorWithBytes("w", "F32", 12, 4).toBytes();
        assertProblem(failure(file), "tensor 'w' spans 12 bytes but F32 [4] needs 16");
    }

    @Test
    void failsOnSubByteTensorsThatDoNotFillWholeBytes() {
        byte[] file = new SafetensorsBytes().tensorWithBytes("w", "F4", 2, 3).toBytes();
        assertProblem(failure(file), "do not fill whole bytes");
    }

    @Test
    void failsOnGapsAndOverlaps() {
        String gap = "{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[6,10]}}";
        assertProblem(failure(header(gap, 10)), "tensor 'b' starts at data offset 6 but the previous tensor ends at 4 (gap)");
        String overlap = "{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[2,6]}}";
        assertProblem(failure(header(overlap, 6)), "(overlap)");
    }

    @Test
    void failsWhenTheDataIsShorterOrLongerThanTheTensors() {
        String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}";
        assertProblem(failure(header(json, 10)), "truncated: the tensors need 16 bytes of data but the file holds 10");
        assertProblem(failure(header(json, 20)), "the tensors cover 16 bytes of data but the file holds 20");
    }

    @Test
    void readsOnlyTheHeaderOfA100GigabyteFile(@TempDir Path dir) throws IOException {
        long elements = 50_000_000_000L; // 100 GB of BF16
        String json = "{\"weight\":{\"dtype\":\"BF16\",\"shape\":[" + elements + "],\"data_offsets\":[0,"
                + 2 * elements + "]}}";
        byte[] header = SafetensorsBytes.withHeader(json, 0);
        Path file = dir.resolve("big.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(header);
            raf.setLength(header.length + 2 * elements); // sparse: no data blocks are written
        }
        AtomicLong bytesRead = new AtomicLong();
        ModelSource counted = new ModelSource("big.safetensors", Files.size(file),
                () -> new CountingInputStream(Files.newInputStream(file), bytesRead, bytesRead));
        ModelFacts facts = reader.read(counted);
        assertEquals(elements, facts.parameters().total());
        assertEquals(2 * elements, facts.weightsBytes());
        assertTrue(bytesRead.get() <= header.length, "read " + bytesRead.get() + " bytes, header is " + header.length);
    }

    private static byte[] header(String json, long dataBytes) {
        return SafetensorsBytes.withHeader(json, dataBytes);
    }

    @Test
    void headerIsPaddedLikeTheReferenceWriter() {
        byte[] file = new SafetensorsBytes().tensor("w", "F32", 32, 1).toBytes();
        long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8);
        assertTrue(new String(file, 8, (int) n, StandardCharsets.UTF_8).startsWith("{\"w\""));
    }

    @Test
    void contentAfterTheHeaderObjectIsRefused() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> read(SafetensorsBytes.withHeader("{} garbage", 0)));
        assertTrue(e.problem().startsWith("the header is not valid JSON"), e.getMessage());
    }

    @Test
    void undefinedDtypesWhoseCountsOverflowTogetherAreRefused() {
        // An undefined dtype has no width, so nothing bounds its shape: two tensors of 2^62 elements overflowed
        // Math.addExact with an ArithmeticException.
        String header = "{\"a\":{\"dtype\":\"X9\",\"shape\":[4611686018427387904],\"data_offsets\":[0,0]},"
                + "\"b\":{\"dtype\":\"X9\",\"shape\":[4611686018427387904],\"data_offsets\":[0,0]}}";
        assertProblem(failure(SafetensorsBytes.withHeader(header, 0)), "more than 2^63 - 1 elements");
    }
}
