package dev.openaccess.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.DescriptorException;
import dev.openaccess.core.descriptor.DescriptorJson;
import dev.openaccess.core.descriptor.DescriptorSchema;
import dev.openaccess.core.descriptor.UnreadFile;
import dev.openaccess.core.estimate.EstimateSettings;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.format.OnnxBytes;
import dev.openaccess.core.format.TfliteBytes;
import dev.openaccess.core.format.UnreadFormats;
import dev.openaccess.core.policy.Dependency;
import dev.openaccess.core.policy.DependencyJudge;
import dev.openaccess.core.policy.DependencyVerdict;
import dev.openaccess.core.policy.DependencyVerdict.Status;
import dev.openaccess.core.policy.DescriptorLookup;
import dev.openaccess.core.policy.Inspection;
import dev.openaccess.core.policy.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that look like models but that no reader counts: listed, warned of once, never taken for nothing. */
class UnreadFilesTest {

    @TempDir
    Path base;

    private Path write(String path, byte[] bytes) throws IOException {
        Path file = base.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    /** OpenNLP's model jar as Maven Central ships it: the model a .bin zip beside model.properties. */
    private Path openNlpJar() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes(StandardCharsets.US_ASCII));
        entries.put("model.properties", "model.name=sentdetect\n".getBytes(StandardCharsets.US_ASCII));
        entries.put("opennlp-en-ud-ewt-sentence-1.2-2.5.0.bin", UnreadFormats.openNlp());
        return TinyModels.writeJar(base.resolve("opennlp-models-sentdetect-en-1.2.0.jar"), entries);
    }

    @Test
    void aFolderOfFourFormatsIsDescribedWithTheTwoNoReaderCountsListed() throws IOException {
        write("mixed/model.onnx", OnnxBytes.model(OnnxBytes.graph(new byte[0][], OnnxBytes.tensor("w", 1, 16, 4))));
        write("mixed/selfie.tflite", TfliteBytes.tiny());
        write("mixed/english.ser.gz", UnreadFormats.gzip());
        write("mixed/haarcascade_frontalface_default.xml", UnreadFormats.openCvCascade());
        Describer.Result result = new Describer().describe(TinyModels.request(base, "mixed", false));
        Descriptor descriptor = result.descriptor();
        assertEquals(List.of("mixed/model.onnx", "mixed/selfie.tflite"), descriptor.models().stream()
                .map(m -> m.path()).toList());
        assertEquals(List.of("mixed/english.ser.gz", "mixed/haarcascade_frontalface_default.xml"),
                descriptor.unread().stream().map(UnreadFile::path).toList());
        List<String> unreadWarnings = result.warnings().stream().filter(w -> w.contains("no reader counts")).toList();
        assertEquals(List.of("2 files look like a model but no reader counts them (1 corenlp, 1 opencv-cascade):"
                + " mixed/english.ser.gz (corenlp), mixed/haarcascade_frontalface_default.xml (opencv-cascade). The"
                + " parameter counts and requirements leave them out; the descriptor lists them all in unreadFiles"),
                unreadWarnings);
        assertTrue(DescriptorSummary.lines(descriptor).contains("Not counted: 2 files look like a model but no reader"
                + " counts them (1 corenlp, 1 opencv-cascade): the totals and requirements below leave them out"
                + " (unreadFiles in the descriptor)"), DescriptorSummary.lines(descriptor).toString());
        assertEquals(List.of(), DescriptorSchema.violations(DescriptorJson.toTree(descriptor)));
        String json = DescriptorJson.toString(descriptor);
        assertTrue(json.contains("\"unreadFiles\": [\n    {\n      \"format\": \"corenlp\","), json);
    }

    @Test
    void aModelJarNoReaderCountsGetsADescriptorOfItsUnreadFiles() throws Exception {
        openNlpJar();
        Describer.Result result = new Describer().describe(TinyModels.request(base,
                "opennlp-models-sentdetect-en-1.2.0.jar", true));
        assertFalse(result.hasModels());
        assertTrue(result.foundModels(), "not \"no model file found there\"");
        assertEquals(List.of(new UnreadFile("opennlp-models-sentdetect-en-1.2.0.jar!/opennlp-en-ud-ewt-sentence-1.2"
                + "-2.5.0.bin", "opennlp", "an Apache OpenNLP model: no reader counts this format yet")),
                result.descriptor().unreadFiles());
        assertEquals(List.of(), DescriptorSchema.violations(DescriptorJson.toTree(result.descriptor())));
        // the JSON round trip keeps them
        Descriptor read = DescriptorJson.read(new java.io.ByteArrayInputStream(DescriptorJson.toBytes(
                result.descriptor())), "d.json");
        assertEquals(result.descriptor().unreadFiles(), read.unreadFiles());
    }

    @Test
    void theConsumerJudgesAModelJarNoReaderCountsAsUnreadNotAsNoModel() throws IOException {
        Path jar = openNlpJar();
        DependencyJudge judge = new DependencyJudge(new Policy(List.of()), EstimateSettings.defaults(),
                HardwareCatalog.defaults(), null, null, dependency -> "Apache-2.0");
        Dependency dependency = new Dependency("org.apache.opennlp", "opennlp-models-sentdetect-en", "1.2.0", "jar",
                jar);
        Inspection inspection = judge.inspect(dependency);
        assertTrue(inspection.holdsModels());
        Inspection.Models models = assertInstanceOf(Inspection.Models.class, inspection);
        assertEquals(1, models.unread().size());
        DescriptorLookup notPublished = new DescriptorLookup.NotPublished("no descriptor published in central");
        DependencyVerdict verdict = judge.judge(dependency, inspection, notPublished, false);
        assertEquals(Status.UNREAD, verdict.status(), verdict::toString);
        assertEquals("unread", verdict.status().id());
        assertEquals("1 file looks like a model but no reader counts it: its requirements and the policy could not be"
                + " judged", verdict.detail());
        assertTrue(verdict.notes().get(0).startsWith("it looks like a model: opennlp-models-sentdetect-en-1.2.0.jar!"
                + "/opennlp-en-ud-ewt-sentence-1.2-2.5.0.bin (opennlp: "), verdict.notes().toString());
        assertEquals(Status.MISSING, judge.judge(dependency, inspection, notPublished, true).status(),
                "a model dependency that must publish a descriptor and does not is missing");
    }

    private String writeOnnx() throws IOException {
        write("one/model.onnx", OnnxBytes.model(OnnxBytes.graph(new byte[0][], OnnxBytes.tensor("w", 1, 16, 4))));
        return "one";
    }

    /**
     * A glob over 10,000 models: the warnings and the summary stay a few lines, and the descriptor is one
     * {@code check} accepts (the producer checks it before writing).
     */
    @Test
    void aGlobOfTenThousandModelsStaysBoundedAndWithinTheConsumersLimits() throws Exception {
        byte[] onnx = OnnxBytes.model(OnnxBytes.graph(new byte[0][], OnnxBytes.tensor("w", 3, 4, 4)));
        for (int i = 0; i < 10_000; i++) {
            write(String.format("many/%02d/m%05d.onnx", i / 500, i), onnx);
        }
        Describer.Result result = new Describer().describe(TinyModels.request(base, "many/**/*.onnx", false));
        assertEquals(10_000, result.descriptor().models().size());
        assertTrue(result.warnings().size() <= Describer.MAX_WARNINGS + 1, result.warnings().size() + " warnings");
        List<String> summary = DescriptorSummary.lines(result.descriptor());
        assertTrue(summary.size() < DescriptorSummary.MAX_MODEL_LINES + 30, summary.size() + " summary lines");
        assertTrue(summary.contains("... and 9980 more models (10000 in all, 40,000 (40.0 K) parameters together):"
                + " every one is in the descriptor"), summary.toString());
        // parsed back under the consumer's limits (size, lengths, depth) before it is returned; the schema's
        // acceptance of each kind of model is DescriptorSchemaTest's (a full read of 10,000 takes seconds more)
        byte[] json = DescriptorJson.toCheckedBytes(result.descriptor());
        assertTrue(json.length <= DescriptorJson.MAX_DOCUMENT_BYTES, json.length + " bytes");
    }
}
