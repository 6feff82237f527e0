package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.UnreadFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the model files named by a list of locations: files, folders (searched recursively) or glob patterns,
 * relative to a base directory. What a file is, the {@link FormatTable} says; files that look like models but that
 * no reader counts are found too, as {@link Found#unread}, so that nothing is dropped silently.
 *
 * <p>A {@code config.json} in the same folder as a single weights file supplies that file's architecture, so a
 * Hugging Face model folder is one model, not two.
 *
 * <p>Every file found gets a descriptor path of its own: relative to the base directory, and for a file outside
 * it its own folder and name, with as many more folders above as it takes to tell it from every other file found.
 */
public final class ModelFinder {

    /** Deep enough for any model layout, shallow enough that a link loop or a huge tree cannot run away. */
    static final int MAX_DEPTH = 32;

    private static final String CONFIG_JSON = "config.json";

    private final Path baseDir;
    private final List<Path> excluded;
    private final List<String> warnings = new ArrayList<>();

    /**
     * What the locations hold.
     *
     * @param models the models a reader counts, sorted by path, each file once
     * @param unread the files that look like models but that no reader counts, sorted by path
     */
    public record Found(List<ModelFile> models, List<UnreadFile> unread) {

        public Found {
            models = List.copyOf(models);
            unread = List.copyOf(unread);
        }

        /** Whether nothing that looks like a model was found. */
        public boolean isEmpty() {
            return models.isEmpty() && unread.isEmpty();
        }
    }

    /** A file that looks like a model (its row of the format table) and why no reader counts it. */
    record Unread(ModelFile file, String reason) {

        UnreadFile entry() {
            return new UnreadFile(file.path(), file.format().id(), reason);
        }
    }

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

    /** What finding skipped, in plain words. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * The models at {@code locations}, and the files there that look like models but that no reader counts.
     *
     * @param required when true, a location that does not exist or holds nothing that looks like a model is an
     *                 error (the user named it); when false such a location is skipped (a default location)
     */
    public Found find(List<String> locations, boolean required) throws IOException {
        Map<String, ModelFile> found = new TreeMap<>();
        Map<String, Unread> unread = new TreeMap<>();
        for (String location : locations) {
            String trimmed = location.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            List<ModelFile> here = new ArrayList<>();
            List<Unread> unreadHere = new ArrayList<>();
            if (isGlob(trimmed)) {
                findGlob(trimmed, here, unreadHere);
            } else {
                findPath(trimmed, required, here, unreadHere);
            }
            if (here.isEmpty() && unreadHere.isEmpty() && required) {
                throw new ModelFormatException(trimmed, "no model file found there (looked for " + readFormats()
                        + ", and models inside .jar/.zip archives)");
            }
            // sorted by descriptor path; the file (and entry) tell apart same-named models from different places
            here.forEach(model -> found.putIfAbsent(key(model), model));
            unreadHere.forEach(file -> unread.putIfAbsent(key(file.file()), file));
        }
        List<ModelFile> models = pairConfigs(withoutIndexedShards(new ArrayList<>(found.values())));
        return uniquePaths(models, new ArrayList<>(unread.values()));
    }

    private static String key(ModelFile model) {
        return model.path() + '\0' + model.file() + '\0' + model.entry();
    }

    private void findPath(String location, boolean required, List<ModelFile> models, List<Unread> unread)
            throws IOException {
        Path path = baseDir.resolve(location).normalize();
        if (Files.isRegularFile(path)) {
            if (ModelDetector.isArchive(path)) {
                ArchiveEntries.models(path, relative(path), models, unread);
                return;
            }
            Optional<FormatTable> kind = FormatTable.detect(FileHead.of(path));
            if (kind.isEmpty()) {
                throw new ModelFormatException(location, "not a model file openaccess recognises (" + readFormats()
                        + ")");
            }
            classify(path, kind.get(), true, models, unread);
            return;
        }
        if (Files.isDirectory(path)) {
            walk(path, file -> true, models, unread);
            return;
        }
        if (Files.isSymbolicLink(path)) {
            throw new ModelFormatException(location, brokenLink(path));
        }
        if (required) {
            throw new ModelFormatException(location, "does not exist (relative to " + baseDir + ")");
        }
    }

    /** Why a symbolic link leads nowhere: it points at itself through other links, or at nothing. */
    private static String brokenLink(Path link) {
        try {
            link.toRealPath();
            return "is a symbolic link that cannot be followed";
        } catch (FileSystemException e) {
            if (e.getReason() != null && e.getReason().toLowerCase(Locale.ROOT).contains("levels")) {
                return "is a symbolic link loop: following it leads back to itself";
            }
            try {
                return "is a symbolic link to " + Files.readSymbolicLink(link) + ", which does not exist";
            } catch (IOException unreadable) {
                return "is a symbolic link that cannot be followed: " + e.getMessage();
            }
        } catch (IOException e) {
            return "is a symbolic link that cannot be followed: " + e.getMessage();
        }
    }

    private void findGlob(String pattern, List<ModelFile> models, List<Unread> unread) throws IOException {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.replace('\\', '/'));
        walk(baseDir, file -> matcher.matches(Path.of(relative(file))), models, unread);
    }

    private void walk(Path root, Predicate<Path> filter, List<ModelFile> models, List<Unread> unread)
            throws IOException {
        List<Path> files;
        // Links are followed (a model folder is often a link into a download cache); a link back to a folder above
        // it is refused as a loop rather than walked until the depth limit.
        try (Stream<Path> stream = Files.walk(root, MAX_DEPTH, FileVisitOption.FOLLOW_LINKS)) {
            files = stream.filter(Files::isRegularFile)
                    .filter(file -> !isHidden(root, file))
                    .filter(file -> excluded.stream().noneMatch(dir -> !root.startsWith(dir) && file.startsWith(dir)))
                    .filter(filter)
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof FileSystemLoopException loop) {
                throw new ModelFormatException(relative(Path.of(loop.getFile())), "is a symbolic link loop: it leads"
                        + " back to a folder that holds it");
            }
            throw e.getCause();
        }
        for (Path file : files) {
            if (ModelDetector.isArchive(file)) {
                ArchiveEntries.models(file, relative(file), models, unread);
                continue;
            }
            Optional<FormatTable> kind = FormatTable.detect(FileHead.of(file));
            if (kind.isPresent()) {
                classify(file, kind.get(), false, models, unread);
            }
        }
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

    private void classify(Path file, FormatTable kind, boolean explicit, List<ModelFile> models,
                          List<Unread> unread) throws IOException {
        ModelFile model = ModelFile.ofFile(file, relative(file), kind);
        Optional<String> why = kind.unreadBecause(false);
        if (why.isPresent()) {
            unread.add(new Unread(model, why.get()));
        } else if (kind != FormatTable.HF_CONFIG || explicit || isModelConfig(model)) {
            // A folder may hold config.json files of other tools: only model configs count, unless named.
            models.add(model);
        }
    }

    private static boolean isModelConfig(ModelFile config) throws IOException {
        return new HfConfigReader().parse(config.source()).isModelConfig();
    }

    /** The formats a reader counts, for messages: {@code safetensors, gguf, onnx, ...}. */
    private static String readFormats() {
        return Arrays.stream(FormatTable.values()).filter(row -> row.reader().isPresent())
                .map(row -> row.format().id()).distinct().collect(Collectors.joining(", "));
    }

    /** The shards a sharded model's index names are part of that model, not models of their own. */
    private static List<ModelFile> withoutIndexedShards(List<ModelFile> models) throws IOException {
        Set<String> shardPaths = new HashSet<>();
        for (ModelFile model : models) {
            if (model.isShardIndex()) {
                for (String shard : SafetensorsIndex.read(model.source()).shards()) {
                    shardPaths.add(model.sibling(shard, FormatTable.SAFETENSORS).path());
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
            if (model.kind() == FormatTable.HF_CONFIG) {
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
                    ModelFile candidate = ModelFile.ofFile(onDisk, relative(onDisk), FormatTable.HF_CONFIG);
                    config = isModelConfig(candidate) ? candidate : null;
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
     * Gives every file outside the base directory a name no other file found shares: {@code folder/name} at first,
     * one folder more at a time for the files whose names collide (two {@code .../models--A/onnx/model.onnx} and
     * {@code .../models--B/onnx/model.onnx} become {@code models--A/onnx/model.onnx} and
     * {@code models--B/onnx/model.onnx}). Files inside the base keep their relative paths, which are unique.
     */
    private Found uniquePaths(List<ModelFile> models, List<Unread> unread) {
        Map<Path, String> names = new LinkedHashMap<>();
        Stream.concat(models.stream().flatMap(model -> model.config() == null ? Stream.of(model)
                        : Stream.of(model, model.config())), unread.stream().map(Unread::file))
                .map(model -> model.file().toAbsolutePath().normalize())
                .forEach(file -> names.putIfAbsent(file, relative(file)));
        Map<Path, Integer> depth = new LinkedHashMap<>();
        for (boolean changed = true; changed; ) {
            changed = false;
            Map<String, List<Path>> byName = names.entrySet().stream().collect(Collectors.groupingBy(
                    Map.Entry::getValue, LinkedHashMap::new, Collectors.mapping(Map.Entry::getKey,
                            Collectors.toList())));
            for (List<Path> same : byName.values()) {
                if (same.size() < 2) {
                    continue;
                }
                for (Path file : same) {
                    if (file.startsWith(baseDir)) {
                        continue;
                    }
                    int components = depth.getOrDefault(file, 2) + 1;
                    if (components <= file.getNameCount()) {
                        depth.put(file, components);
                        names.put(file, tail(file, components));
                        changed = true;
                    }
                }
            }
        }
        List<ModelFile> renamedModels = models.stream().map(model -> renamed(model, names))
                .sorted(Comparator.comparing(ModelFile::path)).toList();
        List<UnreadFile> renamedUnread = unread.stream()
                .map(file -> new Unread(renamed(file.file(), names), file.reason()).entry())
                .sorted(Comparator.comparing(UnreadFile::path)).toList();
        return new Found(renamedModels, renamedUnread);
    }

    private ModelFile renamed(ModelFile model, Map<Path, String> names) {
        if (model == null) {
            return null;
        }
        Path file = model.file().toAbsolutePath().normalize();
        String old = relative(file);
        String name = names.getOrDefault(file, old);
        ModelFile config = renamed(model.config(), names);
        if (name.equals(old) && config == model.config()) {
            return model;
        }
        return model.withPath(model.path().startsWith(old) ? name + model.path().substring(old.length())
                : model.path(), config);
    }

    /** The last {@code components} names of an absolute path, {@code /}-separated. */
    private static String tail(Path absolute, int components) {
        int count = absolute.getNameCount();
        return absolute.subpath(count - Math.min(components, count), count).toString().replace('\\', '/');
    }

    /**
     * The descriptor name of a file: relative to the base directory; a file outside it is named from its own
     * folder down, so no absolute path or {@code ..} ever reaches the descriptor.
     */
    String relative(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (absolute.startsWith(baseDir)) {
            return baseDir.relativize(absolute).toString().replace('\\', '/');
        }
        return tail(absolute, 2);
    }

    private static boolean isGlob(String location) {
        return location.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }
}
