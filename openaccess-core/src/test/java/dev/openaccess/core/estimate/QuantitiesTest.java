package dev.openaccess.core.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Quantities as users write them in a pom: SI prefixes are powers of 1000, IEC ones powers of 1024. */
class QuantitiesTest {

    @Test
    void memoryInBinaryAndDecimalUnits() {
        assertEquals(25_769_803_776L, Quantities.bytes("24GiB"));       // 24 × 2^30
        assertEquals(25_769_803_776L, Quantities.bytes(" 24 GiB "));
        assertEquals(80_000_000_000L, Quantities.bytes("80GB"));         // decimal, as written
        assertEquals(17_179_869_184L, Quantities.bytes("17179869184"));
        assertEquals(1_536L, Quantities.bytes("1.5KiB"));
        assertEquals(1_099_511_627_776L, Quantities.bytes("1TiB"));
        assertEquals(17_179_869_184L, Quantities.bytes("17_179_869_184 B"));
    }

    @Test
    void bandwidthAndThroughput() {
        assertEquals(1_008_000_000_000L, Quantities.bytesPerSecond("1008 GB/s"));
        assertEquals(3_350_000_000_000L, Quantities.bytesPerSecond("3.35TB/s"));
        assertEquals(989_000_000_000_000L, Quantities.flopsPerSecond("989 TFLOPS"));
        assertEquals(989_000_000_000_000L, Quantities.flopsPerSecond("989T"));
        assertEquals(989_000_000_000_000L, Quantities.flopsPerSecond("9.89e14"));
        assertEquals(165_200_000_000_000L, Quantities.flopsPerSecond("165.2 TFLOP/s"));
    }

    @Test
    void countsTakeBAsBillionAsModelCardsDo() {
        assertEquals(300_000_000_000L, Quantities.count("300B"));
        assertEquals(2_000_000_000_000L, Quantities.count("2T"));
        assertEquals(1_400_000_000_000L, Quantities.count("1.4T"));
        assertEquals(300_000_000_000L, Quantities.count("300_000_000_000"));
        assertEquals(300_000_000_000L, Quantities.count("300,000,000,000"));
        assertEquals(500_000L, Quantities.count("500k"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lots", "24 parsecs", "-5GB", "GiB", "24XB", "99999999999 PiB"})
    void nonsenseIsRefusedWithTheTextInTheMessage(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantities.bytes(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void aUnitOfAnotherKindIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Quantities.bytes("989 TFLOPS"));
        assertTrue(e.getMessage().contains("unit 'FLOPS'"), e.getMessage());
    }
}
