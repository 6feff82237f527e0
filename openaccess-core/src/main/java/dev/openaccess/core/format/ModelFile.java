package dev.openaccess.core.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model found on disk, or inside an archive on disk, ready to be read.
 *
 * @param file   the file holding the model: the model file itself, or the archive that contains it
 * @param entry  the model's entry name inside the archive {@code file}, or null for a plain file
 * @param path   its name in the descriptor: relative to the base directory, {@code /}-separated; for an archive
 *               entry {@code archive.jar!/entry/name}
 * @param format its detected format
 * @param config a {@code config.json} beside the weights that supplies their architecture, or null
 */
public record ModelFile(Path file, String entry, String path, ModelFormat format, ModelFile config) {

    public static ModelFile ofFile(Path file, String path, ModelFormat format) {
        return new ModelFile(file, null, path, format, null);
    }

    public static ModelFile inArchive(Path archive, String entry, String path, ModelFormat format) {
        return new ModelFile(archive, entry, path, format, null);
    }

    public ModelFile withConfig(ModelFile configFile) {
        return new ModelFile(file, entry, path, format, configFile);
    }

    /** The config's name in the descriptor, or null. */
    public String configPath() {
        return config == null ? null : config.path();
    }

    /** The folder this model sits in, as a key: a directory, or a directory inside an archive. */
    String folder() {
        if (entry == null) {
            return String.valueOf(file.toAbsolutePath().getParent());
        }
        int slash = entry.lastIndexOf('/');
        return file.toAbsolutePath() + "!/" + (slash < 0 ? "" : entry.substring(0, slash));
    }

    /** True for a sharded safetensors model's index file, which stands for the whole model. */
    public boolean isShardIndex() {
        return path.endsWith(SafetensorsIndex.SUFFIX);
    }

    /** The file named {@code name} in this model's folder (on disk, or in the same archive). */
    public ModelFile sibling(String name, ModelFormat siblingFormat) {
        String folderPath = path.substring(0, path.lastIndexOf('/') + 1);
        if (entry == null) {
            return ofFile(file.resolveSibling(name), folderPath + name, siblingFormat);
        }
        return inArchive(file, entry.substring(0, entry.lastIndexOf('/') + 1) + name, folderPath + name,
                siblingFormat);
    }

    /** Whether the file (or archive entry) is there. */
    public boolean exists() throws IOException {
        return entry == null ? Files.isRegularFile(file) : ArchiveEntries.contains(file, entry, path);
    }

    /** The model's bytes, streamed from the file or inflated from the archive entry. */
    public ModelSource source() throws IOException {
        return entry == null ? ModelSource.ofFile(file, path) : ArchiveEntries.source(file, entry, path);
    }
}
