package dev.openaccess.maven;

import dev.openaccess.core.openness.PomLicenses;
import dev.openaccess.core.policy.Dependency;
import dev.openaccess.core.policy.DependencyJudge;
import dev.openaccess.core.policy.DependencyVerdict;
import dev.openaccess.core.policy.DependencyVerdict.Status;
import dev.openaccess.core.policy.DescriptorLookup;
import dev.openaccess.core.policy.Inspection;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.LocalArtifactRequest;
import org.eclipse.aether.repository.LocalRepositoryManager;

/**
 * Judges a build's dependencies: a first look at each file tells model dependencies from plain jars; the repositories
 * are asked for the model dependencies' published descriptors while their files are read; then the core judges each.
 * A descriptor found invalid or not the artifact's is dropped from the local repository so the next build asks again.
 */
final class DependencyCheck {

    static final String CLASSIFIER = "openaccess";
    static final String EXTENSION = "json";

    private final DescriptorFetcher fetcher;
    private final DependencyJudge judge;
    private final boolean requirePublished;
    private final boolean lookUpPlainDependencies;

    /**
     * @param requirePublished        whether a model dependency must publish a descriptor
     * @param lookUpPlainDependencies whether to ask for the descriptors of dependencies whose files hold no model
     */
    DependencyCheck(DescriptorFetcher fetcher, DependencyJudge judge, boolean requirePublished,
                    boolean lookUpPlainDependencies) {
        this.fetcher = fetcher;
        this.judge = judge;
        this.requirePublished = requirePublished;
        this.lookUpPlainDependencies = lookUpPlainDependencies;
    }

    /**
     * A dependency's licence as its pom, or the nearest parent that declares one, states it: a reactor module's from
     * its model, any other's from the poms in the local repository, where resolving the dependency put them. Nothing
     * is asked of a repository, so no repository can hold the check up here, nor a lock a transfer abandoned at the
     * deadline still holds.
     */
    static DependencyJudge.Licenses licensesFrom(RepositorySystemSession session, List<MavenProject> reactor) {
        LocalRepositoryManager local = session.getLocalRepositoryManager();
        return dependency -> {
            for (MavenProject module : reactor) {
                if (module.getGroupId().equals(dependency.groupId())
                        && module.getArtifactId().equals(dependency.artifactId())
                        && module.getVersion().equals(dependency.version())) {
                    return PomLicenses.expression(DescribeMojo.licenses(module.getLicenses())).orElse(null);
                }
            }
            return PomLicenses.expression(RemoteArtifacts.licenses(new DefaultArtifact(dependency.groupId(),
                    dependency.artifactId(), "", "pom", dependency.version()), pom -> {
                        File file = local.find(session, new LocalArtifactRequest(pom, null, null)).getFile();
                        return file != null && file.isFile() ? Optional.of(file.toPath()) : Optional.empty();
                    })).orElse(null);
        };
    }

    /**
     * The verdicts, one per dependency in the order given, and how many model files were read and how many
     * readings came from the cache.
     */
    record Checked(List<DependencyVerdict> verdicts, int read, int remembered, long askingMillis,
                   long readingMillis) {
    }

    Checked judge(List<Artifact> artifacts) {
        long start = System.nanoTime();
        List<Dependency> dependencies = new ArrayList<>();
        for (Artifact artifact : artifacts) {
            dependencies.add(new Dependency(artifact.getGroupId(), artifact.getArtifactId(),
                    artifact.getBaseVersion(), artifact.getArtifactHandler() == null ? artifact.getType()
                    : artifact.getArtifactHandler().getExtension(),
                    artifact.getFile() == null ? null : artifact.getFile().toPath()));
        }
        List<Inspection> surveys = SideBySide.map(dependencies, judge::survey);
        List<Integer> asked = new ArrayList<>();
        List<org.eclipse.aether.artifact.Artifact> descriptors = new ArrayList<>();
        for (int i = 0; i < artifacts.size(); i++) {
            Inspection survey = surveys.get(i);
            if (survey.holdsModels() || survey instanceof Inspection.NoFile || lookUpPlainDependencies) {
                Artifact artifact = artifacts.get(i);
                asked.add(i);
                // A snapshot's descriptor is found by its base version, as deployed beside the snapshot.
                descriptors.add(new DefaultArtifact(artifact.getGroupId(), artifact.getArtifactId(), CLASSIFIER,
                        EXTENSION, artifact.getBaseVersion()));
            }
        }
        // The repositories are asked while the model files are read.
        CompletableFuture<List<Fetch>> fetching = new CompletableFuture<>();
        long[] askingNanos = new long[1];
        Thread asking = new DaemonThreads("openaccess-descriptors").newThread(() -> {
            try {
                long begun = System.nanoTime();
                List<Fetch> answers = fetcher.fetch(descriptors);
                askingNanos[0] = System.nanoTime() - begun;
                fetching.complete(answers);
            } catch (RuntimeException | Error e) {
                fetching.completeExceptionally(e);
            }
        });
        asking.start();
        List<Integer> indexes = IntStream.range(0, dependencies.size()).boxed().toList();
        List<Inspection> inspections = SideBySide.map(indexes, i -> judge.read(dependencies.get(i), surveys.get(i)));
        long readingNanos = System.nanoTime() - start;
        List<Fetch> answers;
        try {
            answers = fetching.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        Fetch[] fetched = new Fetch[dependencies.size()];
        for (int i = 0; i < asked.size(); i++) {
            fetched[asked.get(i)] = answers.get(i);
        }
        List<DependencyVerdict> verdicts = SideBySide.map(indexes, i -> {
            Fetch fetch = fetched[i] != null ? fetched[i] : NOT_ASKED;
            DependencyVerdict verdict = judge.judge(dependencies.get(i), inspections.get(i), lookup(fetch),
                    requirePublished);
            if (fetch instanceof Fetch.Found found
                    && (verdict.status() == Status.INVALID || verdict.status() == Status.MISMATCH)) {
                verdict = verdict.withDetail(provenance(found));
            }
            return verdict;
        });
        int remembered = (int) inspections.stream()
                .filter(inspection -> inspection instanceof Inspection.Models models && models.cached()).count();
        int read = (int) inspections.stream().filter(Inspection.Models.class::isInstance).count() - remembered;
        return new Checked(verdicts, read, remembered, askingNanos[0] / 1_000_000, readingNanos / 1_000_000);
    }

    /** What a dependency whose file holds no model is told when plain dependencies are not looked up. */
    private static final Fetch NOT_ASKED = new Fetch.NotPublished("not asked for: its file holds no model"
            + " (lookUpPlainDependencies)");

    /**
     * Where a broken descriptor came from and what becomes of it: a downloaded copy is removed, so the next build asks
     * the repository again; one installed locally or built in the reactor is the user's to fix.
     */
    private String provenance(Fetch.Found found) {
        String forgotten = fetcher.forget(found);
        if (!forgotten.isEmpty()) {
            return "downloaded from " + found.origin() + ": " + forgotten;
        }
        if (found.downloaded()) {
            return "downloaded from " + found.origin() + " to " + found.file();
        }
        if ("the reactor".equals(found.origin())) {
            return "built in the reactor as " + found.file() + ": fix the module that describes it";
        }
        return "found in " + found.origin() + " as " + found.file() + ", installed there rather than downloaded:"
                + " install a corrected one, or delete it to fetch the published one";
    }

    private static DescriptorLookup lookup(Fetch fetch) {
        if (fetch instanceof Fetch.Found found) {
            return new DescriptorLookup.Found(found.file());
        }
        if (fetch instanceof Fetch.NotPublished notPublished) {
            return new DescriptorLookup.NotPublished(notPublished.detail());
        }
        return new DescriptorLookup.Unavailable(((Fetch.Failed) fetch).detail());
    }
}
