package dev.openaccess.core.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HardwareCatalogTest {

    private static final long GIB = 1L << 30;

    private final HardwareCatalog catalog = HardwareCatalog.defaults();

    @Test
    void defaultLadderIsTheDesignedOne() {
        assertEquals(List.of("laptop-16gb", "rtx-4090-24gb", "h100-80gb", "h200-141gb", "8x-h100-80gb"),
                catalog.profiles().stream().map(HardwareProfile::id).toList());
        assertEquals(List.of(Tier.LAPTOP, Tier.SINGLE_CONSUMER_GPU, Tier.SINGLE_DATACENTER_GPU,
                Tier.SINGLE_DATACENTER_GPU, Tier.MULTI_GPU_NODE),
                catalog.profiles().stream().map(HardwareProfile::tier).toList());
        assertEquals(List.of(16 * GIB, 24 * GIB, 80 * GIB, 141 * GIB, 640 * GIB),
                catalog.profiles().stream().map(HardwareProfile::memoryBytes).toList());
        assertEquals(List.of(89_600_000_000L, 1_008_000_000_000L, 3_350_000_000_000L, 4_800_000_000_000L,
                        8 * 3_350_000_000_000L),
                catalog.profiles().stream().map(HardwareProfile::bandwidthBytesPerSecond).toList());
        assertEquals(8 * 989_000_000_000_000L, catalog.profile("8x-h100-80gb").orElseThrow().denseBf16FlopsPerSecond());
        assertTrue(catalog.profiles().stream().allMatch(p -> !p.source().isBlank()));
        assertTrue(catalog.version().matches("\\d{4}\\.\\d{2}-\\d+"));
    }

    @Test
    void aRequirementFitsUpToNinetyPercentOfMemory() {
        HardwareProfile h100 = catalog.profile("h100-80gb").orElseThrow();
        long usable = (long) Math.floor(80 * GIB * 0.9);
        assertEquals(usable, HardwareCatalog.usableBytes(h100));
        assertTrue(HardwareCatalog.fits(usable, h100));
        assertFalse(HardwareCatalog.fits(usable + 1, h100));
    }

    @Test
    void smallestFittingClimbsTheLadder() {
        assertEquals("laptop-16gb", catalog.smallestFitting(GIB).orElseThrow().id());
        assertEquals("rtx-4090-24gb", catalog.smallestFitting(16 * GIB).orElseThrow().id());
        assertEquals("h100-80gb", catalog.smallestFitting(50 * GIB).orElseThrow().id());
        assertEquals("h200-141gb", catalog.smallestFitting(100 * GIB).orElseThrow().id());
        assertEquals("8x-h100-80gb", catalog.smallestFitting(300 * GIB).orElseThrow().id());
        assertTrue(catalog.smallestFitting(600 * GIB).isEmpty());
        assertEquals("h200-141gb", catalog.largestSingleGpu().orElseThrow().id());
    }

    @Test
    void usersAddAndReplaceProfiles() {
        HardwareProfile a100 = new HardwareProfile("a100-40gb", Tier.SINGLE_DATACENTER_GPU, "A100 40GB", 40 * GIB,
                1_555_000_000_000L, 312_000_000_000_000L, "NVIDIA A100 datasheet");
        HardwareProfile bigLaptop = new HardwareProfile("laptop-16gb", Tier.LAPTOP, "now 32 GiB", 32 * GIB,
                100_000_000_000L, null, "replaced");
        HardwareCatalog custom = catalog.with(List.of(a100, bigLaptop));
        assertEquals(List.of("laptop-16gb", "rtx-4090-24gb", "a100-40gb", "h100-80gb", "h200-141gb", "8x-h100-80gb"),
                custom.profiles().stream().map(HardwareProfile::id).toList());
        assertEquals(32 * GIB, custom.profile("laptop-16gb").orElseThrow().memoryBytes());
        assertTrue(custom.version().endsWith("+custom"));
    }

    @Test
    void invalidProfilesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HardwareProfile("Big GPU", Tier.LAPTOP, "", 1, 1, null, ""));
        assertThrows(IllegalArgumentException.class, () -> new HardwareProfile("x", Tier.CLUSTER, "", 1, 1, null, ""));
        assertThrows(IllegalArgumentException.class, () -> new HardwareProfile("x", Tier.LAPTOP, "", 0, 1, null, ""));
    }

    @Test
    void bytesForPeople() {
        assertEquals("512 B", Bytes.human(512));
        assertEquals("1.5 KiB", Bytes.human(1536));
        assertEquals("2.0 GiB", Bytes.human(2 * GIB));
        assertEquals("325.2 GiB", Bytes.human(349_208_936_448L));
    }
}
