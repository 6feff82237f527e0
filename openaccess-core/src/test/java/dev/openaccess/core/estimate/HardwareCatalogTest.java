package dev.openaccess.core.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Tier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The default ladder is DESIGN.md's table; the fit rule is 90% of a profile's memory. */
class HardwareCatalogTest {

    static final long GIB = 1024L * 1024 * 1024;

    private final HardwareCatalog catalog = HardwareCatalog.defaults();

    private HardwareProfile profile(String id) {
        return catalog.profile(id).orElseThrow(() -> new AssertionError("no profile " + id));
    }

    @Test
    void defaultCatalogHasExactlyTheProfilesOfTheDesignSmallestRungFirst() {
        assertEquals(List.of("laptop-16gb", "rtx-4090-24gb", "h100-80gb", "h200-141gb", "8x-h100-80gb"),
                catalog.profiles().stream().map(HardwareProfile::id).toList());
        assertFalse(catalog.version().isBlank());
    }

    @Test
    void tiersAreTheRungsOfTheDesign() {
        assertEquals(Tier.LAPTOP, profile("laptop-16gb").tier());
        assertEquals(Tier.SINGLE_CONSUMER_GPU, profile("rtx-4090-24gb").tier());
        assertEquals(Tier.SINGLE_DATACENTER_GPU, profile("h100-80gb").tier());
        assertEquals(Tier.SINGLE_DATACENTER_GPU, profile("h200-141gb").tier());
        assertEquals(Tier.MULTI_GPU_NODE, profile("8x-h100-80gb").tier());
    }

    @Test
    void memoryIsInBinaryGigabytes() {
        // vendors' "GB" of DRAM/HBM capacity are GiB: 16, 24, 80, 141 and 8 × 80 = 640 GiB
        assertEquals(16 * GIB, profile("laptop-16gb").memoryBytes());          // 17,179,869,184
        assertEquals(24 * GIB, profile("rtx-4090-24gb").memoryBytes());        // 25,769,803,776
        assertEquals(80 * GIB, profile("h100-80gb").memoryBytes());            // 85,899,345,920
        assertEquals(141 * GIB, profile("h200-141gb").memoryBytes());          // 151,397,597,184
        assertEquals(640 * GIB, profile("8x-h100-80gb").memoryBytes());        // 687,194,767,360
    }

    @Test
    void bandwidthAndComputeAreTheDatasheetFigures() {
        // DDR5-5600 dual channel: 2 × 8 bytes × 5,600 MT/s = 89.6 GB/s
        assertEquals(89_600_000_000L, profile("laptop-16gb").bandwidthBytesPerSecond());
        assertEquals(1_008_000_000_000L, profile("rtx-4090-24gb").bandwidthBytesPerSecond());
        assertEquals(3_350_000_000_000L, profile("h100-80gb").bandwidthBytesPerSecond());
        assertEquals(4_800_000_000_000L, profile("h200-141gb").bandwidthBytesPerSecond());
        assertEquals(8 * 3_350_000_000_000L, profile("8x-h100-80gb").bandwidthBytesPerSecond());
        assertNull(profile("laptop-16gb").denseBf16FlopsPerSecond(), "no BF16 figure for a CPU");
        // 165 TFLOP/s in DESIGN.md; the Ada whitepaper states 165.2
        assertEquals(165_200_000_000_000L, profile("rtx-4090-24gb").denseBf16FlopsPerSecond());
        assertEquals(989_000_000_000_000L, profile("h100-80gb").denseBf16FlopsPerSecond());
        assertEquals(989_000_000_000_000L, profile("h200-141gb").denseBf16FlopsPerSecond());
        assertEquals(8 * 989_000_000_000_000L, profile("8x-h100-80gb").denseBf16FlopsPerSecond());
        assertEquals(List.of(0, 1, 1, 1, 8), catalog.profiles().stream().map(HardwareProfile::gpus).toList());
    }

    @Test
    void aCatalogFileReplacesTheDefault() throws IOException {
        HardwareCatalog custom = HardwareCatalog.read(json("""
                {"catalogVersion": "lab-2026", "profiles": [
                  {"id": "a100-40gb", "tier": "single-datacenter-gpu", "memoryBytes": 42949672960,
                   "bandwidthBytesPerSecond": 1555000000000, "denseBf16FlopsPerSecond": 312000000000000},
                  {"id": "workstation-64gb", "tier": "laptop", "memoryBytes": 68719476736,
                   "bandwidthBytesPerSecond": 100000000000}]}"""), "lab-catalog.json");
        assertEquals("lab-2026", custom.version());
        assertEquals(List.of("workstation-64gb", "a100-40gb"), custom.profiles().stream().map(HardwareProfile::id)
                .toList(), "smallest rung first");
        assertEquals(1, custom.profile("a100-40gb").orElseThrow().gpus(), "a GPU profile has one GPU unless it says");
        assertEquals(0, custom.profile("workstation-64gb").orElseThrow().gpus());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "{\"profiles\": []}",
        "{\"catalogVersion\": \"v\", \"profiles\": [{\"id\": \"x\", \"tier\": \"mainframe\", \"memoryBytes\": 1,"
                + " \"bandwidthBytesPerSecond\": 1}]}",
        "{\"catalogVersion\": \"v\", \"profiles\": [{\"id\": \"x\", \"tier\": \"laptop\", \"memoryBytes\": \"16GB\","
                + " \"bandwidthBytesPerSecond\": 1}]}",
        "{\"catalogVersion\": \"v\", \"profiles\": [{\"tier\": \"laptop\", \"memoryBytes\": 1,"
                + " \"bandwidthBytesPerSecond\": 1}]}",
        "{\"catalogVersion\": \"v\", \"profiles\": [{\"id\": \"Big GPU\", \"tier\": \"laptop\", \"memoryBytes\": 1,"
                + " \"bandwidthBytesPerSecond\": 1}]}"})
    void aBrokenCatalogFileIsRefusedNamingTheFile(String content) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HardwareCatalog.read(json(content), "lab-catalog.json"));
        assertTrue(e.getMessage().startsWith("lab-catalog.json"), e.getMessage());
    }

    private static ByteArrayInputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRequirementFitsUpToNinetyPercentOfMemory() {
        assertEquals(0.9, HardwareCatalog.FIT_FRACTION);
        HardwareProfile h100 = profile("h100-80gb");
        // 85,899,345,920 × 9 / 10 = 77,309,411,328 exactly
        long usable = 77_309_411_328L;
        assertEquals(usable, HardwareCatalog.usableBytes(h100));
        assertTrue(HardwareCatalog.fits(usable, h100));
        assertFalse(HardwareCatalog.fits(usable + 1, h100));
        // 17,179,869,184 × 0.9 = 15,461,882,265.6 → 15,461,882,265 whole bytes
        HardwareProfile laptop = profile("laptop-16gb");
        assertEquals(15_461_882_265L, HardwareCatalog.usableBytes(laptop));
        assertTrue(HardwareCatalog.fits(15_461_882_265L, laptop));
        assertFalse(HardwareCatalog.fits(15_461_882_266L, laptop));
        // 24 GiB × 0.9 = 23,192,823,398.4; 141 GiB × 0.9 = 136,257,837,465.6; 640 GiB × 0.9 = 618,475,290,624
        assertEquals(23_192_823_398L, HardwareCatalog.usableBytes(profile("rtx-4090-24gb")));
        assertEquals(136_257_837_465L, HardwareCatalog.usableBytes(profile("h200-141gb")));
        assertEquals(618_475_290_624L, HardwareCatalog.usableBytes(profile("8x-h100-80gb")));
    }

    @Test
    void smallestFittingClimbsTheLadder() {
        assertEquals("laptop-16gb", catalog.smallestFitting(0).orElseThrow().id());
        assertEquals("laptop-16gb", catalog.smallestFitting(15_461_882_265L).orElseThrow().id());
        assertEquals("rtx-4090-24gb", catalog.smallestFitting(15_461_882_266L).orElseThrow().id());
        assertEquals("h100-80gb", catalog.smallestFitting(23_192_823_399L).orElseThrow().id());
        assertEquals("h200-141gb", catalog.smallestFitting(77_309_411_329L).orElseThrow().id());
        assertEquals("8x-h100-80gb", catalog.smallestFitting(136_257_837_466L).orElseThrow().id());
        assertEquals("8x-h100-80gb", catalog.smallestFitting(618_475_290_624L).orElseThrow().id());
        assertEquals(Optional.empty(), catalog.smallestFitting(618_475_290_625L), "beyond the node: a cluster");
    }

    @Test
    void largestSingleGpuAndLargest() {
        assertEquals("h200-141gb", catalog.largestSingleGpu().orElseThrow().id());
        assertEquals("8x-h100-80gb", catalog.largest().orElseThrow().id());
        HardwareCatalog empty = new HardwareCatalog("empty", List.of());
        assertTrue(empty.largest().isEmpty());
        assertTrue(empty.largestSingleGpu().isEmpty());
        assertTrue(empty.smallestFitting(1).isEmpty());
    }

    @Test
    void withAddsProfilesInLadderOrder() {
        HardwareProfile mac = new HardwareProfile("macbook-pro-64gb", Tier.LAPTOP, "Apple M3 Max, 64 GB unified",
                64 * GIB, 400_000_000_000L, null, 0, "test");
        HardwareProfile a100 = new HardwareProfile("a100-40gb", Tier.SINGLE_DATACENTER_GPU, "A100 40 GB", 40 * GIB,
                1_555_000_000_000L, 312_000_000_000_000L, 1, "test");
        HardwareCatalog extended = catalog.with(List.of(mac, a100));
        // by rung, then memory within a rung: the 64 GiB laptop stays a laptop, below the 24 GiB consumer GPU
        assertEquals(List.of("laptop-16gb", "macbook-pro-64gb", "rtx-4090-24gb", "a100-40gb", "h100-80gb",
                "h200-141gb", "8x-h100-80gb"), extended.profiles().stream().map(HardwareProfile::id).toList());
        assertEquals(catalog.version() + "+custom", extended.version());
        // 20 GiB does not fit 16 GiB × 0.9 but fits 64 GiB × 0.9 = 57.6 GiB, on the laptop rung
        assertEquals("macbook-pro-64gb", extended.smallestFitting(20 * GIB).orElseThrow().id());
        assertEquals(5, catalog.profiles().size(), "the default catalog is left as it was");
    }

    @Test
    void withReplacesAProfileOfTheSameId() {
        HardwareProfile bigger = new HardwareProfile("rtx-4090-24gb", Tier.SINGLE_CONSUMER_GPU, "modded 48 GB card",
                48 * GIB, 1_008_000_000_000L, 165_200_000_000_000L, 1, "test");
        HardwareCatalog replaced = catalog.with(List.of(bigger));
        assertEquals(5, replaced.profiles().size());
        assertEquals(48 * GIB, replaced.profile("rtx-4090-24gb").orElseThrow().memoryBytes());
        assertEquals(24 * GIB, catalog.profile("rtx-4090-24gb").orElseThrow().memoryBytes());
        // 30 GiB: over 24 × 0.9 = 21.6 GiB, under 48 × 0.9 = 43.2 GiB
        assertEquals("rtx-4090-24gb", replaced.smallestFitting(30 * GIB).orElseThrow().id());
        assertEquals("h100-80gb", catalog.smallestFitting(30 * GIB).orElseThrow().id());
    }

    @Test
    void withNothingKeepsTheVersion() {
        HardwareCatalog same = catalog.with(List.of());
        assertEquals(catalog.version(), same.version());
        assertEquals(catalog.profiles(), same.profiles());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "H100", "rtx 4090", "-leading-dash", ".dot", "a/b", "ü-gpu", "x_y"})
    void invalidProfileIdsAreRejected(String id) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HardwareProfile(id, Tier.LAPTOP, "", GIB, 1, null, 0, ""));
        assertTrue(e.getMessage().contains("'" + id + "'"), e.getMessage());
    }

    @Test
    void validIdsAndOtherChecks() {
        assertEquals("gh200-96gb.v2", new HardwareProfile("gh200-96gb.v2", Tier.SINGLE_DATACENTER_GPU, "", GIB, 1,
                null, 1, "").id());
        assertThrows(NullPointerException.class, () -> new HardwareProfile(null, Tier.LAPTOP, "", GIB, 1, null, 0, ""));
        assertThrows(NullPointerException.class, () -> new HardwareProfile("x", null, "", GIB, 1, null, 0, ""));
        assertThrows(IllegalArgumentException.class, () -> new HardwareProfile("x", Tier.CLUSTER, "", GIB, 1, null, 1, ""),
                "cluster is what lies beyond every profile");
        assertThrows(IllegalArgumentException.class, () -> new HardwareProfile("x", Tier.LAPTOP, "", 0, 1, null, 0, ""));
        assertThrows(IllegalArgumentException.class, () -> new HardwareProfile("x", Tier.LAPTOP, "", GIB, 0, null, 0, ""));
        assertThrows(IllegalArgumentException.class, () -> new HardwareProfile("x", Tier.LAPTOP, "", -GIB, 1, null, 0, ""));
        IllegalArgumentException noGpu = assertThrows(IllegalArgumentException.class,
                () -> new HardwareProfile("x", Tier.SINGLE_CONSUMER_GPU, "", GIB, 1, null, 0, ""));
        assertTrue(noGpu.getMessage().contains("at least one GPU"), noGpu.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new HardwareProfile("x", Tier.SINGLE_CONSUMER_GPU, "", GIB, 1, 0L, 1, ""));
    }

    @Test
    void profileLookup() {
        assertSame(catalog.profiles().get(0), catalog.profile("laptop-16gb").orElseThrow());
        assertTrue(catalog.profile("nope").isEmpty());
    }

    @Test
    void aProfileIdNamesOneProfile() {
        HardwareProfile first = new HardwareProfile("gpu-a", Tier.SINGLE_CONSUMER_GPU, "a", 1L << 30, 1, null, 1, "s");
        HardwareProfile second = new HardwareProfile("gpu-a", Tier.SINGLE_CONSUMER_GPU, "b", 2L << 30, 1, null, 1, "s");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HardwareCatalog("test", List.of(first, second)));
        assertEquals("hardware catalog lists profile ids more than once: [gpu-a]", e.getMessage());
    }
}
