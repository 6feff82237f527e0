package dev.openaccess.maven;

import dev.openaccess.core.policy.DependencyVerdict;
import dev.openaccess.core.policy.DependencyVerdict.Status;
import dev.openaccess.core.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.RepositoryOfflineException;

/**
 * Resolves the descriptors of dependencies through Maven Resolver in one request (the resolver downloads them in
 * parallel, the local repository caching them), and tells apart a descriptor that is not published from a repository
 * that could not be asked.
 */
final class DescriptorResolver {

    static final String CLASSIFIER = "openaccess";
    static final String EXTENSION = "json";

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    DescriptorResolver(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    List<DependencyVerdict> judge(List<Artifact> dependencies, Policy policy) {
        List<ArtifactRequest> requests = new ArrayList<>();
        for (Artifact dependency : dependencies) {
            // A snapshot's descriptor is found by its base version, as deployed beside the snapshot.
            requests.add(new ArtifactRequest(new DefaultArtifact(dependency.getGroupId(), dependency.getArtifactId(),
                    CLASSIFIER, EXTENSION, dependency.getBaseVersion()), repositories, null));
        }
        List<ArtifactResult> results;
        try {
            results = system.resolveArtifacts(session, requests);
        } catch (ArtifactResolutionException e) {
            results = e.getResults();
        }
        List<DependencyVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < dependencies.size(); i++) {
            Artifact dependency = dependencies.get(i);
            ArtifactResult result = results.get(i);
            String coordinates = dependency.getGroupId() + ":" + dependency.getArtifactId() + ":"
                    + dependency.getBaseVersion();
            if (result.isResolved()) {
                verdicts.add(policy.judge(dependency.getGroupId(), dependency.getArtifactId(),
                        dependency.getBaseVersion(), dependency.getFile() == null ? null : dependency.getFile().toPath(),
                        result.getArtifact().getFile().toPath()));
            } else {
                verdicts.add(unresolved(coordinates, result.getExceptions()));
            }
        }
        return verdicts;
    }

    /** Not found anywhere is missing; a repository that failed or could not be reached is a repository failure. */
    private DependencyVerdict unresolved(String coordinates, List<Exception> exceptions) {
        for (Exception exception : exceptions) {
            if (!(exception instanceof ArtifactNotFoundException) || offline(exception)) {
                return Policy.unavailable(coordinates, Status.REPOSITORY_FAILURE, message(exception));
            }
        }
        boolean cached = exceptions.stream().anyMatch(e -> String.valueOf(e.getMessage()).contains("cached"));
        return Policy.unavailable(coordinates, Status.MISSING, "no descriptor published (classifier " + CLASSIFIER
                + ", type " + EXTENSION + ") in " + repositories.stream().map(RemoteRepository::getId)
                .reduce((a, b) -> a + ", " + b).orElse("no repository")
                + (cached ? "; the answer was cached: run with -U to ask again" : ""));
    }

    private static boolean offline(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof RepositoryOfflineException) {
                return true;
            }
        }
        return false;
    }

    private static String message(Exception exception) {
        String message = exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
