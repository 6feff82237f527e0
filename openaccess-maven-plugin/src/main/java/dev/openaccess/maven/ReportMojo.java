package dev.openaccess.maven;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.DescriptorException;
import dev.openaccess.core.descriptor.DescriptorJson;
import dev.openaccess.core.estimate.HardwareCatalog;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.AbstractMavenReport;
import org.apache.maven.reporting.MavenReportException;

/**
 * Adds an "Access readiness" page to the project's site: the descriptor written by {@code describe} in readable
 * tables with a chart (inline SVG, no script) of the memory each task needs against each hardware profile, and,
 * when {@code check} ran, the dependencies' verdicts. Run {@code describe} (and {@code check}) before {@code site}:
 * {@code mvn verify site}.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.SITE, threadSafe = true)
public class ReportMojo extends AbstractMavenReport {

    /** The descriptor {@code describe} wrote. */
    @Parameter(property = "openaccess.outputFile", defaultValue = "${project.build.directory}/openaccess.json")
    private File descriptorFile;

    /** The report {@code check} wrote. */
    @Parameter(property = "openaccess.dependenciesFile",
            defaultValue = "${project.build.directory}/openaccess-dependencies.json")
    private File dependenciesFile;

    /** A hardware catalog replacing the default one, as for {@code describe} and {@code check}. */
    @Parameter(property = "openaccess.hardwareCatalog")
    private File hardwareCatalog;

    /** Profiles added to the hardware catalog, as for {@code describe} and {@code check}. */
    @Parameter
    private List<HardwareProfileConfig> hardwareProfiles;

    @Override
    public String getOutputName() {
        return "openaccess";
    }

    @Override
    public String getName(Locale locale) {
        return "Access readiness";
    }

    @Override
    public String getDescription(Locale locale) {
        return "What it takes to run, fine-tune and retrain this project's AI models, how open they are, and how"
                + " its AI dependencies fare.";
    }

    @Override
    public boolean canGenerateReport() {
        return descriptorFile.isFile() || dependenciesFile.isFile();
    }

    @Override
    protected void executeReport(Locale locale) throws MavenReportException {
        Descriptor descriptor = null;
        if (descriptorFile.isFile()) {
            try (InputStream in = Files.newInputStream(descriptorFile.toPath())) {
                descriptor = DescriptorJson.read(in, descriptorFile.getName());
            } catch (IOException | DescriptorException e) {
                throw new MavenReportException("openaccess: cannot read " + descriptorFile + ": " + e.getMessage(), e);
            }
        }
        HardwareCatalog catalog;
        try {
            catalog = HardwareConfiguration.catalog(project.getBasedir().toPath(), hardwareCatalog, hardwareProfiles);
        } catch (MojoExecutionException e) {
            throw new MavenReportException(e.getMessage(), e);
        }
        try {
            new ReadinessPage(getSink(), catalog).render(descriptor,
                    dependenciesFile.isFile() ? Files.readAllBytes(dependenciesFile.toPath()) : null);
        } catch (IOException e) {
            throw new MavenReportException("openaccess: cannot read " + dependenciesFile + ": " + e.getMessage(), e);
        }
    }
}
