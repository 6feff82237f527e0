package dev.openaccess.core.format;

import java.nio.file.Path;

/**
 * A model found on disk, ready to be read.
 *
 * @param file       the weights (or config) file
 * @param path       its name in the descriptor: relative to the base directory, {@code /}-separated
 * @param format     its detected format
 * @param config     a {@code config.json} beside weights that supplies their architecture, or null
 * @param configPath the config's name in the descriptor, or null
 */
public record ModelFile(Path file, String path, ModelFormat format, Path config, String configPath) {

    public ModelFile withConfig(Path configFile, String configName) {
        return new ModelFile(file, path, format, configFile, configName);
    }
}
