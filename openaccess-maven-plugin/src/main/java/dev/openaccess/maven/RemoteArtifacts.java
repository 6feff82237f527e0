package dev.openaccess.maven;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Resolves an artifact named by coordinates through Maven Resolver, from the repositories the build knows
 * (mirrors, proxies and credentials from the user's settings apply), with the local repository as the cache.
 */
final class RemoteArtifacts {

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    RemoteArtifacts(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    /** {@code groupId:artifactId:version[:classifier]}, a jar. */
    static Artifact parse(String coordinates) throws MojoExecutionException {
        String[] parts = coordinates.trim().split(":", -1);
        boolean blank = Arrays.stream(parts).anyMatch(String::isBlank);
        if (parts.length < 3 || parts.length > 4 || blank) {
            throw new MojoExecutionException("openaccess: openaccess.artifact '" + coordinates
                    + "' is not groupId:artifactId:version[:classifier]");
        }
        return new DefaultArtifact(parts[0], parts[1], parts.length == 4 ? parts[3] : "", "jar", parts[2]);
    }

    /** The artifact's file in the local repository, downloaded first if needed. */
    Artifact resolve(Artifact artifact) throws MojoExecutionException {
        try {
            return system.resolveArtifact(session, new ArtifactRequest(artifact, repositories, null)).getArtifact();
        } catch (ArtifactResolutionException e) {
            String where = repositories.stream().map(r -> r.getId() + " (" + r.getUrl() + ")")
                    .collect(Collectors.joining(", "));
            throw new MojoExecutionException("openaccess: cannot resolve " + artifact + (session.isOffline()
                    ? " offline from the local repository" : " from " + where) + ": " + e.getMessage(), e);
        }
    }
}
