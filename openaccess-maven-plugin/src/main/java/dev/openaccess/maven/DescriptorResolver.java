package dev.openaccess.maven;

import dev.openaccess.core.descriptor.DescriptorJson;
import dev.openaccess.core.policy.DependencyVerdict;
import dev.openaccess.core.policy.DependencyVerdict.Status;
import dev.openaccess.core.policy.Policy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Resolves the descriptors of dependencies through a {@link DescriptorFetcher} (in parallel, within one deadline,
 * the local repository caching them) and judges each against the policy; tells apart a descriptor that is not
 * published from a repository that could not be asked, and removes a downloaded descriptor that is invalid or not
 * the dependency's, so that the next build asks for it again.
 */
final class DescriptorResolver {

    static final String CLASSIFIER = "openaccess";
    static final String EXTENSION = "json";

    private final DescriptorFetcher fetcher;

    /** @param resolveTimeout how long resolving all descriptors together may take */
    DescriptorResolver(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories,
                       Duration resolveTimeout) {
        this.fetcher = new DescriptorFetcher(system, session, repositories, resolveTimeout,
                DescriptorJson.MAX_DOCUMENT_BYTES);
    }

    List<DependencyVerdict> judge(List<Artifact> dependencies, Policy policy) {
        List<org.eclipse.aether.artifact.Artifact> descriptors = new ArrayList<>();
        for (Artifact dependency : dependencies) {
            // A snapshot's descriptor is found by its base version, as deployed beside the snapshot.
            descriptors.add(new DefaultArtifact(dependency.getGroupId(), dependency.getArtifactId(), CLASSIFIER,
                    EXTENSION, dependency.getBaseVersion()));
        }
        List<Fetch> fetches = fetcher.fetch(descriptors);
        List<DependencyVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < dependencies.size(); i++) {
            Artifact dependency = dependencies.get(i);
            Fetch fetch = fetches.get(i);
            String coordinates = dependency.getGroupId() + ":" + dependency.getArtifactId() + ":"
                    + dependency.getBaseVersion();
            if (fetch instanceof Fetch.Found found) {
                verdicts.add(judge(dependency, found, policy));
            } else if (fetch instanceof Fetch.NotPublished notPublished) {
                verdicts.add(Policy.unavailable(coordinates, Status.MISSING, notPublished.detail()));
            } else if (fetch instanceof Fetch.Failed failed) {
                verdicts.add(Policy.unavailable(coordinates, Status.REPOSITORY_FAILURE, failed.detail()));
            }
        }
        return verdicts;
    }

    /** The policy's verdict; for a broken descriptor, where it came from and what becomes of the cached copy. */
    private DependencyVerdict judge(Artifact dependency, Fetch.Found found, Policy policy) {
        DependencyVerdict verdict = policy.judge(dependency.getGroupId(), dependency.getArtifactId(),
                dependency.getBaseVersion(), dependency.getFile() == null ? null : dependency.getFile().toPath(),
                found.file());
        if (verdict.status() != Status.INVALID && verdict.status() != Status.MISMATCH) {
            return verdict;
        }
        String forgotten = fetcher.forget(found);
        String provenance;
        if (!forgotten.isEmpty()) {
            provenance = "downloaded from " + found.origin() + ": " + forgotten;
        } else if (found.downloaded()) {
            provenance = "downloaded from " + found.origin() + " to " + found.file();
        } else if ("the reactor".equals(found.origin())) {
            provenance = "built in the reactor as " + found.file() + ": fix the module that describes it";
        } else {
            provenance = "found in " + found.origin() + " as " + found.file() + ", installed there rather than"
                    + " downloaded: install a corrected one, or delete it to fetch the published one";
        }
        return new DependencyVerdict(verdict.artifact(), verdict.status(), verdict.detail() + "; " + provenance,
                verdict.summary(), verdict.violations());
    }
}
