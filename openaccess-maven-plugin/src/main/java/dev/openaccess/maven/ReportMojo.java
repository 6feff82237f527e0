package dev.openaccess.maven;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.DescriptorException;
import dev.openaccess.core.descriptor.DescriptorJson;
import dev.openaccess.core.estimate.HardwareCatalog;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.doxia.sink.SinkFactory;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.reporting.MavenMultiPageReport;
import org.apache.maven.reporting.MavenReportException;

/**
 * Adds an "Access readiness" page to the project's site: the descriptor written by {@code describe} in readable
 * tables with a chart (inline SVG, no script) of the memory each task needs against each hardware profile, and,
 * when {@code check} ran, the dependencies' verdicts. Run {@code describe} (and {@code check}) before {@code site}:
 * {@code mvn verify site}. Run on its own ({@code mvn openaccess:report}) it writes the page as a standalone HTML file,
 * {@code target/reports/openaccess.html}.
 *
 * <p>Written against maven-reporting-api alone, with the site plugin's own sink: the plugin carries no site renderer,
 * so goals other than this one do not pay for loading one.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.SITE, threadSafe = true)
public class ReportMojo extends AbstractMojo implements MavenMultiPageReport {

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

    /** Where {@code mvn openaccess:report} writes the page; inside a site, the site plugin decides. */
    @Parameter(property = "openaccess.reportOutputDirectory", defaultValue = "${project.build.directory}/reports")
    private File reportOutputDirectory;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** Standalone: the page as an HTML file. */
    @Override
    public void execute() throws MojoExecutionException {
        if (!canGenerateReport()) {
            getLog().info("openaccess: no descriptor (" + descriptorFile + ") nor dependency report ("
                    + dependenciesFile + "): run describe or check first");
            return;
        }
        HtmlOutput html = new HtmlOutput();
        try {
            render(html);
        } catch (MavenReportException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        File page = new File(reportOutputDirectory, getOutputName() + ".html");
        Outputs.write(page.toPath(), html.html().getBytes(StandardCharsets.UTF_8));
        getLog().info("openaccess: report written to " + page);
    }

    /** Inside a site: the page on the site plugin's sink. */
    @Override
    public void generate(Sink sink, Locale locale) throws MavenReportException {
        render(new SinkOutput(sink));
    }

    /**
     * Inside a site, as maven-site-plugin 3.12.1 calls it: its reporting API's {@code generate(Sink, Locale)} takes
     * Doxia 1's legacy {@code org.codehaus.doxia.sink.Sink}, while this signature is the same in both.
     */
    @Override
    public void generate(Sink sink, SinkFactory sinkFactory, Locale locale) throws MavenReportException {
        render(new SinkOutput(sink));
    }

    private void render(PageOutput out) throws MavenReportException {
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
            new ReadinessPage(out, catalog).render(descriptor,
                    dependenciesFile.isFile() ? Files.readAllBytes(dependenciesFile.toPath()) : null);
        } catch (IOException e) {
            throw new MavenReportException("openaccess: cannot read " + dependenciesFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String getOutputName() {
        return "openaccess";
    }

    @Override
    public String getCategoryName() {
        return CATEGORY_PROJECT_REPORTS;
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
    public void setReportOutputDirectory(File outputDirectory) {
        this.reportOutputDirectory = outputDirectory;
    }

    @Override
    public File getReportOutputDirectory() {
        return reportOutputDirectory;
    }

    @Override
    public boolean isExternalReport() {
        return false;
    }

    @Override
    public boolean canGenerateReport() {
        return descriptorFile.isFile() || dependenciesFile.isFile();
    }
}
