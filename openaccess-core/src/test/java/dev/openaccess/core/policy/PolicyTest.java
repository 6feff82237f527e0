package dev.openaccess.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.Describer;
import dev.openaccess.core.TinyModels;
import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.DescriptorJson;
import dev.openaccess.core.descriptor.Generator;
import dev.openaccess.core.estimate.EstimateSettings;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.HardwareProfile;
import dev.openaccess.core.openness.ProducerDeclarations.DeclaredComponent;
import dev.openaccess.core.openness.ProducerDeclarations;
import dev.openaccess.core.policy.DependencyVerdict.Status;
import dev.openaccess.core.policy.DependencyVerdict.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rule passing and failing with its numbers on published descriptors, descriptors that are broken or not the
 * artifact's, and the report.
 */
class PolicyTest {

    @TempDir
    Path base;

    private static final HardwareCatalog CATALOG = HardwareCatalog.defaults();

    private static HardwareProfile profile(String id) {
        return CATALOG.profile(id).orElseThrow();
    }

    /** The tiny Llama as a producer publishes it: Apache-2.0 from the pom, the artifact as its download. */
    private Path tinyLlama() throws IOException {
        TinyModels.writeTinyLlama(base.resolve("tiny/model"));
        return describe(TinyModels.request(base.resolve("tiny"), "model", false), new ProducerDeclarations(List.of(),
                List.of(), "Apache-2.0", false, true, null, null), "tiny.json");
    }

    /** OPT-175B's config, its weights under the given licence. */
    private Path opt(String weightsLicense) throws IOException {
        TinyModels.writeOpt175bConfig(base.resolve("opt/opt-175b"));
        return describe(TinyModels.request(base.resolve("opt"), "opt-175b", false), new ProducerDeclarations(
                List.of(new DeclaredComponent("Model parameters (Final)", true, weightsLicense, null)), List.of(), null,
                false, true, null, null), "opt-" + weightsLicense.hashCode() + ".json");
    }

    private Path describe(Describer.Request request, ProducerDeclarations declarations, String name)
            throws IOException {
        Describer.Request declared = new Describer.Request(request.baseDir(), request.locations(), true, List.of(),
                request.subject(), null, request.settings(), false, request.catalog(), declarations);
        Descriptor descriptor = new Describer().describe(declared).descriptor();
        return Files.write(base.resolve(name), DescriptorJson.toBytes(descriptor));
    }

    private static DependencyVerdict judge(Policy policy, Path descriptor) {
        return judge(policy, "1.0", null, descriptor);
    }

    /** The verdict on a published descriptor beside {@code file} (null: the build has no file at hand). */
    private static DependencyVerdict judge(Policy policy, String version, Path file, Path descriptor) {
        DependencyJudge judge = new DependencyJudge(policy, EstimateSettings.defaults(), CATALOG, null, null,
                dependency -> null);
        Dependency dependency = new Dependency("org.example", "tiny", version, "jar", file);
        return judge.judge(dependency, judge.inspect(dependency), new DescriptorLookup.Found(descriptor),
                false);
    }

    @Test
    void aSmallOpenModelPassesEveryRuleItMeets() throws IOException {
        Policy policy = new Policy(List.of(new RequireProfile(profile("laptop-16gb")),
                new MaxInferenceBytes(1L << 30), new RequireFineTuningOn(profile("rtx-4090-24gb")),
                new AllowedLicenses(Set.of("Apache-2.0", "MIT")), new DeniedLicenses(Set.of("llama2")),
                RequireAccessChannel.of(Set.of("download"))));
        DependencyVerdict verdict = judge(policy, tinyLlama());
        assertEquals(Status.PASS, verdict.status());
        assertEquals(List.of(), verdict.violations());
        // 1,704 parameters, 335,577,888 bytes of inference (DescriberTest; under the 1 GiB allowed), on a laptop
        assertEquals(new DependencyVerdict.Summary(1_704, 335_577_888L, "laptop", "Apache-2.0", null),
                verdict.summary());
    }

    @Test
    void opt175bBreaksTheRulesWithTheNumbersThatBreakThem() throws IOException {
        Policy policy = new Policy(List.of(new RequireProfile(profile("rtx-4090-24gb")),
                new MaxInferenceBytes(16L << 30), new RequireFineTuningOn(profile("rtx-4090-24gb")),
                new AllowedLicenses(Set.of("Apache-2.0")), new DeniedLicenses(Set.of("llama2")),
                new MinimumMofClass("III"), new RequireOsaid(), RequireAccessChannel.of(Set.of("hosted-api"))));
        DependencyVerdict verdict = judge(policy, opt("llama2"));
        assertEquals(Status.VIOLATION, verdict.status());
        List<Violation> violations = verdict.violations();
        assertEquals(8, violations.size(), violations::toString);
        // 359,346,770,304 bytes = 334.7 GiB (ReadinessAssessorTest); the 4090 has 24 GiB × 0.9 = 21.6 GiB usable
        assertEquals(new Violation("requireProfile=rtx-4090-24gb", "inference needs 334.7 GiB (359346770304 bytes)"
                + " at context 2048, batch 1, KV F16; rtx-4090-24gb offers 21.6 GiB usable"), violations.get(0));
        assertEquals(new Violation("maxInferenceBytes=17179869184", "inference needs 334.7 GiB (359346770304 bytes)"
                + " at context 2048, batch 1, KV F16, more than the 16.0 GiB (17179869184 bytes) allowed"),
                violations.get(1));
        assertEquals(new Violation("requireFineTuningOn=rtx-4090-24gb", "no fine-tuning method fits rtx-4090-24gb"
                + " (21.6 GiB usable): the least demanding, qlora, needs 92.8 GiB"), violations.get(2));
        assertEquals("the weights' licence llama2 is not among the allowed (apache-2.0)", violations.get(3).message());
        assertEquals("the weights are under llama2, a denied licence", violations.get(4).message());
        assertTrue(violations.get(5).message().startsWith("MOF class none, not III (missing: Model architecture: not"
                + " released; Model parameters (Final): llama2 is a restricted licence"), violations.get(5).message());
        assertTrue(violations.get(6).message().startsWith("not Open Source AI: data information"),
                violations.get(6).message());
        assertEquals("no hosted-api channel (offered: download)", violations.get(7).message());
    }

    @Test
    void licenceExpressionsAreJudgedAsAlternativesAndConjunctions() throws IOException {
        Path either = opt("MIT OR llama2");
        assertEquals(Status.PASS, judge(new Policy(List.of(new AllowedLicenses(Set.of("MIT")),
                new DeniedLicenses(Set.of("llama2")))), either).status(), "MIT may be chosen");
        Path both = opt("MIT AND llama2");
        DependencyVerdict verdict = judge(new Policy(List.of(new AllowedLicenses(Set.of("MIT")),
                new DeniedLicenses(Set.of("llama2")))), both);
        assertEquals(List.of("allowedLicenses=mit", "deniedLicenses=llama2"),
                verdict.violations().stream().map(Violation::rule).toList());
    }

    @Test
    void aDescriptorThatIsNotJsonOrNotADescriptorIsInvalidNamingTheArtifact() throws IOException {
        Policy policy = new Policy(List.of());
        DependencyVerdict broken = judge(policy, Files.writeString(base.resolve("broken.json"), "{\"schemaVersion\":"));
        assertEquals(Status.INVALID, broken.status());
        assertTrue(broken.detail().startsWith("org.example:tiny:1.0 descriptor: "), broken.detail());
        assertNull(broken.summary());
        DependencyVerdict foreign = judge(policy, Files.writeString(base.resolve("foreign.json"),
                "{\"name\": \"some other json\"}"));
        assertEquals(Status.INVALID, foreign.status());
        assertTrue(foreign.detail().contains("schemaVersion"), foreign.detail());
    }

    @Test
    void aDescriptorOfAnotherArtifactOrOtherBytesIsAMismatch() throws IOException {
        Path descriptor = tinyLlama();
        Policy policy = new Policy(List.of());
        DependencyVerdict version = judge(policy, "2.0", null, descriptor);
        assertEquals(Status.MISMATCH, version.status());
        assertEquals("the descriptor describes org.example:tiny:1.0, not the artifact it is published beside",
                version.detail());

        // a descriptor with the artifact's digest, beside a jar with other bytes
        Path jar = Files.write(base.resolve("tiny-1.0.jar"), new byte[] {1, 2, 3});
        String json = Files.readString(descriptor).replace("\"packaging\": \"jar\"", "\"packaging\": \"jar\",\n"
                + "    \"sha256\": \"" + "0".repeat(64) + "\"");
        Path withDigest = Files.writeString(base.resolve("digest.json"), json);
        DependencyVerdict digest = judge(policy, "1.0", jar, withDigest);
        assertEquals(Status.MISMATCH, digest.status(), digest::toString);
        assertTrue(digest.detail().contains("but tiny-1.0.jar has 039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81"),
                digest.detail());
    }

    @Test
    void theReportSortsItsDependenciesAndTabulatesTheModelDependenciesOnly() throws IOException {
        Policy policy = new Policy(List.of(new RequireProfile(profile("laptop-16gb"))));
        DependencyReport report = DependencyReport.of(new Generator("openaccess", "test"), policy,
                DependencyReport.ConsumerAssumptions.of(EstimateSettings.defaults(), CATALOG), List.of(
                        judge(policy, tinyLlama()),
                        DependencyVerdict.of("org.example:plain:1.0", Status.NO_MODEL, "no model file inside"),
                        DependencyVerdict.of("org.example:other:1.0", Status.NO_MODEL, "no model file inside"),
                        DependencyVerdict.of("org.example:absent:1.0", Status.MISSING, "no descriptor published")));
        assertEquals(List.of("org.example:absent:1.0", "org.example:other:1.0", "org.example:plain:1.0",
                "org.example:tiny:1.0"), report.dependencies().stream().map(DependencyVerdict::artifact).toList());
        assertEquals(List.of(
                "artifact                source     params  inference  tier    licence     MOF  verdict",
                "org.example:absent:1.0  -          -       -          -       -           -    missing",
                "org.example:tiny:1.0    published  1.70K   320.0 MiB  laptop  Apache-2.0  -    pass"), report.table());
        assertEquals(java.util.Optional.of("2 dependencies hold no model"), report.noModelLine());
        assertEquals(java.util.Map.of("missing", 1, "no-model", 2, "pass", 1), report.counts());
        String json = new String(report.toJson(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"policy\" : [ \"requireProfile=laptop-16gb\" ]"), json);
        assertTrue(json.contains("\"status\" : \"missing\""), json);
        assertTrue(json.contains("\"source\" : \"published\""), json);
        assertTrue(json.contains("\"hardwareCatalog\" : \"" + CATALOG.version() + "\""), json);
        assertTrue(json.endsWith("}\n"));
    }

    @Test
    void withOnlyPlainJarsTheTableIsEmptyAndOneLineCountsThem() {
        DependencyReport report = DependencyReport.of(new Generator("openaccess", "test"), new Policy(List.of()),
                DependencyReport.ConsumerAssumptions.of(EstimateSettings.defaults(), CATALOG), List.of(
                        DependencyVerdict.of("org.example:plain:1.0", Status.NO_MODEL, "no model file inside")));
        assertEquals(List.of(), report.table());
        assertEquals(java.util.Optional.of("1 dependency holds no model"), report.noModelLine());
    }
}
