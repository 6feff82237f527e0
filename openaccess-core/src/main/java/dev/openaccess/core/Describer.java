package dev.openaccess.core;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.ModelEntry;
import dev.openaccess.core.descriptor.Requirements;
import dev.openaccess.core.descriptor.Subject;
import dev.openaccess.core.digest.DigestCache;
import dev.openaccess.core.digest.Sha256;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.EstimateSettings;
import dev.openaccess.core.estimate.ModelShape;
import dev.openaccess.core.estimate.RequirementsEstimator;
import dev.openaccess.core.descriptor.UnreadFile;
import dev.openaccess.core.format.HfConfig;
import dev.openaccess.core.format.HfConfigReader;
import dev.openaccess.core.format.ModelFacts;
import dev.openaccess.core.format.ModelFile;
import dev.openaccess.core.format.ModelFinder;
import dev.openaccess.core.format.ModelFormatException;
import dev.openaccess.core.format.ModelReader;
import dev.openaccess.core.format.ModelSource;
import dev.openaccess.core.openness.OpennessAssessor;
import dev.openaccess.core.openness.ProducerDeclarations;
import dev.openaccess.core.readiness.ReadinessAssessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Describes an artifact: finds its model files, reads them header-only, estimates requirements on the ladder and
 * assesses readiness. The one entry point the Maven plugin (or any other tool) calls.
 */
public final class Describer {

    /**
     * What to describe and under which assumptions.
     *
     * @param baseDir           paths in the descriptor are relative to it
     * @param locations         files, folders or globs holding models, relative to {@code baseDir}
     * @param locationsRequired true when the user named the locations (each must exist and hold a model)
     * @param excluded          folders that folder walks and globs do not enter from outside (the build output)
     * @param subject           the artifact; its {@code sha256} is computed here from {@code artifactFile}
     * @param artifactFile      the built artifact file, or null when there is none yet
     * @param settings          what the estimates assume (context, batch, fine-tuning, training)
     * @param digest            whether to compute SHA-256 digests (streams every byte of every file)
     * @param declarations      what the producer declares about openness, access and training; null to assess the
     *                          hardware half only (no {@code openness} or {@code access} in the descriptor)
     */
    public record Request(Path baseDir, List<String> locations, boolean locationsRequired, List<Path> excluded,
                          Subject subject,
                          Path artifactFile, EstimateSettings settings, boolean digest, HardwareCatalog catalog,
                          ProducerDeclarations declarations) {

        public Request {
            Objects.requireNonNull(baseDir, "baseDir");
            locations = List.copyOf(locations);
            excluded = List.copyOf(excluded);
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(catalog, "catalog");
        }
    }

    /**
     * The descriptor and what the readers could not account for.
     *
     * @param warnings skipped files and gaps in the estimate, in plain words, for the build log
     */
    public record Result(Descriptor descriptor, List<String> warnings) {

        public boolean hasModels() {
            return !descriptor.models().isEmpty();
        }

        /**
         * Whether anything that looks like a model was found, counted or not: a descriptor is then written, listing
         * what no reader counts, rather than "no model file found".
         */
        public boolean foundModels() {
            return hasModels() || !descriptor.unread().isEmpty();
        }
    }

    /** Exported weights match their config's formula exactly or nearly (buffers, tied heads); beyond 1% they differ. */
    private static final double MAX_CONFIG_DISAGREEMENT = 0.01;

    private final DigestCache digests;
    private final HfConfigReader configs = new HfConfigReader();

    /** A describer that hashes every file it digests. */
    public Describer() {
        this(null);
    }

    /** A describer that takes unchanged files' digests from {@code digests} (null: none). */
    public Describer(DigestCache digests) {
        this.digests = digests;
    }

    /**
     * The models a request finds, read header-only, before any estimate: what a consumer caches and checks a
     * published descriptor against.
     *
     * @param warnings files skipped and what the readers could not account for, in plain words, at most
     *                 {@link #MAX_WARNINGS} of them (each model's own are all in its notes)
     * @param unread   files that look like models but that no reader counts
     */
    public record Models(List<ModelEntry> entries, List<String> warnings, List<UnreadFile> unread) {

        public Models {
            entries = List.copyOf(entries);
            warnings = List.copyOf(warnings);
            unread = unread == null ? List.of() : List.copyOf(unread);
        }

        public Models(List<ModelEntry> entries, List<String> warnings) {
            this(entries, warnings, List.of());
        }
    }

    /**
     * Warnings a description gives at most: one per model would flood the log of a build that describes a
     * glob of 10,000 files; each model's warnings are all in its {@code notes} in the descriptor anyway.
     */
    public static final int MAX_WARNINGS = 20;

    /** Unread files named in their one warning; the descriptor's {@code unreadFiles} lists them all. */
    static final int MAX_UNREAD_NAMED = 5;

    public Result describe(Request request) throws IOException {
        Models models = readModels(request);
        List<String> warnings = new ArrayList<>(models.warnings());
        Requirements estimated = requirements(models.entries(), request.settings(), request.catalog());
        ProducerDeclarations declarations = request.declarations();
        Requirements requirements = declarations == null ? estimated
                : estimated.withDeclaredTraining(declarations.trainingHardware(), declarations.trainingEnergyKwh());
        if (requirements.assumptions().notes() != null) {
            warnings.addAll(requirements.assumptions().notes());
        }
        Descriptor descriptor = assemble(subject(request), models.entries(), models.unread(), requirements,
                declarations, request.catalog());
        return new Result(descriptor, bounded(warnings));
    }

    /** Finds the request's models and reads each header-only, digesting the files when the request says so. */
    public Models readModels(Request request) throws IOException {
        ModelFinder finder = new ModelFinder(request.baseDir(), request.excluded());
        ModelFinder.Found found = finder.find(request.locations(), request.locationsRequired());
        return readModels(found, finder.warnings(), request.digest());
    }

    /**
     * Reads models a {@link ModelFinder} found, header-only, digesting the files when asked.
     *
     * @param findingWarnings what finding them skipped, kept at the head of the result's warnings
     */
    public Models readModels(List<ModelFile> files, List<String> findingWarnings, boolean digest)
            throws IOException {
        return readModels(new ModelFinder.Found(files, List.of()), findingWarnings, digest);
    }

    /**
     * Reads the models a {@link ModelFinder} found, header-only, digesting the files when asked; the files no
     * reader counts are kept, with one warning for all of them.
     *
     * @param findingWarnings what finding them skipped, kept at the head of the result's warnings
     */
    public Models readModels(ModelFinder.Found found, List<String> findingWarnings, boolean digest)
            throws IOException {
        List<String> warnings = new ArrayList<>(findingWarnings);
        unreadWarning(found.unread()).ifPresent(warnings::add);
        List<ModelEntry> entries = new ArrayList<>();
        for (ModelFile file : found.models()) {
            ModelRead read = read(file);
            ModelFacts facts = read.facts();
            warnings.addAll(facts.warnings());
            ModelSource source = file.source();
            List<ModelEntry.Shard> shards = new ArrayList<>();
            for (ModelSource part : facts.parts()) {
                shards.add(new ModelEntry.Shard(part.path(), part.size(), digest ? digest(part) : null));
            }
            entries.add(new ModelEntry(file.path(), facts.format().id(), source.size(),
                    digest ? digest(source) : null, read.configPath(), facts.architecture(),
                    facts.parameters(), facts.weightsBytes(), facts.tensors(), facts.metadata(), facts.warnings(),
                    shards, facts.loading(), facts.tensorLayout()));
        }
        return new Models(entries, bounded(warnings), found.unread());
    }

    /**
     * The one warning for all the files that look like models but that no reader counts: the first few by name,
     * how many there are of each format, and that the totals leave them out.
     */
    static Optional<String> unreadWarning(List<UnreadFile> unread) {
        if (unread.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Long> byFormat = unread.stream().collect(Collectors.groupingBy(UnreadFile::format, TreeMap::new,
                Collectors.counting()));
        String named = unread.stream().limit(MAX_UNREAD_NAMED).map(file -> file.path() + " (" + file.format() + ")")
                .collect(Collectors.joining(", "));
        return Optional.of(unread.size() + (unread.size() == 1 ? " file looks" : " files look") + " like a model"
                + " but no reader counts " + (unread.size() == 1 ? "it" : "them") + " ("
                + byFormat.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")) + "): " + named
                + (unread.size() > MAX_UNREAD_NAMED ? " and " + (unread.size() - MAX_UNREAD_NAMED) + " more" : "")
                + ". The parameter counts and requirements leave " + (unread.size() == 1 ? "it" : "them")
                + " out; the descriptor lists " + (unread.size() == 1 ? "it" : "them all") + " in unreadFiles");
    }

    /** At most {@link #MAX_WARNINGS} warnings, then one saying how many more there are and where. */
    static List<String> bounded(List<String> warnings) {
        if (warnings.size() <= MAX_WARNINGS) {
            return warnings;
        }
        List<String> shown = new ArrayList<>(warnings.subList(0, MAX_WARNINGS));
        shown.add("and " + (warnings.size() - MAX_WARNINGS) + " more warnings: every model's are in its notes in the"
                + " descriptor");
        return shown;
    }

    /**
     * The descriptor of {@code models} with these requirements: openness and access assessed from the declarations
     * (none when they are null), readiness from both halves.
     */
    public static Descriptor assemble(Subject subject, List<ModelEntry> models, Requirements requirements,
                                      ProducerDeclarations declarations, HardwareCatalog catalog)
            throws ModelFormatException {
        return assemble(subject, models, List.of(), requirements, declarations, catalog);
    }

    /**
     * The descriptor of {@code models} and of the files no reader counts ({@code unread}) with these requirements:
     * openness and access assessed from the declarations (none when they are null), readiness from both halves and
     * from what loading the models does.
     */
    public static Descriptor assemble(Subject subject, List<ModelEntry> models, List<UnreadFile> unread,
                                      Requirements requirements, ProducerDeclarations declarations,
                                      HardwareCatalog catalog) throws ModelFormatException {
        ReadinessAssessor readinessAssessor = new ReadinessAssessor(catalog);
        try {
            if (declarations == null) {
                return new Descriptor(Descriptor.SCHEMA_VERSION, subject, Generators.openaccess(), models,
                        requirements, null, null, readinessAssessor.assess(requirements, models), unread);
            }
            OpennessAssessor.Result openness = new OpennessAssessor().assess(declarations, subject.groupId()
                    + ":" + subject.artifactId() + ":" + subject.version(), !models.isEmpty() || !unread.isEmpty());
            return new Descriptor(Descriptor.SCHEMA_VERSION, subject, Generators.openaccess(), models,
                    requirements, openness.openness(), openness.access(),
                    readinessAssessor.assess(requirements, models, openness.openness(), openness.access()), unread);
        } catch (ArithmeticException e) {
            throw overflow(models.stream().map(ModelShape::of).toList());
        }
    }

    /**
     * The requirements of {@code models} under these settings. The estimates count bytes in 64 bits with exact
     * arithmetic. Real models stay far below that; a file whose declared shapes (dtypes the formats do not size,
     * hyperparameters near 2^31) overflow it is refused, naming it.
     */
    public static Requirements requirements(List<ModelEntry> models, EstimateSettings settings,
                                            HardwareCatalog catalog) throws ModelFormatException {
        List<ModelShape> shapes = models.stream().map(ModelShape::of).toList();
        RequirementsEstimator estimator = new RequirementsEstimator(catalog);
        try {
            return estimator.estimate(shapes, settings);
        } catch (ArithmeticException e) {
            // Found by fuzzing: a small GGUF in a jar whose declared counts overflowed the byte count of a quantized
            // variant. Name the model that overflows on its own, if one does; else it is their sum.
            for (ModelShape shape : shapes) {
                try {
                    estimator.estimate(List.of(shape), settings);
                } catch (ArithmeticException alone) {
                    throw overflow(List.of(shape));
                }
            }
            throw overflow(shapes);
        }
    }

    private static ModelFormatException overflow(List<ModelShape> shapes) {
        String paths = shapes.stream().map(ModelShape::path).collect(Collectors.joining(", "));
        return new ModelFormatException(paths, (shapes.size() == 1 ? "declares" : "together declare")
                + " more parameters or bytes than a 64-bit estimate can count: not a real model");
    }

    /** A model's facts and the config.json that supplied its architecture if one did. */
    private record ModelRead(ModelFacts facts, String configPath) {
    }

    /** Reads a model with its row's reader: the format table says which. */
    private ModelRead read(ModelFile file) throws IOException {
        ModelReader reader = file.kind().reader().orElseThrow(() -> new IllegalStateException(file.path()
                + ": found as a model though no reader counts " + file.format().id()));
        return withConfig(file, reader.read(file.source()));
    }

    private ModelRead withConfig(ModelFile file, ModelFacts facts) throws IOException {
        if (file.config() == null || facts.architecture() != null) {
            // A format that declares its own architecture (GGUF) is its own authority; a config.json completes
            // only weights that carry none (safetensors).
            return new ModelRead(facts, null);
        }
        HfConfig config = configs.parse(file.config().source());
        ModelFacts paired = facts.withArchitecture(configs.architecture(config));
        Optional<Long> declared = configs.parameterCount(config);
        long counted = facts.parameters().total();
        if (declared.isPresent() && Math.abs(declared.get() - counted) > MAX_CONFIG_DISAGREEMENT * declared.get()) {
            paired = paired.withWarning(file.path() + ": the weights hold " + counted + " parameters but "
                    + file.configPath() + " describes a model of " + declared.get() + " ("
                    + String.format(Locale.ROOT, "%.1f", 100.0 * (counted - declared.get()) / declared.get())
                    + "%): they may not belong together; the counts are the weights', the architecture the config's");
        }
        return new ModelRead(paired, file.configPath());
    }

    /**
     * A source's digest, checked against the file (or archive) it comes from, and remembered by it when there is a
     * cache. Every source here has one: the models found, and the parts readers find with {@link ModelSource#resolve}.
     */
    private String digest(ModelSource source) throws IOException {
        ModelFile origin = Objects.requireNonNull(source.origin(), () -> source.path() + ": a part with no file");
        return digests == null ? Sha256.of(origin.file(), source)
                : digests.sha256(origin.file(), origin.entry(), source);
    }

    private Subject subject(Request request) throws IOException {
        Subject subject = request.subject();
        Path artifact = request.artifactFile();
        if (!request.digest() || artifact == null || !Files.isRegularFile(artifact)) {
            return subject;
        }
        return new Subject(subject.groupId(), subject.artifactId(), subject.version(), subject.packaging(),
                digests == null ? Sha256.of(artifact) : digests.sha256(artifact));
    }
}
