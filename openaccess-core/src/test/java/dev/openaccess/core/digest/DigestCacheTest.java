package dev.openaccess.core.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.Describer;
import dev.openaccess.core.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Digests remembered between builds, by path, size and modification time. */
class DigestCacheTest {

    @TempDir
    Path base;

    private static final String DIGEST_OF_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void anUnchangedFileIsNotReadAgain() throws IOException {
        Path file = Files.writeString(base.resolve("model.bin"), "abc");
        FileTime time = FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(file, time);
        Path store = base.resolve("cache/digests.json");
        DigestCache first = DigestCache.load(store);
        assertEquals(DIGEST_OF_ABC, first.sha256(file));
        assertEquals(0, first.hits());
        first.save();
        assertTrue(Files.isRegularFile(store));

        // Same size and time, other bytes: the cache answers without reading, which shows it did not read.
        Files.writeString(file, "xyz");
        Files.setLastModifiedTime(file, time);
        DigestCache second = DigestCache.load(store);
        assertEquals(DIGEST_OF_ABC, second.sha256(file));
        assertEquals(1, second.hits());

        // A new modification time: hashed anew.
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_001_000L));
        assertEquals(Sha256.of(file), second.sha256(file));
        assertEquals(1, second.hits());
    }

    @Test
    void aDamagedCacheIsAnEmptyOne() throws IOException {
        Path store = Files.writeString(base.resolve("digests.json"), "{ not json");
        Path file = Files.writeString(base.resolve("model.bin"), "abc");
        DigestCache cache = DigestCache.load(store);
        assertEquals(DIGEST_OF_ABC, cache.sha256(file));
        cache.save();
        assertEquals(DIGEST_OF_ABC, DigestCache.load(store).sha256(file));
    }

    @Test
    void theDescriberTakesDigestsFromTheCache() throws IOException {
        TinyModels.writeTinyLlama(base.resolve("model"));
        Path store = base.resolve("digests.json");
        DigestCache cache = DigestCache.load(store);
        String first = new Describer(cache).describe(TinyModels.request(base, "model", true)).descriptor().models()
                .get(0).sha256();
        cache.save();
        DigestCache again = DigestCache.load(store);
        String second = new Describer(again).describe(TinyModels.request(base, "model", true)).descriptor().models()
                .get(0).sha256();
        assertEquals(first, second);
        assertEquals(1, again.hits(), "the model file was not hashed again");
        assertEquals(Sha256.of(base.resolve("model/model.safetensors")), second);
    }
}
