package dev.openaccess.core.estimate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.openaccess.core.descriptor.Tier;
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
            return read(in, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default hardware catalog", e);
        }
    }

    /**
     * Reads a catalog in the format of the default one ({@code catalogVersion} and {@code profiles[]}).
     *
     * @param name names the source in error messages
     * @throws IllegalArgumentException naming the source, the profile and the field when the catalog is not valid
     */
    public static HardwareCatalog read(InputStream in, String name) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("profiles").isArray() || !root.path("catalogVersion").isTextual()) {
            throw new IllegalArgumentException(name + ": a hardware catalog needs \"catalogVersion\" (a string) and"
                    + " \"profiles\" (an array)");
        }
        List<HardwareProfile> profiles = new ArrayList<>();
        int index = 0;
        for (JsonNode node : root.path("profiles")) {
            String where = name + ": profiles[" + index++ + "]";
            try {
                String tier = text(node, "tier", where);
                profiles.add(new HardwareProfile(text(node, "id", where),
                        Tier.byId(tier).orElseThrow(() -> new IllegalArgumentException(where + ": unknown tier '"
                                + tier + "' (accepted: laptop, single-consumer-gpu, single-datacenter-gpu,"
                                + " multi-gpu-node)")),
                        node.path("description").asText(""),
                        number(node, "memoryBytes", where),
                        number(node, "bandwidthBytesPerSecond", where),
                        node.path("denseBf16FlopsPerSecond").isNull() || !node.has("denseBf16FlopsPerSecond")
                                ? null : number(node, "denseBf16FlopsPerSecond", where),
                        node.has("gpus") ? (int) Math.min(number(node, "gpus", where), Integer.MAX_VALUE)
                                : tier.equals(Tier.LAPTOP.id()) ? 0 : 1,
                        node.path("source").asText(""),
                        node.path("denseFp32FlopsPerSecond").isNull() || !node.has("denseFp32FlopsPerSecond")
                                ? null : number(node, "denseFp32FlopsPerSecond", where)));
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith(name) ? e : new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }
        return new HardwareCatalog(root.path("catalogVersion").textValue(), profiles);
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be a non-empty string");
        }
        return value.textValue();
    }

    private static long number(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be a non-negative integer, not "
                    + (value.isMissingNode() ? "missing" : value.toString()));
        }
        return value.longValue();
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

    /**
     * The smallest profile with at least one GPU that fits {@code requiredBytes}: training from scratch is judged on
     * GPUs (fine-tuning may fit a CPU profile: {@link FineTuningEstimator#fits}).
     */
    public Optional<HardwareProfile> smallestFittingGpu(long requiredBytes) {
        return profiles.stream().filter(profile -> profile.gpus() > 0 && fits(requiredBytes, profile)).findFirst();
    }

    /** Whether a training replica of {@code requiredBytes} fits {@code profile}: it needs a GPU and the memory. */
    public static boolean fitsTraining(long requiredBytes, HardwareProfile profile) {
        return profile.gpus() > 0 && fits(requiredBytes, profile);
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
