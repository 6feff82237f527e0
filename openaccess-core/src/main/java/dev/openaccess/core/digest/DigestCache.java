package dev.openaccess.core.digest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openaccess.core.format.ModelSource;
import dev.openaccess.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SHA-256 digests remembered between builds, keyed on the file's absolute path (and archive entry) and stamped with
 * its size and modification time: an unchanged 10 GB model is not read again. A changed size or time, or an
 * unreadable cache, means hashing anew; the cache never decides a digest on its own.
 *
 * <p>Builds running at once (a {@code -T} reactor, several processes) may share the file: saving merges with what
 * is on disk and replaces it atomically, so an entry can be lost to a race but never corrupted.
 */
public final class DigestCache {

    /** Entries kept at most; beyond, the oldest go. */
    static final int MAX_ENTRIES = 10_000;
    /** Larger cache files are not read (they are not ours, or not worth it). */
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Object SAVING = new Object();

    private record Entry(String stamp, String sha256) {
    }

    private final Path file;
    private final Map<String, Entry> entries;
    private final Map<String, Entry> added = new LinkedHashMap<>();
    private int hits;

    private DigestCache(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** The cache stored in {@code file}, empty when it does not exist or cannot be read. */
    public static DigestCache load(Path file) {
        return new DigestCache(file, read(file));
    }

    /**
     * The digest of {@code source}, read from the cache when {@code backingFile} (the file, or the archive holding the
     * entry) has the size and modification time it had when hashed.
     */
    public String sha256(Path backingFile, String entry, ModelSource source) throws IOException {
        String key = backingFile.toAbsolutePath().normalize() + (entry == null ? "" : "!/" + entry);
        String stamp = stamp(backingFile);
        synchronized (this) {
            Entry cached = entries.get(key);
            if (cached != null && cached.stamp().equals(stamp)) {
                hits++;
                return cached.sha256();
            }
        }
        // Hashed outside the lock, so that threads reading different files hash them side by side.
        String digest = Sha256.of(backingFile, source);
        Entry fresh = new Entry(stamp, digest);
        synchronized (this) {
            entries.put(key, fresh);
            added.put(key, fresh);
        }
        return digest;
    }

    /**
     * The digest of a plain file when the cache holds it for the file's current size and modification time; empty
     * (and nothing read) otherwise.
     */
    public synchronized Optional<String> cached(Path file) throws IOException {
        Entry cached = entries.get(file.toAbsolutePath().normalize().toString());
        if (cached != null && cached.stamp().equals(stamp(file))) {
            hits++;
            return Optional.of(cached.sha256());
        }
        return Optional.empty();
    }

    /** The digest of a plain file. */
    public String sha256(Path file) throws IOException {
        return sha256(file, null, ModelSource.ofFile(file, file.toString()));
    }

    /** Digests answered from the cache so far. */
    public synchronized int hits() {
        return hits;
    }

    /** Writes the new entries, merged with what is on disk now; a cache that cannot be written is not an error. */
    public void save() {
        synchronized (SAVING) {
            Map<String, Entry> merged;
            synchronized (this) {
                if (added.isEmpty()) {
                    return;
                }
                merged = read(file);
                merged.putAll(added);
            }
            while (merged.size() > MAX_ENTRIES) {
                merged.remove(merged.keySet().iterator().next());
            }
            ObjectNode root = JSON.createObjectNode();
            root.put("version", 1);
            ObjectNode list = root.putObject("entries");
            merged.forEach((key, entry) -> list.putObject(key).put("stamp", entry.stamp()).put("sha256",
                    entry.sha256()));
            try {
                AtomicFiles.write(file, JSON.writeValueAsBytes(root));
            } catch (IOException e) {
                // Only speed is lost: the next build hashes again.
            }
        }
    }

    private static String stamp(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return attributes.size() + ":" + attributes.lastModifiedTime().toMillis();
    }

    private static Map<String, Entry> read(Path file) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE_BYTES) {
                return entries;
            }
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || root.path("version").asInt() != 1) {
                return entries;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("entries").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String stamp = field.getValue().path("stamp").asText("");
                String digest = field.getValue().path("sha256").asText("");
                if (!stamp.isEmpty() && SHA256_HEX.matcher(digest).matches()) {
                    entries.put(field.getKey(), new Entry(stamp, digest));
                }
            }
        } catch (JsonProcessingException e) {
            entries.clear(); // a damaged cache is an empty one
        } catch (IOException e) {
            entries.clear();
        }
        return entries;
    }
}
