package dev.openaccess.core.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Finds the model files named by a list of locations: files, folders (searched recursively) or glob patterns,
 * relative to a base directory.
 *
 * <p>A {@code config.json} in the same folder as a single weights file supplies that file's architecture, so a
 * Hugging Face model folder is one model, not two.
 */
public final class ModelFinder {

    /** Deep enough for any model layout, shallow enough that a link loop or a huge tree cannot run away. */
    static final int MAX_DEPTH = 32;

    private static final String CONFIG_JSON = "config.json";

    private final Path baseDir;
    private final List<Path> excluded;
    private final List<String> warnings = new ArrayList<>();

    public ModelFinder(Path baseDir) {
        this(baseDir, List.of());
    }

    /**
     * @param excluded folders a walk does not enter unless it starts inside them, such as the build output, which
     *                 holds copies of the resources
     */
    public ModelFinder(Path baseDir, List<Path> excluded) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.excluded = excluded.stream().map(dir -> this.baseDir.resolve(dir).normalize()).toList();
    }

    /** Files skipped because their format is known but not read by this version, in plain words. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * The models at {@code locations}, sorted by path, each file once.
     *
     * @param required when true, a location that does not exist or holds no model is an error (the user named
     *                 it); when false such a location is skipped (a default location)
     */
    public List<ModelFile> find(List<String> locations, boolean required) throws IOException {
        Map<String, ModelFile> found = new TreeMap<>();
        for (String location : locations) {
            String trimmed = location.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            List<ModelFile> here = isGlob(trimmed) ? findGlob(trimmed) : findPath(trimmed, required);
            if (here.isEmpty() && required) {
                throw new ModelFormatException(trimmed, "no model file found there (looked for safetensors, GGUF, ONNX"
                        + " and NumPy files, Hugging Face config.json, and models inside .jar/.zip archives)");
            }
            // sorted by descriptor path; the file (and entry) tell apart same-named models from different places
            here.forEach(model -> found.putIfAbsent(model.path() + '\0' + model.file() + '\0' + model.entry(), model));
        }
        return pairConfigs(withoutIndexedShards(new ArrayList<>(found.values())));
    }

    private List<ModelFile> findPath(String location, boolean required) throws IOException {
        Path path = baseDir.resolve(location).normalize();
        if (Files.isRegularFile(path)) {
            if (ModelDetector.isArchive(path)) {
                return ArchiveEntries.models(path, relative(path), warnings);
            }
            Optional<ModelFormat> format = ModelDetector.detect(path);
            if (format.isEmpty()) {
                throw new ModelFormatException(location, "not a model file openaccess recognises (safetensors, GGUF,"
                        + " ONNX, NumPy or a Hugging Face config.json)");
            }
            return readable(path, format.get(), true).stream().toList();
        }
        if (Files.isDirectory(path)) {
            return walk(path, file -> true);
        }
        if (required) {
            throw new ModelFormatException(location, "does not exist (relative to " + baseDir + ")");
        }
        return List.of();
    }

    private List<ModelFile> findGlob(String pattern) throws IOException {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.replace('\\', '/'));
        return walk(baseDir, file -> matcher.matches(Path.of(relative(file))));
    }

    private List<ModelFile> walk(Path root, Predicate<Path> filter) throws IOException {
        List<Path> files;
        try (Stream<Path> stream = Files.walk(root, MAX_DEPTH)) {
            files = stream.filter(Files::isRegularFile)
                    .filter(file -> !isHidden(root, file))
                    .filter(file -> excluded.stream().noneMatch(dir -> !root.startsWith(dir) && file.startsWith(dir)))
                    .filter(filter)
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<ModelFile> models = new ArrayList<>();
        for (Path file : files) {
            if (ModelDetector.isArchive(file)) {
                models.addAll(ArchiveEntries.models(file, relative(file), warnings));
                continue;
            }
            Optional<ModelFormat> format = ModelDetector.detect(file);
            if (format.isPresent()) {
                readable(file, format.get(), false).ifPresent(models::add);
            }
        }
        return models;
    }

    /** Hidden folders (.git, .cache) under the walked root are tooling, not models. */
    private static boolean isHidden(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private Optional<ModelFile> readable(Path file, ModelFormat format, boolean explicit) throws IOException {
        String name = relative(file);
        return switch (format) {
            case SAFETENSORS, GGUF, ONNX, NPY, NPZ -> Optional.of(ModelFile.ofFile(file, name, format));
            case HF_CONFIG -> {
                // A folder may hold config.json files of other tools: only model configs count, unless named.
                if (explicit || new HfConfigReader().parse(ModelSource.ofFile(file, name)).isModelConfig()) {
                    yield Optional.of(ModelFile.ofFile(file, name, format));
                }
                yield Optional.empty();
            }
        };
    }

    /** The shards a sharded model's index names are part of that model, not models of their own. */
    private static List<ModelFile> withoutIndexedShards(List<ModelFile> models) throws IOException {
        Set<String> shardPaths = new HashSet<>();
        for (ModelFile model : models) {
            if (model.isShardIndex()) {
                for (String shard : SafetensorsIndex.read(model.source()).shards()) {
                    shardPaths.add(model.sibling(shard, ModelFormat.SAFETENSORS).path());
                }
            }
        }
        return models.stream().filter(model -> !shardPaths.contains(model.path())).toList();
    }

    /**
     * A config.json beside exactly one weights file describes that file, whether or not the locations named it
     * (for plain files it is looked for on disk); it is then not a model of its own.
     */
    private List<ModelFile> pairConfigs(List<ModelFile> models) throws IOException {
        Map<String, List<ModelFile>> weightsByFolder = new LinkedHashMap<>();
        Map<String, ModelFile> configByFolder = new LinkedHashMap<>();
        for (ModelFile model : models) {
            if (model.format() == ModelFormat.HF_CONFIG) {
                configByFolder.put(model.folder(), model);
            } else {
                weightsByFolder.computeIfAbsent(model.folder(), folder -> new ArrayList<>()).add(model);
            }
        }
        Map<ModelFile, ModelFile> configFor = new LinkedHashMap<>(); // weights -> its config
        for (var folder : weightsByFolder.entrySet()) {
            if (folder.getValue().size() != 1) {
                continue;
            }
            ModelFile weights = folder.getValue().get(0);
            ModelFile config = configByFolder.get(folder.getKey());
            if (config == null && weights.entry() == null) {
                Path onDisk = weights.file().resolveSibling(CONFIG_JSON);
                if (Files.isRegularFile(onDisk)) {
                    config = readable(onDisk, ModelFormat.HF_CONFIG, false).orElse(null);
                }
            }
            if (config != null) {
                configFor.put(weights, config);
            }
        }
        List<ModelFile> result = new ArrayList<>();
        for (ModelFile model : models) {
            ModelFile config = configFor.get(model);
            if (config != null) {
                result.add(model.withConfig(config));
            } else if (!configFor.containsValue(model)) {
                result.add(model);
            }
        }
        return result;
    }

    /**
     * The descriptor name of a file: relative to the base directory; a file outside it is named from its own
     * folder down, so no absolute path or {@code ..} ever reaches the descriptor.
     */
    String relative(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path name = absolute.startsWith(baseDir) ? baseDir.relativize(absolute)
                : absolute.getParent() == null || absolute.getParent().getFileName() == null ? absolute.getFileName()
                : absolute.getParent().getFileName().resolve(absolute.getFileName());
        return name.toString().replace('\\', '/');
    }

    private static boolean isGlob(String location) {
        return location.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }
}
