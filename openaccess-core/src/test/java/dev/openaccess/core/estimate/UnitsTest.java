package dev.openaccess.core.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Tier;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bytes for people, KV cache dtypes and the rungs of the ladder. */
class UnitsTest {

    @Test
    void bytesAreShownInBinaryUnitsWithOneDecimal() {
        assertEquals("0 B", Bytes.human(0));
        assertEquals("1023 B", Bytes.human(1023));
        assertEquals("1.0 KiB", Bytes.human(1024));
        assertEquals("1.5 KiB", Bytes.human(1536));
        assertEquals("512.0 KiB", Bytes.human(524_288));
        assertEquals("2.0 GiB", Bytes.human(2_147_483_648L));
        // 349,208,936,448 / 1,073,741,824 = 325.226… GiB (OPT-175B in fp16)
        assertEquals("325.2 GiB", Bytes.human(349_208_936_448L));
        // 23,192,823,398 / 1,073,741,824 = 21.599… → 21.6
        assertEquals("21.6 GiB", Bytes.human(23_192_823_398L));
        assertEquals("1.0 TiB", Bytes.human(1L << 40));
        // Long.MAX_VALUE = 2^63 - 1 ≈ 8 EiB
        assertEquals("8.0 EiB", Bytes.human(Long.MAX_VALUE));
    }

    @Test
    void kvCacheDtypesHaveTheirWidths() {
        assertEquals(4, KvCacheDtype.F32.bytes());
        assertEquals(2, KvCacheDtype.F16.bytes());
        assertEquals(2, KvCacheDtype.BF16.bytes());
        assertEquals(1, KvCacheDtype.F8.bytes());
    }

    @Test
    void kvCacheDtypesParseCaseInsensitively() {
        assertEquals(KvCacheDtype.F16, KvCacheDtype.parse("f16"));
        assertEquals(KvCacheDtype.BF16, KvCacheDtype.parse(" BF16 "));
        assertEquals(KvCacheDtype.F8, KvCacheDtype.parse("F8"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KvCacheDtype.parse("int3"));
        assertTrue(e.getMessage().contains("'int3'"), e.getMessage());
        assertTrue(e.getMessage().contains("F32, F16, BF16, F8"), e.getMessage());
    }

    @Test
    void tiersAreTheLadderSmallestFirst() {
        assertEquals(List.of("laptop", "single-consumer-gpu", "single-datacenter-gpu", "multi-gpu-node", "cluster"),
                Arrays.stream(Tier.values()).map(Tier::id).toList());
        assertEquals(Optional.of(Tier.MULTI_GPU_NODE), Tier.byId("multi-gpu-node"));
        assertEquals(Optional.empty(), Tier.byId("MULTI_GPU_NODE"));
        assertTrue(Tier.LAPTOP.compareTo(Tier.CLUSTER) < 0);
    }
}
