package dev.openaccess.maven;

import java.util.List;
import javax.inject.Inject;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;

/**
 * Checks the AI artifacts this project depends on: resolves the access-readiness descriptor published beside each
 * dependency (classifier {@code openaccess}, type {@code json}) from the project's repositories, judges it against
 * the policy set here, writes {@code target/openaccess-dependencies.json}, prints a table, and fails the build on a
 * violation, a descriptor that is broken or not the dependency's, or a repository that could not be asked.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public class CheckMojo extends AbstractCheckMojo {

    @Inject
    public CheckMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    protected List<Artifact> artifacts() {
        return dependencies(List.of(project));
    }
}
