package dev.openaccess.maven;

import java.util.List;
import javax.inject.Inject;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;

/**
 * Checks the dependencies of every project of the reactor at once: one report and one table for the whole build,
 * written to the top project's {@code target/openaccess-dependencies.json}. Run it after the build's phases, so that
 * under {@code -T} it starts when every module is done: {@code mvn -T 4 verify openaccess:check-aggregate}.
 */
@Mojo(name = "check-aggregate", aggregator = true, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public class CheckAggregateMojo extends AbstractCheckMojo {

    @Inject
    public CheckAggregateMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    protected List<Artifact> artifacts() {
        return dependencies(session.getProjects());
    }
}
