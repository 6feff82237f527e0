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
 * @param kind   its row of the format table: its format, layout and reader; null for a file looked up beside a
 *               model (a shard, external data) before it is known what it holds
 * @param config a {@code config.json} beside the weights that supplies their architecture, or null
 */
public record ModelFile(Path file, String entry, String path, FormatTable kind, ModelFile config) {

    public static ModelFile ofFile(Path file, String path, ModelFormat format) {
        return new ModelFile(file, null, path, FormatTable.of(format), null);
    }

    public static ModelFile ofFile(Path file, String path, FormatTable kind) {
        return new ModelFile(file, null, path, kind, null);
    }

    public static ModelFile inArchive(Path archive, String entry, String path, FormatTable kind) {
        return new ModelFile(archive, entry, path, kind, null);
    }

    /** Its detected format, null when {@link #kind} is. */
    public ModelFormat format() {
        return kind == null ? null : kind.format();
    }

    public ModelFile withConfig(ModelFile configFile) {
        return new ModelFile(file, entry, path, kind, configFile);
    }

    /** The same file under another descriptor path (made longer where two models would share one). */
    ModelFile withPath(String newPath, ModelFile newConfig) {
        return new ModelFile(file, entry, newPath, kind, newConfig);
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
        return kind == FormatTable.SAFETENSORS_INDEX;
    }

    /**
     * The file at {@code relative} (a name, or a {@code /}-separated path below this model's folder) beside this
     * model: on disk, or in the same archive.
     */
    public ModelFile sibling(String relative, FormatTable siblingKind) {
        String folderPath = path.substring(0, path.lastIndexOf('/') + 1);
        if (entry == null) {
            return new ModelFile(file.resolveSibling(relative), null, folderPath + relative, siblingKind, null);
        }
        return new ModelFile(file, entry.substring(0, entry.lastIndexOf('/') + 1) + relative, folderPath + relative,
                siblingKind, null);
    }

    /** Whether the file (or archive entry) is there. */
    public boolean exists() throws IOException {
        return entry == null ? Files.isRegularFile(file) : ArchiveEntries.contains(file, entry, path);
    }

    /** The model's bytes, streamed from the file or inflated from the archive entry, with this file as origin. */
    public ModelSource source() throws IOException {
        ModelSource bytes = entry == null ? ModelSource.ofFile(file, path) : ArchiveEntries.source(file, entry, path);
        return new ModelSource(bytes.path(), bytes.size(), bytes.opener(), bytes.folder(), this);
    }
}
