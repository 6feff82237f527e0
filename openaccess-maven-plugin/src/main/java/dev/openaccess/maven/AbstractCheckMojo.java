package dev.openaccess.maven;

import dev.openaccess.core.Generators;
import dev.openaccess.core.descriptor.DescriptorJson;
import dev.openaccess.core.digest.DigestCache;
import dev.openaccess.core.estimate.EstimateSettings;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.HardwareProfile;
import dev.openaccess.core.estimate.Quantities;
import dev.openaccess.core.policy.AllowedLicenses;
import dev.openaccess.core.policy.DeniedLicenses;
import dev.openaccess.core.policy.DenyUnsafeLoading;
import dev.openaccess.core.policy.DependencyJudge;
import dev.openaccess.core.policy.DependencyReport.ConsumerAssumptions;
import dev.openaccess.core.policy.DependencyReport;
import dev.openaccess.core.policy.DependencyVerdict;
import dev.openaccess.core.policy.MaxInferenceBytes;
import dev.openaccess.core.policy.MinimumMofClass;
import dev.openaccess.core.policy.Policy;
import dev.openaccess.core.policy.PolicyRule;
import dev.openaccess.core.policy.ReadingCache;
import dev.openaccess.core.policy.RequireAccessChannel;
import dev.openaccess.core.policy.RequireFineTuningOn;
import dev.openaccess.core.policy.RequireOsaid;
import dev.openaccess.core.policy.RequireProfile;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * What {@code check} and {@code check-aggregate} share: the policy parameters, resolving and judging descriptors,
 * the report, and which problems fail the build.
 */
abstract class AbstractCheckMojo extends AbstractEstimatingMojo {

    /** Dependency scopes whose descriptors are checked. */
    @Parameter(property = "openaccess.scopes", defaultValue = "compile,runtime")
    private List<String> scopes;

    /** Inference at the stored precision must fit this hardware profile ({@code laptop-16gb}, ...). */
    @Parameter(property = "openaccess.requireProfile")
    private String requireProfile;

    /** Inference may need at most this much memory: bytes, or {@code 16GiB}. */
    @Parameter(property = "openaccess.maxInferenceBytes")
    private String maxInferenceBytes;

    /** At least one fine-tuning method (full, LoRA, QLoRA) must fit this hardware profile. */
    @Parameter(property = "openaccess.requireFineTuningOn")
    private String requireFineTuningOn;

    /** The weights' licence must be one of these SPDX ids (or {@code LicenseRef-…}). */
    @Parameter(property = "openaccess.allowedLicenses")
    private List<String> allowedLicenses;

    /** The weights may not be only under one of these licences. */
    @Parameter(property = "openaccess.deniedLicenses")
    private List<String> deniedLicenses;

    /** The Model Openness Framework class must be at least this: {@code III}, {@code II} or {@code I}. */
    @Parameter(property = "openaccess.minimumMofClass")
    private String minimumMofClass;

    /** The dependency must meet the OSI Open Source AI Definition. */
    @Parameter(property = "openaccess.requireOsaid", defaultValue = "false")
    private boolean requireOsaid;

    /**
     * Whether a dependency whose model executes code when it is loaded (a pickle's imported callables) breaks the
     * policy.
     */
    @Parameter(property = "openaccess.denyUnsafeLoading", defaultValue = "false")
    private boolean denyUnsafeLoading;

    /** The dependency must be reachable through one of these channel types. */
    @Parameter(property = "openaccess.requireAccessChannel")
    private List<String> requireAccessChannel;

    /**
     * Whether a model dependency must publish a descriptor. By default one that publishes none is described from its
     * own file (source {@code computed}); when true it is {@code missing}, a warning or a failure by
     * {@code onMissingDescriptor}.
     */
    @Parameter(property = "openaccess.requirePublishedDescriptor", defaultValue = "false")
    private boolean requirePublishedDescriptor;

    /**
     * Whether to ask the repositories for the published descriptors of dependencies whose files hold no model, too
     * (an artifact that fetches its model at run time may publish one). By default only model dependencies are
     * asked, which spares the repositories a request for every library jar.
     */
    @Parameter(property = "openaccess.lookUpPlainDependencies", defaultValue = "false")
    private boolean lookUpPlainDependencies;

    /**
     * What to do about a model dependency that publishes no descriptor when {@code requirePublishedDescriptor} is
     * set: {@code ignore}, {@code warn} or {@code fail}.
     */
    @Parameter(property = "openaccess.onMissingDescriptor", defaultValue = "warn")
    private String onMissingDescriptor;

    /**
     * Where the readings of dependency files are remembered between builds, by each file's SHA-256 and the openaccess
     * version, so a second build reads no model again; {@code none} to read every time.
     */
    @Parameter(property = "openaccess.dependencyCache", defaultValue = "${user.home}/.cache/openaccess/dependencies")
    private File dependencyCache;

    /** Whether a policy violation fails the build (it is reported either way). */
    @Parameter(property = "openaccess.failOnViolation", defaultValue = "true")
    private boolean failOnViolation;

    /**
     * Whether a repository that could not be asked (transfer, authentication, offline without a cached copy) fails the
     * build; a descriptor that might exist is not treated as missing.
     */
    @Parameter(property = "openaccess.failOnRepositoryFailure", defaultValue = "true")
    private boolean failOnRepositoryFailure;

    /**
     * How long resolving all the dependencies' descriptors together may take: seconds ({@code 60}), or a whole number
     * with {@code ms}, {@code s} or {@code m} ({@code 500ms}, {@code 60s}, {@code 2m}). A descriptor that has not
     * arrived by then is a repository failure naming the repository that did not answer.
     */
    @Parameter(property = "openaccess.resolveTimeout", defaultValue = "60s")
    private String resolveTimeout;

    /** Where the consolidated report is written. */
    @Parameter(property = "openaccess.dependenciesFile",
            defaultValue = "${project.build.directory}/openaccess-dependencies.json")
    private File dependenciesFile;

    /** Skips the goal. */
    @Parameter(property = "openaccess.skip", defaultValue = "false")
    private boolean skip;

    private final RepositorySystem repositorySystem;

    protected AbstractCheckMojo(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    /** The artifacts whose descriptors are checked. */
    protected abstract List<Artifact> artifacts();

    /** The dependencies of {@code projects} in the configured scopes, once each, descriptors themselves left out. */
    protected List<Artifact> dependencies(List<MavenProject> projects) {
        Set<String> wanted = scopes.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Map<String, Artifact> unique = new TreeMap<>();
        for (MavenProject each : projects) {
            for (Artifact artifact : each.getArtifacts()) {
                if (wanted.contains(artifact.getScope()) && !"openaccess".equals(artifact.getClassifier())) {
                    unique.putIfAbsent(artifact.getGroupId() + ":" + artifact.getArtifactId() + ":"
                            + artifact.getBaseVersion() + ":" + artifact.getClassifier(), artifact);
                }
            }
        }
        return List.copyOf(unique.values());
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("openaccess: skipped (openaccess.skip)");
            return;
        }
        MissingPolicy missing = MissingPolicy.parse(onMissingDescriptor);
        EstimateSettings settings = settings(null);
        HardwareCatalog catalog = catalog();
        Policy policy = policy(catalog);
        Duration deadline;
        try {
            deadline = Durations.parse("resolveTimeout", resolveTimeout);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("openaccess: " + e.getMessage());
        }
        List<Artifact> dependencies = artifacts();
        long start = System.nanoTime();
        DigestCache digests = digestCache();
        RepositorySystemSession repositorySession = session.getRepositorySession();
        List<RemoteRepository> repositories = project.getRemoteProjectRepositories();
        DependencyJudge judge = new DependencyJudge(policy, settings, catalog, digests, readingCache(),
                DependencyCheck.licensesFrom(repositorySession, session.getProjects()));
        DependencyCheck.Checked checked = new DependencyCheck(new DescriptorFetcher(repositorySystem,
                repositorySession, repositories, deadline, DescriptorJson.MAX_DOCUMENT_BYTES), judge,
                requirePublishedDescriptor, lookUpPlainDependencies).judge(dependencies);
        List<DependencyVerdict> verdicts = checked.verdicts();
        if (digests != null) {
            digests.save();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        DependencyReport report = DependencyReport.of(Generators.openaccess(), policy,
                ConsumerAssumptions.of(settings, catalog), verdicts);
        write(report);
        if (verdicts.isEmpty()) {
            getLog().info("openaccess: no dependencies in scopes " + String.join(", ", scopes) + " to check");
            return;
        }
        report.table().forEach(line -> getLog().info(line));
        report.noModelLine().ifPresent(line -> getLog().info("openaccess: " + line));
        getLog().info("openaccess: " + verdicts.size() + (verdicts.size() == 1 ? " dependency" : " dependencies")
                + " checked in " + millis + " ms (" + checked.read() + (checked.read() == 1 ? " model file" : " model files")
                + " read, " + checked.remembered() + " remembered from earlier builds; the files took "
                + checked.readingMillis() + " ms, the repositories " + checked.askingMillis() + " ms, side by side)");
        getLog().info("Report: " + project.getBasedir().toPath().relativize(dependenciesFile.toPath()));
        judge(report, missing);
    }

    private ReadingCache readingCache() {
        return dependencyCache == null || dependencyCache.getName().equals("none") ? null
                : ReadingCache.in(dependencyCache.toPath());
    }

    /** Logs each problem and fails the build for the ones the configuration says are fatal. */
    private void judge(DependencyReport report, MissingPolicy missing) throws MojoFailureException {
        List<String> fatal = new ArrayList<>();
        for (DependencyVerdict verdict : report.dependencies()) {
            switch (verdict.status()) {
                case PASS, NO_MODEL -> { }
                case UNREAD -> getLog().warn("openaccess: " + verdict.artifact() + ": " + verdict.detail());
                case VIOLATION -> verdict.violations().forEach(violation -> {
                    String line = verdict.artifact() + " breaks " + violation.rule() + ": " + violation.message();
                    getLog().warn("openaccess: " + line);
                    if (failOnViolation) {
                        fatal.add(line);
                    }
                });
                case MISSING -> {
                    String line = verdict.artifact() + ": " + verdict.detail();
                    if (missing == MissingPolicy.WARN) {
                        getLog().warn("openaccess: " + line);
                    } else if (missing == MissingPolicy.FAIL) {
                        fatal.add(line);
                    }
                }
                case REPOSITORY_FAILURE -> {
                    String line = verdict.artifact() + ": repository failure: " + verdict.detail();
                    getLog().warn("openaccess: " + line);
                    if (failOnRepositoryFailure) {
                        fatal.add(line);
                    }
                }
                case INVALID, MISMATCH -> {
                    String line = verdict.artifact() + ": " + verdict.status().id() + " descriptor: "
                            + verdict.detail();
                    getLog().error("openaccess: " + line);
                    fatal.add(line);
                }
            }
        }
        if (!fatal.isEmpty()) {
            throw new MojoFailureException("openaccess: " + fatal.size() + " dependency problem"
                    + (fatal.size() == 1 ? "" : "s") + ":\n  " + String.join("\n  ", fatal));
        }
    }

    private Policy policy(HardwareCatalog catalog) throws MojoExecutionException {
        List<PolicyRule> rules = new ArrayList<>();
        try {
            if (present(requireProfile)) {
                rules.add(new RequireProfile(profile(catalog, requireProfile, "requireProfile")));
            }
            if (present(maxInferenceBytes)) {
                rules.add(new MaxInferenceBytes(Quantities.bytes(maxInferenceBytes)));
            }
            if (present(requireFineTuningOn)) {
                rules.add(new RequireFineTuningOn(profile(catalog, requireFineTuningOn, "requireFineTuningOn")));
            }
            if (allowedLicenses != null && !allowedLicenses.isEmpty()) {
                rules.add(new AllowedLicenses(new LinkedHashSet<>(allowedLicenses)));
            }
            if (deniedLicenses != null && !deniedLicenses.isEmpty()) {
                rules.add(new DeniedLicenses(new LinkedHashSet<>(deniedLicenses)));
            }
            if (present(minimumMofClass)) {
                rules.add(new MinimumMofClass(minimumMofClass.trim().toUpperCase(Locale.ROOT)));
            }
            if (requireOsaid) {
                rules.add(new RequireOsaid());
            }
            if (denyUnsafeLoading) {
                rules.add(new DenyUnsafeLoading());
            }
            if (requireAccessChannel != null && !requireAccessChannel.isEmpty()) {
                rules.add(RequireAccessChannel.of(new LinkedHashSet<>(requireAccessChannel)));
            }
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("openaccess: " + e.getMessage(), e);
        }
        return new Policy(rules);
    }

    private static HardwareProfile profile(HardwareCatalog catalog, String id, String parameter) {
        return catalog.profile(id.trim()).orElseThrow(() -> new IllegalArgumentException(parameter + " '" + id
                + "' is not a profile of the hardware catalog (" + catalog.profiles().stream()
                .map(HardwareProfile::id).collect(Collectors.joining(", ")) + ")"));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private void write(DependencyReport report) throws MojoExecutionException {
        Outputs.write(dependenciesFile.toPath(), report.toJson());
    }

    /** What {@code onMissingDescriptor} accepts. */
    enum MissingPolicy {
        IGNORE, WARN, FAIL;

        static MissingPolicy parse(String value) throws MojoExecutionException {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException("openaccess: onMissingDescriptor '" + value
                        + "' is not ignore, warn or fail");
            }
        }
    }

}
