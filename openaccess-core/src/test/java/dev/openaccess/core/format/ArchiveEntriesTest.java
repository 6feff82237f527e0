package dev.openaccess.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.Describer;
import dev.openaccess.core.SafetensorsBytes;
import dev.openaccess.core.descriptor.DescriptorJson;
import dev.openaccess.core.descriptor.DescriptorSchema;
import dev.openaccess.core.descriptor.Subject;
import dev.openaccess.core.descriptor.UnreadFile;
import dev.openaccess.core.estimate.EstimateSettings;
import dev.openaccess.core.estimate.HardwareCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models inside jars are read in place, through DEFLATE, and named {@code archive.jar!/entry}. */
class ArchiveEntriesTest {

    @TempDir
    Path base;

    private Path jar(String name, Map<String, byte[]> entries) throws IOException {
        Path jar = base.resolve(name);
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey())); // DEFLATED, as jar tools write them
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return jar;
    }

    private List<ModelFile> find(String location) throws IOException {
        return new ModelFinder(base).find(List.of(location), true).models();
    }

    @Test
    void aModelFolderInsideAJarIsOneModel() throws IOException {
        byte[] weights = new SafetensorsBytes().tensor("w", "F32", 32, 8, 8).toBytes();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
        entries.put("models/tiny/model.safetensors", weights);
        entries.put("models/tiny/config.json", ModelFinderTest.LLAMA_CONFIG.getBytes(StandardCharsets.UTF_8));
        entries.put("dev/example/App.class", new byte[] {(byte) 0xCA, (byte) 0xFE});
        jar("lib/models.jar", entries);

        List<ModelFile> models = find("lib");
        assertEquals(1, models.size());
        ModelFile model = models.get(0);
        assertEquals("lib/models.jar!/models/tiny/model.safetensors", model.path());
        assertEquals("lib/models.jar!/models/tiny/config.json", model.configPath());
        ModelSource source = model.source();
        assertEquals(weights.length, source.size());
        try (InputStream in = source.open()) {
            assertArrayEquals(weights, in.readAllBytes());
        }
        assertEquals(64, new SafetensorsReader().read(source).parameters().total());
    }

    @Test
    void aJarNamedExplicitlyMustHoldAModel() throws IOException {
        jar("app.jar", Map.of("dev/example/App.class", new byte[] {1, 2, 3}));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> find("app.jar"));
        assertTrue(e.problem().startsWith("no model file found there"), e.getMessage());
    }

    @Test
    void entriesThatEscapeTheArchiveAreRefused() throws IOException {
        jar("evil.jar", Map.of("../../outside/model.safetensors", new SafetensorsBytes().tensor("w", "F32", 32, 1)
                .toBytes()));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> find("evil.jar"));
        assertEquals("evil.jar", e.path());
        assertTrue(e.problem().contains("escapes the archive"), e.getMessage());
    }

    @Test
    void entriesThatInflateFarBeyondTheirSizeAreRefusedAsZipBombs() throws IOException {
        // 4 MiB of zeros deflate to about 4 KiB: a ratio no model's weights reach
        byte[] zeros = new byte[4 << 20];
        jar("bomb.jar", Map.of("model.safetensors", zeros));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> find("bomb.jar").get(0).source());
        assertTrue(e.problem().contains("refused as a zip bomb"), e.getMessage());
    }

    @Test
    void aDamagedArchiveIsNamed() throws IOException {
        Path broken = base.resolve("broken.jar");
        Files.write(broken, new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> find("broken.jar"));
        assertEquals("broken.jar", e.path());
        assertTrue(e.problem().startsWith("is not a readable zip archive"), e.getMessage());
    }

    @Test
    void anNpzInsideAJarIsListedAsUnread() throws IOException {
        jar("npz.jar", Map.of("arrays.npz", new byte[] {'P', 'K', 3, 4}, "w.safetensors",
                new SafetensorsBytes().tensor("w", "F32", 32, 2).toBytes()));
        ModelFinder finder = new ModelFinder(base);
        ModelFinder.Found found = finder.find(List.of("npz.jar"), true);
        assertEquals(List.of("npz.jar!/w.safetensors"), found.models().stream().map(ModelFile::path).toList());
        assertEquals(List.of(new UnreadFile("npz.jar!/arrays.npz", "npz", "a NumPy .npz archive inside another"
                + " archive: read only as a file on disk (extract it, or name it in <models>)")), found.unread());
        assertEquals(List.of(), finder.warnings());
    }

    @Test
    void theDescriptorNamesAndDigestsTheEntry() throws Exception {
        byte[] weights = new SafetensorsBytes().tensor("w", "BF16", 16, 4, 4).toBytes();
        jar("target/model-1.0.jar", Map.of("model.safetensors", weights));
        var result = new Describer().describe(new Describer.Request(base,
                List.of("target/model-1.0.jar"), true, List.of(), new Subject("g", "a",
                "1", "jar", null), null, EstimateSettings.defaults(), true,
                HardwareCatalog.defaults(), null));
        var model = result.descriptor().models().get(0);
        assertEquals("target/model-1.0.jar!/model.safetensors", model.path());
        assertEquals(weights.length, model.sizeBytes());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(weights)), model.sha256());
        assertEquals(List.of(), DescriptorSchema.violations(
                DescriptorJson.toTree(result.descriptor())));
    }

    /** Writes a fuzzing finding from the regression corpus into the project as {@code name}. */
    private void corpusInput(String finding, String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/dev/openaccess/core/fuzz/ReaderFuzzTestInputs/archive/"
                + finding)) {
            Files.write(base.resolve(name), in.readAllBytes());
        }
    }

    @Test
    void anEntryWhoseLocalHeaderIsDamagedIsRefusedNamingTheArchive() throws IOException {
        corpusInput("damaged-local-header", "damaged.jar"); // the central directory is sound, the entry is not
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> find("damaged.jar"));
        assertTrue(e.getMessage().startsWith("damaged.jar!/"), e.getMessage());
        assertTrue(e.problem().contains("is damaged inside the archive"), e.getMessage());
    }

    @Test
    void anEndRecordPointingPastTheFileIsRefused() throws IOException {
        corpusInput("end-header-past-the-file", "cut.jar"); // ZipFile threw a bare EOFException
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> find("cut.jar"));
        assertEquals("cut.jar", e.path());
        assertTrue(e.problem().startsWith("is not a readable zip archive"), e.getMessage());
    }

    @Test
    void anEntryNameThatIsNotUtf8IsRefused() throws IOException {
        corpusInput("malformed-utf8-entry-name", "names.jar"); // ZipFile threw IllegalArgumentException
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> find("names.jar"));
        assertEquals("names.jar", e.path());
        assertTrue(e.problem().startsWith("has an entry whose name is not valid UTF-8"), e.getMessage());
    }
}
