package dev.openaccess.maven;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.RepositoryOfflineException;

/** Placeholder until the hostile-repository work lands: resolves descriptors in one request. */
final class DescriptorFetcher {

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    DescriptorFetcher(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories,
                      Duration deadline, long maxBytes) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    List<Fetch> fetch(List<Artifact> descriptors) {
        List<ArtifactRequest> requests = new ArrayList<>();
        for (Artifact descriptor : descriptors) {
            requests.add(new ArtifactRequest(descriptor, repositories, null));
        }
        List<ArtifactResult> results;
        try {
            results = system.resolveArtifacts(session, requests);
        } catch (ArtifactResolutionException e) {
            results = e.getResults();
        }
        List<Fetch> fetched = new ArrayList<>();
        for (ArtifactResult result : results) {
            if (result.isResolved()) {
                fetched.add(new Fetch.Found(result.getArtifact().getFile().toPath(),
                        String.valueOf(result.getRepository()), false));
            } else {
                fetched.add(unresolved(result.getExceptions()));
            }
        }
        return fetched;
    }

    String forget(Fetch.Found found) {
        return "";
    }

    private Fetch unresolved(List<Exception> exceptions) {
        for (Exception exception : exceptions) {
            if (!(exception instanceof ArtifactNotFoundException) || offline(exception)) {
                return new Fetch.Failed(String.valueOf(exception.getMessage()).replaceAll("\\s+", " ").trim());
            }
        }
        boolean cached = exceptions.stream().anyMatch(e -> String.valueOf(e.getMessage()).contains("cached"));
        return new Fetch.NotPublished("no descriptor published (classifier openaccess, type json) in "
                + repositories.stream().map(RemoteRepository::getId).reduce((a, b) -> a + ", " + b)
                .orElse("no repository") + (cached ? "; the answer was cached: run with -U to ask again" : ""));
    }

    private static boolean offline(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof RepositoryOfflineException) {
                return true;
            }
        }
        return false;
    }
}
