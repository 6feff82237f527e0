package dev.openaccess.core.estimate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hardware ladder: profiles ordered from the smallest rung up, and the rule for when a requirement fits one.
 *
 * <p>The default catalog is a versioned JSON resource beside this class; users add or replace profiles.
 */
public final class HardwareCatalog {

    /** A requirement fits a profile when it needs at most this share of its memory (the rest: runtime, driver,
     * fragmentation). */
    public static final double FIT_FRACTION = 0.9;

    private static final String DEFAULT_RESOURCE = "hardware-catalog.json";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final String version;
    private final List<HardwareProfile> profiles;

    public HardwareCatalog(String version, List<HardwareProfile> profiles) {
        this.version = version;
        List<String> duplicates = profiles.stream().map(HardwareProfile::id)
                .filter(id -> profiles.stream().filter(p -> p.id().equals(id)).count() > 1).distinct().toList();
        if (!duplicates.isEmpty()) {
            throw new IllegalArgumentException("hardware catalog lists profile ids more than once: " + duplicates);
        }
        List<HardwareProfile> sorted = new ArrayList<>(profiles);
        sorted.sort(Comparator.comparing(HardwareProfile::tier).thenComparingLong(HardwareProfile::memoryBytes)
                .thenComparing(HardwareProfile::id));
        this.profiles = List.copyOf(sorted);
    }

    /** The catalog shipped with openaccess. */
    public static HardwareCatalog defaults() {
        try (InputStream in = HardwareCatalog.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default hardware catalog resource missing: " + DEFAULT_RESOURCE);
            }
            JsonNode root = JSON.readTree(in);
            List<HardwareProfile> profiles = new ArrayList<>();
            for (JsonNode node : root.path("profiles")) {
                profiles.add(new HardwareProfile(node.path("id").asText(),
                        Tier.byId(node.path("tier").asText()).orElseThrow(),
                        node.path("description").asText(),
                        node.path("memoryBytes").longValue(),
                        node.path("bandwidthBytesPerSecond").longValue(),
                        node.path("denseBf16FlopsPerSecond").isNumber()
                                ? node.path("denseBf16FlopsPerSecond").longValue() : null,
                        node.path("source").asText()));
            }
            return new HardwareCatalog(root.path("catalogVersion").asText(), profiles);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default hardware catalog", e);
        }
    }

    /** This catalog with {@code extra} added; a profile with an existing id replaces it. */
    public HardwareCatalog with(List<HardwareProfile> extra) {
        Map<String, HardwareProfile> byId = new LinkedHashMap<>();
        profiles.forEach(profile -> byId.put(profile.id(), profile));
        extra.forEach(profile -> byId.put(profile.id(), profile));
        return new HardwareCatalog(extra.isEmpty() ? version : version + "+custom", new ArrayList<>(byId.values()));
    }

    public String version() {
        return version;
    }

    /** Profiles from the smallest rung up; within a rung, smallest memory first. */
    public List<HardwareProfile> profiles() {
        return profiles;
    }

    public Optional<HardwareProfile> profile(String id) {
        return profiles.stream().filter(profile -> profile.id().equals(id)).findFirst();
    }

    /** Memory of {@code profile} a requirement may use. */
    public static long usableBytes(HardwareProfile profile) {
        return (long) Math.floor(profile.memoryBytes() * FIT_FRACTION);
    }

    public static boolean fits(long requiredBytes, HardwareProfile profile) {
        return requiredBytes <= usableBytes(profile);
    }

    /** The smallest profile that fits {@code requiredBytes}, empty when none does. */
    public Optional<HardwareProfile> smallestFitting(long requiredBytes) {
        return profiles.stream().filter(profile -> fits(requiredBytes, profile)).findFirst();
    }

    /** The largest profile with one GPU (consumer or datacenter), empty when the catalog has none. */
    public Optional<HardwareProfile> largestSingleGpu() {
        return profiles.stream()
                .filter(p -> p.tier() == Tier.SINGLE_CONSUMER_GPU || p.tier() == Tier.SINGLE_DATACENTER_GPU)
                .max(Comparator.comparingLong(HardwareProfile::memoryBytes));
    }

    /** The profile with the most memory, empty for an empty catalog. */
    public Optional<HardwareProfile> largest() {
        return profiles.stream().max(Comparator.comparingLong(HardwareProfile::memoryBytes));
    }
}
