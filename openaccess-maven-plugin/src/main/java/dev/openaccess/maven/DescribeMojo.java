package dev.openaccess.maven;

import dev.openaccess.core.Describer;
import dev.openaccess.core.DescriptorSummary;
import dev.openaccess.core.Generators;
import dev.openaccess.core.cyclonedx.CycloneDxExport;
import dev.openaccess.core.descriptor.DescriptorException;
import dev.openaccess.core.descriptor.DescriptorJson;
import dev.openaccess.core.descriptor.Subject;
import dev.openaccess.core.digest.DigestCache;
import dev.openaccess.core.estimate.EstimateSettings;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.HardwareProfile;
import dev.openaccess.core.estimate.KvCacheDtype;
import dev.openaccess.core.estimate.LoraTarget;
import dev.openaccess.core.estimate.Quantities;
import dev.openaccess.core.format.ModelFormatException;
import dev.openaccess.core.openness.PomLicenses;
import dev.openaccess.core.openness.ProducerDeclarations;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.License;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;

/**
 * Describes the AI models this project ships: reads the model files header-only, estimates the hardware they
 * need, writes the access-readiness descriptor ({@code target/openaccess.json}) and attaches it to the build with
 * classifier {@code openaccess} and type {@code json}, so {@code install} and {@code deploy} publish it beside the
 * artifact.
 *
 * <p>With {@code -Dopenaccess.artifact=groupId:artifactId:version[:classifier]} it describes that artifact instead,
 * resolved from the build's repositories (no project needed), and writes the descriptor without attaching it.
 */
@Mojo(name = "describe", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true, requiresProject = false)
public class DescribeMojo extends AbstractEstimatingMojo {

    /**
     * Model files, folders (searched recursively), archives ({@code .jar}, {@code .zip}) or glob patterns, relative
     * to the project base directory. By default the project's resource folders; when they hold no model, the build
     * output folder, then the project's own jar.
     */
    @Parameter(property = "openaccess.models")
    private List<String> models;

    /**
     * Tokens the models were trained on, for training compute (6 × parameters × tokens FLOPs) and GPU-hours:
     * {@code 300000000000}, {@code 300B} or {@code 2T}.
     */
    @Parameter(property = "openaccess.trainingTokens")
    private String trainingTokens;

    /** The hardware the models were trained on, in the producer's words ({@code 992 x A100 80GB}). */
    @Parameter(property = "openaccess.trainingHardware")
    private String trainingHardware;

    /** The energy training took, in kilowatt-hours, as the producer declares it. */
    @Parameter(property = "openaccess.trainingEnergyKwh")
    private Double trainingEnergyKwh;

    /**
     * The parts of the AI artifact, by their Model Openness Framework names ({@code Model architecture},
     * {@code Model parameters (Final)}, {@code Training code}, {@code Datasets}, {@code Model card}, ...): whether each is
     * released, under which licence (SPDX id or {@code LicenseRef-…}; by default the pom's) and where it is.
     */
    @Parameter
    private List<ComponentConfig> components;

    /** The ways to reach the model: {@code download}, {@code gated-download}, {@code hosted-api}, {@code research-program}. */
    @Parameter
    private List<ChannelConfig> channels;

    /**
     * Whether to complete the components and channels from the build: the model files found are the final
     * parameters, released in this artifact under the pom's licence, which also covers the project's own code as
     * inference code; the artifact itself is a download channel.
     */
    @Parameter(property = "openaccess.inferOpenness", defaultValue = "true")
    private boolean inferOpenness;

    /** Where the descriptor is written. */
    @Parameter(property = "openaccess.outputFile", defaultValue = "${project.build.directory}/openaccess.json")
    private File outputFile;

    /** Classifier of the attached descriptor. */
    @Parameter(property = "openaccess.classifier", defaultValue = "openaccess")
    private String classifier;

    /** Whether to write the descriptor also as a CycloneDX 1.6 ML-BOM (and attach it when {@code attach} is set). */
    @Parameter(property = "openaccess.cyclonedx", defaultValue = "true")
    private boolean cyclonedx;

    /** Where the CycloneDX ML-BOM is written. */
    @Parameter(property = "openaccess.cyclonedxFile", defaultValue = "${project.build.directory}/openaccess.cdx.json")
    private File cyclonedxFile;

    /** Classifier of the attached CycloneDX ML-BOM (type {@code json}). */
    @Parameter(property = "openaccess.cyclonedxClassifier", defaultValue = "openaccess-cyclonedx")
    private String cyclonedxClassifier;

    /** Whether to attach the descriptor to the project, so it is installed and deployed with the artifact. */
    @Parameter(property = "openaccess.attach", defaultValue = "true")
    private boolean attach;

    /** Whether to compute SHA-256 digests of the model files and the artifact (streams every byte). */
    @Parameter(property = "openaccess.digest", defaultValue = "true")
    private boolean digest;

    /**
     * Coordinates {@code groupId:artifactId:version[:classifier]} of a published jar to describe instead of this
     * project: resolved from the repositories of the build, its models read inside the jar.
     */
    @Parameter(property = "openaccess.artifact")
    private String artifact;

    /**
     * Whether to keep the last run's outputs when nothing they depend on changed: openaccess's build, this
     * configuration, and the size and modification time of every file the models may come from. Then nothing is read
     * or written again and the descriptor stays byte-identical; {@code false} describes every time.
     */
    @Parameter(property = "openaccess.upToDateCheck", defaultValue = "true")
    private boolean upToDateCheck;

    /** Skips the goal. */
    @Parameter(property = "openaccess.skip", defaultValue = "false")
    private boolean skip;

    private final MavenProjectHelper projectHelper;
    private final RepositorySystem repositorySystem;

    @Inject
    public DescribeMojo(MavenProjectHelper projectHelper, RepositorySystem repositorySystem) {
        this.projectHelper = projectHelper;
        this.repositorySystem = repositorySystem;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("openaccess: skipped (openaccess.skip)");
            return;
        }
        boolean remote = artifact != null && !artifact.isBlank();
        UpToDate upToDate = upToDateCheck && !remote ? inputs() : null;
        if (upToDate != null && upToDate.holds(outputs())) {
            getLog().info("openaccess: nothing changed since the last build: " + baseDir().relativize(output())
                    + (cyclonedx ? " and " + baseDir().relativize(resolve(cyclonedxFile)) : "") + " up to date"
                    + " (-Dopenaccess.upToDateCheck=false describes again)");
            attach();
            return;
        }
        if (upToDate != null) {
            upToDate.forget();
        }
        DigestCache digests = digest ? digestCache() : null;
        Describer.Result result = remote ? describeRemote(digests) : describe(digests);
        if (digests != null) {
            digests.save();
            getLog().debug("openaccess: " + digests.hits() + " digests from " + digestCacheFile());
        }
        result.warnings().forEach(warning -> getLog().warn("openaccess: " + warning));
        if (!result.foundModels()) {
            String message = "openaccess: no model files found in " + (remote ? artifact
                    : String.join(", ", defaultLocations()) + "; nothing to describe. Name them with <models> or"
                    + " -Dopenaccess.models.");
            if (!remote && "pom".equals(project.getPackaging()) && (models == null || models.isEmpty())) {
                getLog().info(message); // a parent or aggregator holds no models of its own, as expected
            } else {
                getLog().warn(message);
            }
            return;
        }
        write(result);
        if (upToDate != null) {
            upToDate.record(outputs());
        }
        DescriptorSummary.lines(result.descriptor()).forEach(line -> getLog().info(line));
        getLog().info("Descriptor: " + baseDir().relativize(output()));
        if (cyclonedx) {
            getLog().info("CycloneDX ML-BOM: " + baseDir().relativize(resolve(cyclonedxFile)));
        }
        if (!remote) { // a remote artifact's descriptor is not this project's to publish
            attach();
        }
    }

    private void attach() {
        if (attach) {
            projectHelper.attachArtifact(project, "json", classifier, output().toFile());
            if (cyclonedx) {
                projectHelper.attachArtifact(project, "json", cyclonedxClassifier, resolve(cyclonedxFile).toFile());
            }
        }
    }

    private List<Path> outputs() {
        return cyclonedx ? List.of(output(), resolve(cyclonedxFile)) : List.of(output());
    }

    /**
     * Everything the outputs depend on: openaccess's build, every parameter, the pom's coordinates and licences, and
     * the files the models may come from (the named locations, or the resources, the build output and the jar).
     */
    private UpToDate inputs() throws MojoExecutionException {
        Path base = baseDir();
        Path build = Path.of(project.getBuild().getDirectory());
        UpToDate inputs = new UpToDate(build.resolve("openaccess.inputs"))
                .value("openaccess", Generators.build(Describer.class) + " " + Generators.build(DescribeMojo.class))
                .value("project", project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion()
                        + ":" + project.getPackaging())
                .value("licenses", licenses(project.getLicenses()))
                .value("settings", settings())
                .value("catalog", catalogInputs())
                .value("components", components == null ? null : components.stream()
                        .map(ComponentConfig::toDeclared).toList())
                .value("channels", channels == null ? null : channels.stream().map(ChannelConfig::toChannel).toList())
                .value("openness", inferOpenness + " " + trainingHardware + " " + trainingEnergyKwh + " " + shipsCode())
                .value("outputs", output() + " " + cyclonedx + " " + resolve(cyclonedxFile) + " " + digest)
                .value("models", models);
        try {
            if (models != null && !models.isEmpty()) {
                for (String location : models) {
                    // a glob may match anywhere below the base folder, whose build output it does not enter
                    boolean glob = location.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
                    inputs.files(glob ? base : base.resolve(location.trim()), glob ? build : null);
                }
            } else {
                for (String location : defaultLocations()) {
                    inputs.files(base.resolve(location), null);
                }
                inputs.files(Path.of(project.getBuild().getOutputDirectory()), null);
                File jar = project.getArtifact().getFile();
                inputs.value("artifact", jar);
                if (jar != null) {
                    inputs.files(jar.toPath(), null);
                }
            }
        } catch (IOException e) {
            throw new MojoExecutionException("openaccess: cannot look at the model files: " + e.getMessage(), e);
        }
        return inputs;
    }

    private Describer.Result describe(DigestCache digests) throws MojoExecutionException, MojoFailureException {
        boolean configured = models != null && !models.isEmpty();
        EstimateSettings settings = settings();
        HardwareCatalog catalog = catalog();
        ProducerDeclarations declarations = declarations(licenses(project.getLicenses()), shipsCode());
        return reportingFailures("", () -> {
            Describer describer = new Describer(digests);
            Describer.Result result = describer.describe(request(configured ? models : defaultLocations(), configured,
                    settings, catalog, declarations));
            if (!configured && !result.foundModels()) {
                // Resources may be generated straight into the output folder: look there too.
                result = describer.describe(request(List.of(relative(project.getBuild().getOutputDirectory())), false,
                        settings, catalog, declarations));
            }
            File mainArtifact = project.getArtifact().getFile();
            if (!configured && !result.foundModels() && mainArtifact != null && mainArtifact.isFile()
                    && mainArtifact.getName().endsWith(".jar")) {
                // Models may reach the jar another way (unpacked or shaded in): read them inside it.
                result = describer.describe(request(List.of(relative(mainArtifact.getPath())), false, settings,
                        catalog, declarations));
            }
            return result;
        });
    }

    /** Describing that may meet unreadable models, bad settings or I/O failures. */
    @FunctionalInterface
    private interface Describing {
        Describer.Result run() throws IOException;
    }

    /** Turns the core's exceptions into the build failures Maven reports in one line each. */
    private static Describer.Result reportingFailures(String what, Describing describing)
            throws MojoExecutionException, MojoFailureException {
        try {
            return describing.run();
        } catch (ModelFormatException e) {
            throw new MojoFailureException("openaccess: cannot describe " + what + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("openaccess: invalid configuration: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("openaccess: cannot read models: " + e.getMessage(), e);
        }
    }

    /** Resolves the named artifact and describes the models inside it, named {@code artifact.jar!/entry}. */
    private Describer.Result describeRemote(DigestCache digests) throws MojoExecutionException, MojoFailureException {
        RemoteArtifacts remote = new RemoteArtifacts(repositorySystem, session.getRepositorySession(),
                project.getRemoteProjectRepositories());
        Artifact resolved = remote.resolve(RemoteArtifacts.parse(artifact));
        Path jar = resolved.getFile().toPath();
        Subject subject = new Subject(resolved.getGroupId(), resolved.getArtifactId(), resolved.getVersion(),
                resolved.getExtension(), null);
        EstimateSettings settings = settings();
        HardwareCatalog catalog = catalog();
        ProducerDeclarations declarations = declarations(remote.licenses(resolved), false);
        return reportingFailures(artifact + ": ", () -> new Describer(digests).describe(new Describer.Request(
                jar.getParent(), List.of(jar.getFileName().toString()), true, List.of(), subject, jar, settings,
                digest, catalog, declarations)));
    }

    private Describer.Request request(List<String> locations, boolean required, EstimateSettings settings,
                                      HardwareCatalog catalog, ProducerDeclarations declarations) {
        File artifactFile = project.getArtifact().getFile();
        return new Describer.Request(baseDir(), locations, required,
                List.of(Path.of(project.getBuild().getDirectory())), subject(),
                artifactFile == null ? null : artifactFile.toPath(), settings, digest, catalog, declarations);
    }

    /** What the estimates assume, the training tokens declared here included. */
    private EstimateSettings settings() throws MojoExecutionException {
        try {
            return settings(trainingTokens == null || trainingTokens.isBlank() ? null
                    : Quantities.count(trainingTokens));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("openaccess: " + e.getMessage(), e);
        }
    }

    /** What the pom declares about openness and access, with the licence the artifact is distributed under. */
    private ProducerDeclarations declarations(List<PomLicenses.PomLicense> licenses, boolean shipsCode)
            throws MojoExecutionException {
        try {
            return new ProducerDeclarations(
                    components == null ? List.of() : components.stream().map(ComponentConfig::toDeclared).toList(),
                    channels == null ? List.of() : channels.stream().map(ChannelConfig::toChannel).toList(),
                    PomLicenses.expression(licenses).orElse(null), shipsCode, inferOpenness,
                    ComponentConfig.blankToNull(trainingHardware), trainingEnergyKwh);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("openaccess: " + e.getMessage(), e);
        }
    }

    static List<PomLicenses.PomLicense> licenses(List<License> licenses) {
        return licenses == null ? List.of() : licenses.stream()
                .map(license -> new PomLicenses.PomLicense(license.getName(), license.getUrl())).toList();
    }

    /** Whether the project compiles code of its own into the artifact. */
    private boolean shipsCode() {
        return project.getCompileSourceRoots().stream().map(Path::of).anyMatch(root -> {
            try (var files = Files.walk(root)) {
                return files.anyMatch(file -> file.toString().endsWith(".java") || file.toString().endsWith(".kt")
                        || file.toString().endsWith(".scala") || file.toString().endsWith(".groovy"));
            } catch (IOException e) {
                return false; // a root that does not exist holds no code
            }
        });
    }

    /**
     * The descriptor file, a relative {@code outputFile} taken from the base directory. Without a project, Maven
     * leaves {@code ${project.basedir}} unexpanded in the default build directory: it stands for the base here too.
     */
    private Path output() {
        return resolve(outputFile);
    }

    private Path resolve(File file) {
        String path = file.getPath();
        int unexpanded = path.indexOf("${project.basedir}");
        if (unexpanded >= 0) {
            path = path.substring(unexpanded + "${project.basedir}".length()).replaceFirst("^[/\\\\]+", "");
        }
        return baseDir().resolve(path).normalize();
    }

    private Subject subject() {
        return new Subject(project.getGroupId(), project.getArtifactId(), project.getVersion(),
                project.getPackaging(), null);
    }

    /** The project's resource folders, relative to its base directory. */
    private List<String> defaultLocations() {
        List<String> locations = new ArrayList<>();
        for (Resource resource : project.getResources()) {
            locations.add(relative(resource.getDirectory()));
        }
        return locations;
    }

    private String relative(String directory) {
        Path base = baseDir();
        Path dir = base.resolve(directory).toAbsolutePath().normalize();
        return dir.startsWith(base) ? base.relativize(dir).toString() : dir.toString();
    }

    /**
     * Writes the descriptor, and the ML-BOM when asked, together or not at all, so the pair never disagree; the
     * descriptor once its size and lengths are known to be what consumers read. It is not validated against its
     * schema here: checking our own output would cost every build a schema compilation (about 150 ms), while the
     * core's tests validate every kind of descriptor it writes and each consumer validates what it reads.
     */
    private void write(Describer.Result result) throws MojoExecutionException, MojoFailureException {
        Map<Path, byte[]> outputs = new LinkedHashMap<>();
        try {
            outputs.put(output(), DescriptorJson.toCheckedBytes(result.descriptor()));
        } catch (DescriptorException e) {
            throw new MojoFailureException("openaccess: " + e.getMessage());
        }
        if (cyclonedx) {
            outputs.put(resolve(cyclonedxFile), CycloneDxExport.toJson(result.descriptor()));
        }
        Outputs.writeAll(outputs);
    }
}
