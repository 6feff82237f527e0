package dev.openaccess.core.policy;

import dev.openaccess.core.Describer;
import dev.openaccess.core.descriptor.Assumptions;
import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.DescriptorException;
import dev.openaccess.core.descriptor.DescriptorJson;
import dev.openaccess.core.descriptor.ModelEntry;
import dev.openaccess.core.descriptor.Readiness;
import dev.openaccess.core.descriptor.Requirements;
import dev.openaccess.core.descriptor.Subject;
import dev.openaccess.core.descriptor.Training;
import dev.openaccess.core.digest.DigestCache;
import dev.openaccess.core.digest.Sha256;
import dev.openaccess.core.estimate.EstimateSettings;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.format.ModelDetector;
import dev.openaccess.core.format.ModelFile;
import dev.openaccess.core.format.ModelFinder;
import dev.openaccess.core.format.ModelFormatException;
import dev.openaccess.core.openness.ProducerDeclarations;
import dev.openaccess.core.policy.DependencyVerdict.Assumed;
import dev.openaccess.core.policy.DependencyVerdict.ModelLine;
import dev.openaccess.core.policy.DependencyVerdict.Source;
import dev.openaccess.core.policy.DependencyVerdict.Status;
import dev.openaccess.core.policy.DependencyVerdict.Violation;
import dev.openaccess.core.policy.DescriptorLookup.Found;
import dev.openaccess.core.policy.DescriptorLookup.NotPublished;
import dev.openaccess.core.policy.Inspection.Models;
import dev.openaccess.core.policy.Inspection.NoFile;
import dev.openaccess.core.policy.Inspection.NoModel;
import dev.openaccess.core.policy.Inspection.Unreadable;
import dev.openaccess.core.readiness.ReadinessAssessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The consumer's judgement of one dependency. Its own file is read first (header-only, remembered by digest), so
 * that every model dependency gets a verdict whether or not its producer published a descriptor:
 * <ul>
 *   <li>a published descriptor is a claim: it must describe this artifact (coordinates, SHA-256), and what the file
 *       itself shows (its models, their parameter counts by dtype, weight bytes, architecture) must agree with it;
 *   <li>without one, the dependency is described from its file, its licence taken from its pom;
 *   <li>either way the requirements are estimated at the consumer's own assumptions and hardware catalog, from the
 *       models' facts, and judged against the policy.
 * </ul>
 * A file that holds no model and publishes no descriptor is {@code no-model}, judged by nobody and warned of never.
 * No field of a descriptor is used to build a path or a URL.
 */
public final class DependencyJudge {

    private final Policy policy;
    private final EstimateSettings settings;
    private final HardwareCatalog catalog;
    private final DigestCache digests;
    private final ReadingCache readings;
    private final Licenses licenses;

    /** How the consumer learns a dependency's licence. */
    @FunctionalInterface
    public interface Licenses {
        /**
         * The licence the dependency's pom (or the nearest parent declaring one) states, as an SPDX expression; null
         * when none is known.
         */
        String of(Dependency dependency);
    }

    /**
     * @param settings  the consumer's assumptions (its context, batch, KV cache, fine-tuning)
     * @param catalog   the consumer's hardware
     * @param digests   digests remembered between builds, or null to hash every file
     * @param readings  readings remembered between builds, or null to read every file
     * @param licenses  how to learn a dependency's licence, asked only of dependencies described from their files
     */
    public DependencyJudge(Policy policy, EstimateSettings settings, HardwareCatalog catalog, DigestCache digests,
                           ReadingCache readings, Licenses licenses) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.digests = digests;
        this.readings = readings;
        this.licenses = Objects.requireNonNull(licenses, "licenses");
    }

    /**
     * Reads the dependency's file: whether it holds models and which ({@link #survey}, then {@link #read}).
     */
    public Inspection inspect(Dependency dependency) {
        return read(dependency, survey(dependency));
    }

    /**
     * A first, cheap look at the dependency's file: whether it holds models. Plain jars are told from their central
     * directory (entry names and the magic of the few entries named like models), never by inflating the rest; a
     * file read before, unchanged, is answered from the caches without being opened. A file whose models are still
     * to be read gives {@link Inspection.ToRead}.
     */
    public Inspection survey(Dependency dependency) {
        Path file = dependency.file();
        if (file == null) {
            return new NoFile("the build resolved no file for it");
        }
        if (!Files.exists(file)) {
            return new NoFile(file.getFileName() + " does not exist");
        }
        try {
            boolean plainFile = Files.isRegularFile(file);
            if (plainFile && digests != null && readings != null) {
                Optional<Models> remembered = digests.cached(file).flatMap(this::remembered);
                if (remembered.isPresent()) {
                    return remembered.get();
                }
            }
            if (plainFile && !ModelDetector.isArchive(file) && ModelDetector.detect(file).isEmpty()) {
                return new NoModel("not a model file or an archive (.jar, .zip) of models");
            }
            ModelFinder finder = new ModelFinder(file.toAbsolutePath().getParent());
            ModelFinder.Found found = finder.find(List.of(file.getFileName().toString()), false);
            if (found.isEmpty()) {
                return new NoModel(finder.warnings().isEmpty() ? "no model file inside"
                        : "no model file it can read inside (" + String.join("; ", finder.warnings()) + ")");
            }
            return new Inspection.ToRead(found, finder.warnings());
        } catch (ModelFormatException e) {
            return new Unreadable(e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return new Unreadable("cannot read " + file.getFileName() + ": " + e.getMessage());
        }
    }

    /**
     * Reads the models a {@link #survey} found, header-only, and remembers the reading by the file's digest; any
     * other survey is returned as it is.
     */
    public Inspection read(Dependency dependency, Inspection survey) {
        if (!(survey instanceof Inspection.ToRead toRead)) {
            return survey;
        }
        Path file = dependency.file();
        try {
            String sha256 = Files.isRegularFile(file) ? (digests == null ? Sha256.of(file) : digests.sha256(file))
                    : null;
            if (sha256 != null) {
                Optional<Models> remembered = remembered(sha256);
                if (remembered.isPresent()) {
                    return remembered.get();
                }
            }
            Describer.Models models = new Describer().readModels(toRead.found(), toRead.warnings(), false);
            if (models.entries().isEmpty() && models.unread().isEmpty()) {
                return new NoModel("no model file inside");
            }
            if (sha256 != null && readings != null) {
                readings.put(sha256, models.entries(), models.warnings(), models.unread());
            }
            return new Models(sha256, models.entries(), models.warnings(), false, models.unread());
        } catch (ModelFormatException e) {
            return new Unreadable(e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return new Unreadable("cannot read " + file.getFileName() + ": " + e.getMessage());
        }
    }

    private Optional<Models> remembered(String sha256) {
        return readings == null ? Optional.empty() : readings.get(sha256)
                .map(entry -> new Models(sha256, entry.models(), entry.warnings(), true, entry.unreadFiles()));
    }

    /**
     * The verdict on a dependency from what its file holds and what the repositories answered.
     *
     * @param requirePublished whether a model dependency must publish a descriptor ({@code missing} otherwise)
     */
    public DependencyVerdict judge(Dependency dependency, Inspection inspection, DescriptorLookup lookup,
                                   boolean requirePublished) {
        String coordinates = dependency.coordinates();
        if (inspection instanceof Inspection.ToRead) {
            throw new IllegalArgumentException(coordinates + ": its models were found but not read: read() them first");
        }
        if (inspection instanceof Unreadable unreadable) {
            return DependencyVerdict.of(coordinates, Status.INVALID, "cannot read its model: "
                    + unreadable.message());
        }
        if (lookup instanceof Found found) {
            return published(dependency, inspection, found);
        }
        if (inspection instanceof NoModel noModel) {
            DependencyVerdict verdict = DependencyVerdict.of(coordinates, Status.NO_MODEL, noModel.why());
            return lookup instanceof NotPublished ? verdict : new DependencyVerdict(coordinates, Status.NO_MODEL,
                    null, noModel.why(), null, null, List.of(), null, null, null,
                    List.of("the repositories could not be asked for a published descriptor: " + detail(lookup)));
        }
        if (inspection instanceof NoFile noFile) {
            return DependencyVerdict.of(coordinates, lookup instanceof NotPublished ? Status.MISSING
                    : Status.REPOSITORY_FAILURE, detail(lookup) + "; " + noFile.why());
        }
        Models models = (Models) inspection;
        if (models.models().isEmpty()) {
            // It looks like a model (OpenNLP's jars), so it is not no-model; nothing was counted, so it is no pass.
            DependencyVerdict unread = new DependencyVerdict(coordinates, Status.UNREAD, Source.COMPUTED,
                    unreadWords(models) + ": its requirements and the policy could not be judged", models.sha256(),
                    null, List.of(), null, null, null, List.of("it looks like a model: " + unreadList(models)));
            if (lookup instanceof NotPublished notPublished) {
                return requirePublished ? unjudged(unread, Status.MISSING, notPublished.detail()) : unread;
            }
            return unjudged(unread, Status.REPOSITORY_FAILURE, detail(lookup));
        }
        DependencyVerdict computed = computed(dependency, models);
        if (!models.unread().isEmpty()) {
            computed = computed.withNote(unreadWords(models) + ": the figures leave "
                    + (models.unread().size() == 1 ? "it" : "them") + " out (" + unreadList(models) + ")");
        }
        if (lookup instanceof NotPublished notPublished) {
            return requirePublished ? unjudged(computed, Status.MISSING, notPublished.detail()) : computed;
        }
        return unjudged(computed, Status.REPOSITORY_FAILURE, detail(lookup)).withNote("the figures shown are computed"
                + " from the file; the policy was not applied while a published descriptor may exist");
    }

    /** Unread files named at most in a verdict's note; the computed descriptor lists them all. */
    static final int MAX_UNREAD_NAMED = 5;

    private static String unreadWords(Models models) {
        int count = models.unread().size();
        return count + (count == 1 ? " file looks" : " files look") + " like a model but no reader counts "
                + (count == 1 ? "it" : "them");
    }

    private static String unreadList(Models models) {
        List<String> named = models.unread().stream().limit(MAX_UNREAD_NAMED)
                .map(file -> file.path() + " (" + file.format() + ": " + file.reason() + ")").toList();
        return String.join("; ", named) + (models.unread().size() > MAX_UNREAD_NAMED ? "; and "
                + (models.unread().size() - MAX_UNREAD_NAMED) + " more" : "");
    }

    private static String detail(DescriptorLookup lookup) {
        if (lookup instanceof NotPublished notPublished) {
            return notPublished.detail();
        }
        return ((DescriptorLookup.Unavailable) lookup).detail();
    }

    /** The computed figures, kept for the report, under a status that judged nothing. */
    private static DependencyVerdict unjudged(DependencyVerdict computed, Status status, String detail) {
        if (computed.status() == Status.INVALID) {
            return computed;
        }
        return new DependencyVerdict(computed.artifact(), status, computed.source(), detail, computed.sha256(),
                computed.summary(), List.of(), computed.models(), computed.assumptions(), null, computed.notes());
    }

    /** Describes the dependency from its own file, as the producer would have with the pom's licence. */
    private DependencyVerdict computed(Dependency dependency, Models models) {
        String coordinates = dependency.coordinates();
        try {
            Subject subject = subject(dependency, models.sha256());
            Requirements requirements = Describer.requirements(models.models(), settings, catalog);
            Descriptor descriptor = Describer.assemble(subject, models.models(), models.unread(), requirements,
                    new ProducerDeclarations(List.of(), List.of(), licenses.of(dependency), false, true, null,
                            null), catalog);
            return verdict(coordinates, Source.COMPUTED, models.sha256(), descriptor, null, models.warnings());
        } catch (ModelFormatException e) {
            return DependencyVerdict.of(coordinates, Status.INVALID, "cannot estimate its model: " + e.getMessage());
        }
    }

    private DependencyVerdict published(Dependency dependency, Inspection inspection, Found found) {
        String coordinates = dependency.coordinates();
        String source = coordinates + " descriptor"; // where it came from is the caller's to add
        Descriptor descriptor;
        try {
            long size = Files.size(found.file());
            if (size > DescriptorJson.MAX_DOCUMENT_BYTES) {
                return invalid(coordinates, source + ": " + size + " bytes, more than the "
                        + DescriptorJson.MAX_DOCUMENT_BYTES + " a descriptor may have");
            }
            try (InputStream in = Files.newInputStream(found.file())) {
                descriptor = DescriptorJson.read(in, source);
            }
        } catch (DescriptorException e) {
            return invalid(coordinates, e.getMessage());
        } catch (IOException e) {
            return invalid(coordinates, source + ": cannot read " + found.file() + ": " + e.getMessage());
        }
        Subject subject = descriptor.subject();
        if (!subject.groupId().equals(dependency.groupId()) || !subject.artifactId().equals(dependency.artifactId())
                || !subject.version().equals(dependency.version())) {
            return mismatch(coordinates, "the descriptor describes " + subject.groupId() + ":" + subject.artifactId()
                    + ":" + subject.version() + ", not the artifact it is published beside");
        }
        String sha256;
        try {
            sha256 = digest(dependency, inspection);
        } catch (IOException e) {
            return mismatch(coordinates, "cannot read " + dependency.file().getFileName() + " to compare its digest: "
                    + e.getMessage());
        }
        if (subject.sha256() != null && sha256 != null && !sha256.equals(subject.sha256())) {
            return mismatch(coordinates, "the descriptor describes an artifact with SHA-256 " + subject.sha256()
                    + ", but " + dependency.file().getFileName() + " has " + sha256);
        }
        List<String> notes = new ArrayList<>();
        if (inspection instanceof Models models) {
            FactsCheck.Result facts = FactsCheck.compare(descriptor.models(), models.models());
            if (!facts.differences().isEmpty()) {
                return mismatch(coordinates, "the descriptor contradicts the file: "
                        + String.join("; ", facts.differences()));
            }
            notes.addAll(facts.notes());
            notes.addAll(models.warnings());
            descriptor = new Descriptor(descriptor.schemaVersion(), descriptor.subject(), descriptor.generator(),
                    facts.withOwnLoading(descriptor.models()), descriptor.requirements(), descriptor.openness(),
                    descriptor.access(), descriptor.readiness(), descriptor.unreadFiles());
        } else if (!descriptor.models().isEmpty()) {
            notes.add(inspection instanceof NoFile noFile ? noFile.why() + ": the descriptor's models are judged as"
                    + " claimed, not verified" : "the file holds no model: the descriptor's " + descriptor.models()
                    .size() + (descriptor.models().size() == 1 ? " model is" : " models are")
                    + " judged as claimed, not verified");
        }
        try {
            return verdict(coordinates, Source.PUBLISHED, sha256, reestimate(descriptor),
                    assumed(descriptor.requirements().assumptions()), notes);
        } catch (ModelFormatException e) {
            return invalid(coordinates, source + ": " + e.getMessage());
        }
    }

    private String digest(Dependency dependency, Inspection inspection) throws IOException {
        if (inspection instanceof Models models) {
            return models.sha256();
        }
        Path file = dependency.file();
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        return digests == null ? Sha256.of(file) : digests.sha256(file);
    }

    /**
     * The published descriptor at the consumer's assumptions and catalog: its requirements estimated anew from its
     * models' facts (the training tokens, hardware and energy the producer declares kept), its readiness assessed
     * anew; its openness and access as published.
     */
    Descriptor reestimate(Descriptor published) throws ModelFormatException {
        Training declared = published.requirements().training();
        EstimateSettings at = declared == null || declared.tokens() == null ? settings
                : settings.withTraining(declared.tokens(), settings.trainingUtilization(), settings.maxTrainingDays());
        Requirements requirements = Describer.requirements(published.models(), at, catalog);
        if (declared != null) {
            requirements = requirements.withDeclaredTraining(declared.hardware(), declared.energyKwh());
        }
        ReadinessAssessor assessor = new ReadinessAssessor(catalog);
        try {
            Readiness readiness = published.openness() != null && published.access() != null
                    ? assessor.assess(requirements, published.models(), published.openness(), published.access())
                    : assessor.assess(requirements, published.models());
            return new Descriptor(published.schemaVersion(), published.subject(), published.generator(),
                    published.models(), requirements, published.openness(), published.access(), readiness,
                    published.unreadFiles());
        } catch (ArithmeticException e) {
            throw new ModelFormatException("the descriptor's models", "declare more parameters or bytes than a"
                    + " 64-bit estimate can count");
        }
    }

    private DependencyVerdict verdict(String coordinates, Source source, String sha256, Descriptor judged,
                                      Assumed producer, List<String> notes) {
        List<Violation> violations = policy.violations(judged);
        Assumed consumer = assumed(judged.requirements().assumptions());
        return new DependencyVerdict(coordinates, violations.isEmpty() ? Status.PASS : Status.VIOLATION, source,
                null, sha256, Policy.summary(judged), violations, lines(judged.models()), consumer,
                producer == null || producer.equals(consumer) ? null : producer, notes);
    }

    private static Assumed assumed(Assumptions assumptions) {
        return new Assumed(assumptions.contextLength(), assumptions.batchSize(), assumptions.kvCacheDtype(),
                assumptions.hardwareCatalog(), assumptions.runtime());
    }

    private static List<ModelLine> lines(List<ModelEntry> models) {
        return models.stream().map(model -> new ModelLine(model.path(), model.format(), model.parameters().total(),
                model.parameters().exact(), model.weightsBytes())).toList();
    }

    private static DependencyVerdict invalid(String coordinates, String detail) {
        return new DependencyVerdict(coordinates, Status.INVALID, Source.PUBLISHED, detail, null, null, List.of(),
                null, null, null, null);
    }

    private static DependencyVerdict mismatch(String coordinates, String detail) {
        return new DependencyVerdict(coordinates, Status.MISMATCH, Source.PUBLISHED, detail, null, null, List.of(),
                null, null, null, null);
    }

    private static Subject subject(Dependency dependency, String sha256) {
        return new Subject(dependency.groupId(), dependency.artifactId(), dependency.version(),
                dependency.extension(), sha256);
    }
}
