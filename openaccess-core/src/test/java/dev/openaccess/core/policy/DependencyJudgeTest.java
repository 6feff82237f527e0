package dev.openaccess.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.Describer;
import dev.openaccess.core.TinyModels;
import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.DescriptorJson;
import dev.openaccess.core.descriptor.Subject;
import dev.openaccess.core.digest.DigestCache;
import dev.openaccess.core.estimate.EstimateSettings;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.KvCacheDtype;
import dev.openaccess.core.openness.ProducerDeclarations;
import dev.openaccess.core.policy.DependencyVerdict.Source;
import dev.openaccess.core.policy.DependencyVerdict.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer's verdict on dependencies that publish no descriptor (computed from their jars), on published
 * descriptors checked against the jar, on plain jars, and at the consumer's own assumptions.
 */
class DependencyJudgeTest {

    @TempDir
    Path base;

    private static final HardwareCatalog CATALOG = HardwareCatalog.defaults();
    private static final DescriptorLookup NOT_PUBLISHED = new DescriptorLookup.NotPublished(
            "no descriptor published (classifier openaccess, type json) in central");

    private final AtomicInteger licenceLookups = new AtomicInteger();

    private DependencyJudge judge(Policy policy, EstimateSettings settings, DigestCache digests,
                                  ReadingCache readings) {
        return new DependencyJudge(policy, settings, CATALOG, digests, readings, dependency -> {
            licenceLookups.incrementAndGet();
            return "Apache-2.0";
        });
    }

    private DependencyJudge judge(Policy policy) {
        return judge(policy, EstimateSettings.defaults(), null, null);
    }

    /** The tiny Llama packed as its producer's build packs resources: {@code model/} at the jar's root. */
    private Path modelJar(String name) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
        entries.put("model/config.json", TinyModels.tinyLlamaConfig().getBytes(StandardCharsets.UTF_8));
        entries.put("model/model.safetensors", TinyModels.tinyLlamaSafetensors());
        return TinyModels.writeJar(base.resolve(name), entries);
    }

    /** A library jar: classes, a manifest, and a config.json of some framework that is not a model's. */
    private Path plainJar(String name) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
        entries.put("org/example/Library.class", new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
        entries.put("config.json", "{\"logging\": {\"level\": \"info\"}}".getBytes(StandardCharsets.UTF_8));
        return TinyModels.writeJar(base.resolve(name), entries);
    }

    private static Dependency dependency(Path file) {
        return new Dependency("org.example", "tiny", "1.0", "jar", file);
    }

    /** The descriptor the producer publishes for the tiny Llama (from its project folder), as JSON. */
    private Path published(String name, String version) throws IOException {
        TinyModels.writeTinyLlama(base.resolve("producer/src/main/resources/model"));
        Describer.Request request = new Describer.Request(base.resolve("producer"),
                List.of("src/main/resources/model"), true, List.of(), new Subject("org.example", "tiny", version, "jar",
                null), null, EstimateSettings.defaults(), true, CATALOG, new ProducerDeclarations(List.of(), List.of(),
                "MIT", false, true, null, null));
        Descriptor descriptor = new Describer().describe(request).descriptor();
        return Files.write(base.resolve(name), DescriptorJson.toBytes(descriptor));
    }

    @Test
    void theConsumersRuntimeIsTheOneItsDependenciesAreJudgedFor() throws IOException {
        // the consumer runs everything in llama.cpp: the tiny safetensors model is re-estimated by llama.cpp's rule
        // (its context padded to 256 cells), not by transformers', its format's usual runtime
        EstimateSettings llamaCpp = EstimateSettings.defaults().withRuntime(
                dev.openaccess.core.estimate.InferenceRuntime.parse("llama.cpp"), false);
        DependencyJudge judge = judge(new Policy(List.of()), llamaCpp, null, null);
        Dependency dependency = dependency(modelJar("tiny-1.0.jar"));
        DependencyVerdict verdict = judge.judge(dependency, judge.inspect(dependency), NOT_PUBLISHED, false);
        assertEquals("llama.cpp", verdict.assumptions().runtime());
        DependencyVerdict usual = judge(new Policy(List.of())).judge(dependency, judge.inspect(dependency),
                NOT_PUBLISHED, false);
        assertEquals("transformers", usual.assumptions().runtime());
        assertTrue(verdict.summary().inferenceBytes() != usual.summary().inferenceBytes(),
                "each runtime's own rule: " + verdict.summary() + " vs " + usual.summary());
    }

    @Test
    void aModelJarWithoutADescriptorIsDescribedFromItsFileWithThePomsLicence() throws IOException {
        Policy policy = new Policy(List.of(new RequireProfile(CATALOG.profile("laptop-16gb").orElseThrow()),
                new AllowedLicenses(Set.of("Apache-2.0"))));
        DependencyJudge judge = judge(policy);
        Dependency dependency = dependency(modelJar("tiny-1.0.jar"));
        Inspection inspection = judge.inspect(dependency);
        Inspection.Models models = assertInstanceOf(Inspection.Models.class, inspection);
        assertEquals(64, models.sha256().length());
        DependencyVerdict verdict = judge.judge(dependency, inspection, NOT_PUBLISHED, false);
        assertEquals(Status.PASS, verdict.status(), verdict::toString);
        assertEquals(Source.COMPUTED, verdict.source());
        assertEquals(models.sha256(), verdict.sha256());
        assertEquals(TinyModels.TINY_LLAMA_PARAMETERS, verdict.summary().parameters());
        assertEquals("Apache-2.0", verdict.summary().weightsLicense());
        assertEquals("laptop", verdict.summary().tier());
        assertEquals(List.of(new DependencyVerdict.ModelLine("tiny-1.0.jar!/model/model.safetensors", "safetensors",
                TinyModels.TINY_LLAMA_PARAMETERS, true, TinyModels.TINY_LLAMA_WEIGHTS_BYTES)), verdict.models());
        assertEquals(new DependencyVerdict.Assumed(TinyModels.CONTEXT, 1, "F16", CATALOG.version(), "transformers"),
                verdict.assumptions());
        assertNull(verdict.producerAssumptions());

        DependencyVerdict mit = judge(new Policy(List.of(new AllowedLicenses(Set.of("MIT"))))).judge(dependency,
                inspection, NOT_PUBLISHED, false);
        assertEquals(Status.VIOLATION, mit.status());
        assertEquals("the weights' licence Apache-2.0 is not among the allowed (mit)",
                mit.violations().get(0).message());
    }

    @Test
    void aPlainJarHoldsNoModelAndNeedsNoLicenceNorDigest() throws IOException {
        DependencyJudge judge = judge(new Policy(List.of()));
        Dependency plain = dependency(plainJar("plain-1.0.jar"));
        Inspection inspection = judge.inspect(plain);
        assertInstanceOf(Inspection.NoModel.class, inspection);
        DependencyVerdict verdict = judge.judge(plain, inspection, NOT_PUBLISHED, true);
        assertEquals(Status.NO_MODEL, verdict.status(), "required or not, a plain jar needs no descriptor");
        assertNull(verdict.source());
        assertNull(verdict.sha256());
        assertEquals(0, licenceLookups.get());

        Path pom = Files.writeString(base.resolve("plain-1.0.pom"), "<project/>");
        assertInstanceOf(Inspection.NoModel.class, judge.inspect(dependency(pom)));
    }

    @Test
    void aFirstLookTellsModelJarsFromPlainOnesBeforeAnyModelIsRead() throws IOException {
        DependencyJudge judge = judge(new Policy(List.of()));
        Dependency model = dependency(modelJar("tiny-1.0.jar"));
        Inspection survey = judge.survey(model);
        Inspection.ToRead toRead = assertInstanceOf(Inspection.ToRead.class, survey);
        assertTrue(toRead.holdsModels());
        assertEquals("tiny-1.0.jar!/model/model.safetensors", toRead.files().get(0).path());
        Inspection.Models read = assertInstanceOf(Inspection.Models.class, judge.read(model, survey));
        assertEquals(TinyModels.TINY_LLAMA_PARAMETERS, read.models().get(0).parameters().total());

        Inspection plain = judge.survey(dependency(plainJar("plain-1.0.jar")));
        assertFalse(plain.holdsModels());
        assertEquals(plain, judge.read(dependency(plainJar("plain-1.0.jar")), plain), "nothing more to read");
        assertThrows(IllegalArgumentException.class, () -> judge.judge(model, survey, NOT_PUBLISHED, false),
                "a verdict needs the models read");
    }

    @Test
    void aPlainJarWhoseRepositoryFailedIsStillNoModelWithTheFailureNoted() throws IOException {
        DependencyJudge judge = judge(new Policy(List.of()));
        Dependency plain = dependency(plainJar("plain-1.0.jar"));
        DependencyVerdict verdict = judge.judge(plain, judge.inspect(plain),
                new DescriptorLookup.Unavailable("offline and not in the local repository"), false);
        assertEquals(Status.NO_MODEL, verdict.status());
        assertEquals(List.of("the repositories could not be asked for a published descriptor: offline and not in the"
                + " local repository"), verdict.notes());
    }

    @Test
    void aModelDependencyWhoseRepositoryFailedIsARepositoryFailureWithItsComputedFigures() throws IOException {
        DependencyJudge judge = judge(new Policy(List.of(new AllowedLicenses(Set.of("MIT")))));
        Dependency dependency = dependency(modelJar("tiny-1.0.jar"));
        DependencyVerdict verdict = judge.judge(dependency, judge.inspect(dependency),
                new DescriptorLookup.Unavailable("HTTP 500 Internal Server Error from central"), false);
        assertEquals(Status.REPOSITORY_FAILURE, verdict.status());
        assertEquals("HTTP 500 Internal Server Error from central", verdict.detail());
        assertEquals(List.of(), verdict.violations(), "nothing is judged while a published descriptor may exist");
        assertEquals(TinyModels.TINY_LLAMA_PARAMETERS, verdict.summary().parameters());
    }

    @Test
    void requiringPublishedDescriptorsMakesAModelDependencyWithoutOneMissing() throws IOException {
        DependencyJudge judge = judge(new Policy(List.of()));
        Dependency dependency = dependency(modelJar("tiny-1.0.jar"));
        DependencyVerdict verdict = judge.judge(dependency, judge.inspect(dependency), NOT_PUBLISHED, true);
        assertEquals(Status.MISSING, verdict.status());
        assertEquals("no descriptor published (classifier openaccess, type json) in central", verdict.detail());
    }

    @Test
    void aPublishedDescriptorAgreeingWithTheJarPassesAsPublished() throws IOException {
        DependencyJudge judge = judge(new Policy(List.of(new AllowedLicenses(Set.of("MIT")))));
        Dependency dependency = dependency(modelJar("tiny-1.0.jar"));
        DependencyVerdict verdict = judge.judge(dependency, judge.inspect(dependency),
                new DescriptorLookup.Found(published("tiny.json", "1.0")), false);
        assertEquals(Status.PASS, verdict.status(), verdict::toString);
        assertEquals(Source.PUBLISHED, verdict.source());
        assertEquals("MIT", verdict.summary().weightsLicense(), "the producer's claim, not the pom's licence");
        assertEquals(0, licenceLookups.get());
        assertEquals("src/main/resources/model/model.safetensors", verdict.models().get(0).path());
        assertNull(verdict.notes());
    }

    @Test
    void aPublishedDescriptorThatUndercountsTheJarIsAMismatchNamingTheFieldAndBothValues() throws IOException {
        String json = Files.readString(published("tiny.json", "1.0"));
        String lying = json.replace("\"total\": 1704", "\"total\": 1000").replace("\"F32\": 1704", "\"F32\": 1000")
                .replace("\"weightsBytes\": 6816", "\"weightsBytes\": 4000");
        Path descriptor = Files.writeString(base.resolve("lying.json"), lying);
        DependencyJudge judge = judge(new Policy(List.of()));
        Dependency dependency = dependency(modelJar("tiny-1.0.jar"));
        DependencyVerdict verdict = judge.judge(dependency, judge.inspect(dependency),
                new DescriptorLookup.Found(descriptor), false);
        assertEquals(Status.MISMATCH, verdict.status(), verdict::toString);
        String at = "models[src/main/resources/model/model.safetensors].";
        assertEquals("the descriptor contradicts the file: " + at + "parameters.total: the descriptor says 1000, the"
                + " file holds 1704; " + at + "parameters.byDtype.F32: the descriptor says 1000, the file holds 1704; "
                + at + "weightsBytes: the descriptor says 4000, the file holds 6816", verdict.detail());
    }

    @Test
    void aPublishedDescriptorThatLeavesOutAModelOfTheJarIsAMismatch() throws IOException {
        Path descriptor = published("tiny.json", "1.0");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("model/config.json", TinyModels.tinyLlamaConfig().getBytes(StandardCharsets.UTF_8));
        entries.put("model/model.safetensors", TinyModels.tinyLlamaSafetensors());
        entries.put("extra/big.npy", npy(1000));
        Path jar = TinyModels.writeJar(base.resolve("tiny-1.0.jar"), entries);
        DependencyJudge judge = judge(new Policy(List.of()));
        DependencyVerdict verdict = judge.judge(dependency(jar), judge.inspect(dependency(jar)),
                new DescriptorLookup.Found(descriptor), false);
        assertEquals(Status.MISMATCH, verdict.status(), verdict::toString);
        assertEquals("the descriptor contradicts the file: the file holds tiny-1.0.jar!/extra/big.npy (npy, 1000"
                + " parameters), which the descriptor does not list", verdict.detail());
    }

    @Test
    void aPublishedDescriptorOfModelsTheJarDoesNotHoldIsJudgedAsClaimedAndSaysSo() throws IOException {
        Path descriptor = published("tiny.json", "1.0");
        DependencyJudge judge = judge(new Policy(List.of()));
        Dependency dependency = dependency(plainJar("tiny-1.0.jar"));
        DependencyVerdict verdict = judge.judge(dependency, judge.inspect(dependency),
                new DescriptorLookup.Found(descriptor), false);
        assertEquals(Status.PASS, verdict.status(), verdict::toString);
        assertEquals(List.of("the file holds no model: the descriptor's 1 model is judged as claimed, not verified"),
                verdict.notes());
    }

    @Test
    void theConsumersAssumptionsReestimateAPublishedDescriptor() throws IOException {
        // Llama-3-8B as config only: 8,030,261,248 bf16 parameters, 131,072 KV bytes per token
        TinyModels.writeConfig(base.resolve("llama/llama-3-8b"), TinyModels.LLAMA_3_8B_CONFIG);
        Descriptor producer = new Describer().describe(new Describer.Request(base.resolve("llama"),
                List.of("llama-3-8b"), true, List.of(), new Subject("org.example", "tiny", "1.0", "jar", null), null,
                EstimateSettings.defaults(), false, CATALOG, null)).descriptor();
        Path descriptor = Files.write(base.resolve("llama.json"), DescriptorJson.toBytes(producer));
        Policy policy = new Policy(List.of(new RequireProfile(CATALOG.profile("h100-80gb").orElseThrow())));
        DescriptorLookup found = new DescriptorLookup.Found(descriptor);
        Dependency dependency = dependency(null);

        DependencyJudge atDefaults = judge(policy);
        DependencyVerdict passes = atDefaults.judge(dependency, atDefaults.inspect(dependency), found, false);
        assertEquals(Status.PASS, passes.status(), passes::toString);
        assertEquals(new DependencyVerdict.Assumed(8192, 1, "F16", CATALOG.version(), "transformers"),
                passes.assumptions());
        assertNull(passes.producerAssumptions(), "the same assumptions as the producer's");

        EstimateSettings longContext = EstimateSettings.defaults().withInference(131_072, 16, KvCacheDtype.F16);
        DependencyJudge atLongContext = judge(policy, longContext, null, null);
        DependencyVerdict fails = atLongContext.judge(dependency, atLongContext.inspect(dependency), found, false);
        assertEquals(Status.VIOLATION, fails.status());
        assertEquals(new DependencyVerdict.Assumed(131_072, 16, "F16", CATALOG.version(), "transformers"),
                fails.assumptions());
        assertEquals(new DependencyVerdict.Assumed(8192, 1, "F16", CATALOG.version(), "transformers"),
                fails.producerAssumptions());
        // KV cache: 131,072 bytes per token × 131,072 tokens × 16 sequences = 274,877,906,944 bytes (256 GiB)
        String message = fails.violations().get(0).message();
        assertTrue(message.startsWith("inference needs "), message);
        assertTrue(message.contains(" at context 131072, batch 16, KV F16; h100-80gb offers 72.0 GiB usable"),
                message);
        long total = Long.parseLong(message.substring(message.indexOf('(') + 1, message.indexOf(" bytes)")));
        assertTrue(total > 16_060_522_496L + 274_877_906_944L, "weights + KV cache at least: " + total);
    }

    @Test
    void anUnreadableModelInsideTheJarIsInvalidNamingIt() throws IOException {
        byte[] model = TinyModels.tinyLlamaSafetensors();
        Path jar = TinyModels.writeJar(base.resolve("broken-1.0.jar"), Map.of("model.safetensors",
                java.util.Arrays.copyOf(model, 40)));
        DependencyJudge judge = judge(new Policy(List.of()));
        DependencyVerdict verdict = judge.judge(dependency(jar), judge.inspect(dependency(jar)), NOT_PUBLISHED, false);
        assertEquals(Status.INVALID, verdict.status());
        assertTrue(verdict.detail().startsWith("cannot read its model: broken-1.0.jar!/model.safetensors: "),
                verdict.detail());
    }

    @Test
    void aSecondInspectionAnswersFromTheCachesWithoutOpeningTheJar() throws IOException {
        Path digestsFile = base.resolve("cache/digests.json");
        ReadingCache readings = ReadingCache.in(base.resolve("cache/dependencies"));
        Path jar = modelJar("tiny-1.0.jar");
        DigestCache first = DigestCache.load(digestsFile);
        Inspection.Models cold = assertInstanceOf(Inspection.Models.class,
                judge(new Policy(List.of()), EstimateSettings.defaults(), first, readings).inspect(dependency(jar)));
        assertFalse(cold.cached());
        first.save();

        DigestCache second = DigestCache.load(digestsFile);
        Inspection.Models warm = assertInstanceOf(Inspection.Models.class,
                judge(new Policy(List.of()), EstimateSettings.defaults(), second, readings).inspect(dependency(jar)));
        assertTrue(warm.cached());
        assertEquals(cold.models(), warm.models());
        assertEquals(cold.sha256(), warm.sha256());

        // a damaged cache file is read anew, and replaced
        try (var files = Files.list(base.resolve("cache/dependencies"))) {
            Path entry = files.filter(file -> file.getFileName().toString().startsWith(cold.sha256())).findFirst()
                    .orElseThrow();
            Files.writeString(entry, "{\"reader\": \"x\", \"models\": [{\"path\": 3");
        }
        Inspection.Models reread = assertInstanceOf(Inspection.Models.class,
                judge(new Policy(List.of()), EstimateSettings.defaults(), DigestCache.load(digestsFile), readings)
                        .inspect(dependency(jar)));
        assertFalse(reread.cached());
        assertEquals(cold.models(), reread.models());
    }

    @Test
    void theCacheIsKeyedByTheFilesDigestSoChangedBytesAreReadAgain() throws IOException {
        ReadingCache readings = ReadingCache.in(base.resolve("cache"));
        Path jar = modelJar("tiny-1.0.jar");
        DependencyJudge judge = judge(new Policy(List.of()), EstimateSettings.defaults(), null, readings);
        judge.inspect(dependency(jar));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("weights.npy", npy(10));
        TinyModels.writeJar(jar, entries);
        Inspection.Models changed = assertInstanceOf(Inspection.Models.class, judge.inspect(dependency(jar)));
        assertFalse(changed.cached());
        assertEquals(10, changed.models().get(0).parameters().total());
    }

    /** A NumPy {@code .npy} of {@code count} float32 zeros (format 1.0: magic, version, header length, header). */
    private static byte[] npy(int count) {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + count + ",), }";
        int total = 10 + header.length() + 1;
        int padding = (64 - total % 64) % 64;
        header = header + " ".repeat(padding) + "\n";
        byte[] head = header.getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[10 + head.length + count * 4];
        bytes[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, bytes, 1, 5);
        bytes[6] = 1;
        bytes[7] = 0;
        bytes[8] = (byte) (head.length & 0xFF);
        bytes[9] = (byte) (head.length >> 8);
        System.arraycopy(head, 0, bytes, 10, head.length);
        return bytes;
    }
}
