package dev.openaccess.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.openaccess.core.Describer;
import dev.openaccess.core.TinyModels;
import dev.openaccess.core.descriptor.DescriptorException;
import dev.openaccess.core.descriptor.DescriptorJson;
import dev.openaccess.core.format.GgufReader;
import dev.openaccess.core.format.GraphDefReader;
import dev.openaccess.core.format.HfConfigReader;
import dev.openaccess.core.format.KerasReader;
import dev.openaccess.core.format.ModelFormatException;
import dev.openaccess.core.format.ModelReader;
import dev.openaccess.core.format.ModelSource;
import dev.openaccess.core.format.NpyReader;
import dev.openaccess.core.format.OnnxReader;
import dev.openaccess.core.format.OpenVinoReader;
import dev.openaccess.core.format.SafetensorsReader;
import dev.openaccess.core.format.TfjsReader;
import dev.openaccess.core.format.TfliteReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of every reader with Jazzer. Strangers' bytes may only ever end in facts or in a
 * {@link ModelFormatException} (a {@link DescriptorException} for descriptors): any other exception, an
 * {@code OutOfMemoryError} or a hang is a finding.
 *
 * <p>Run as plain tests ({@code ./mvnw verify}), each target replays its regression corpus in
 * {@code src/test/resources/dev/openaccess/core/fuzz/ReaderFuzzTestInputs/<target>/}: the seeds and every input
 * that once found a bug. Fuzz for real, 5 minutes per target, with
 * {@code JAZZER_FUZZ=1 ./mvnw -pl openaccess-core test -Dtest=ReaderFuzzTest#safetensors} (one target at a time; new
 * findings are written to that folder).
 *
 * <p>Archives and SavedModels are read from disk ({@link java.util.zip.ZipFile} needs a file), so {@code archive},
 * {@code npz}, {@code pytorch}, {@code savedmodel} and {@code task} overwrite one file in one folder per JVM and
 * describe it end to end: the entries they find go through the real readers, as in a build.
 */
class ReaderFuzzTest {

    /** One folder for the whole run: a folder per input would cost more than the input's own work. */
    private static final Path FOLDER = folder();

    private static Path folder() {
        try {
            Path folder = Files.createTempDirectory("openaccess-fuzz");
            folder.toFile().deleteOnExit();
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void safetensors(byte[] data) throws IOException {
        read(new SafetensorsReader(), "fuzz.safetensors", data);
    }

    @FuzzTest(maxDuration = "5m")
    void gguf(byte[] data) throws IOException {
        read(new GgufReader(), "fuzz.gguf", data);
    }

    @FuzzTest(maxDuration = "5m")
    void onnx(byte[] data) throws IOException {
        read(new OnnxReader(), "fuzz.onnx", data);
    }

    @FuzzTest(maxDuration = "5m")
    void npy(byte[] data) throws IOException {
        read(new NpyReader(), "fuzz.npy", data);
    }

    @FuzzTest(maxDuration = "5m")
    void tflite(byte[] data) throws IOException {
        read(new TfliteReader(), "fuzz.tflite", data);
    }

    /** A MediaPipe task bundle end to end: the zip read in place, its stored models mapped. */
    @FuzzTest(maxDuration = "5m")
    void task(byte[] data) throws IOException {
        describe("model.task", data);
    }

    @FuzzTest(maxDuration = "5m")
    void tfjs(byte[] data) throws IOException {
        read(new TfjsReader(), "model.json", data);
    }

    @FuzzTest(maxDuration = "5m")
    void openvino(byte[] data) throws IOException {
        read(new OpenVinoReader(), "model.xml", data);
    }

    @FuzzTest(maxDuration = "5m")
    void config(byte[] data) throws IOException {
        read(new HfConfigReader(), "config.json", data);
    }

    @FuzzTest(maxDuration = "5m")
    void archive(byte[] data) throws IOException {
        describe("model.jar", data);
    }

    @FuzzTest(maxDuration = "5m")
    void npz(byte[] data) throws IOException {
        describe("model.npz", data);
    }

    /**
     * A {@code .pt} file end to end: a zip goes to the zip checkpoint or TorchScript reader, anything else to the
     * legacy reader, whose first pickle runs through the {@code PickleMachine} opcode by opcode before its magic
     * number is checked, so every byte string exercises the interpreter.
     */
    @FuzzTest(maxDuration = "5m")
    void pytorch(byte[] data) throws IOException {
        describe("model.pt", data);
    }

    /** A frozen TensorFlow graph: the GraphDef walk, its nodes, attributes, constants and shapes. */
    @FuzzTest(maxDuration = "5m")
    void graphdef(byte[] data) throws IOException {
        read(new GraphDefReader(), "fuzz.pb", data);
    }

    /**
     * A SavedModel end to end whose {@code variables/variables.index} is the input: the table's footer, blocks and
     * prefix-compressed entries, the header and every BundleEntryProto, checked against a 4 KiB data shard beside
     * it. {@code saved_model.pb} is one empty meta graph (schema version 1, meta_graphs of no bytes).
     */
    @FuzzTest(maxDuration = "5m")
    void savedmodel(byte[] data) throws IOException {
        Path variables = Files.createDirectories(FOLDER.resolve("saved/variables"));
        Path pb = FOLDER.resolve("saved/saved_model.pb");
        Path index = variables.resolve("variables.index");
        if (!Files.exists(pb)) {
            // deleted at exit in the reverse order: files, then their folders
            variables.getParent().toFile().deleteOnExit();
            variables.toFile().deleteOnExit();
            Files.write(pb, new byte[] {0x08, 0x01, 0x12, 0x00}).toFile().deleteOnExit();
            Files.write(variables.resolve("variables.data-00000-of-00001"), new byte[4096]).toFile().deleteOnExit();
            index.toFile().deleteOnExit();
        }
        Files.write(index, data);
        try {
            new Describer().describe(TinyModels.request(FOLDER, "saved", true));
        } catch (ModelFormatException expected) {
            // refused with a message naming the file: what hostile input may do
        }
    }

    /**
     * A Keras 2 {@code .h5} through jhdf: superblock, object headers, B-trees and heaps of groups, attributes (the
     * model's config), each dataset's dataspace and datatype. Bytes of no file are copied to a temporary one first,
     * as an {@code .h5} inside a jar is.
     */
    @FuzzTest(maxDuration = "5m")
    void keras(byte[] data) throws IOException {
        read(new KerasReader(false), "fuzz.h5", data);
    }

    @FuzzTest(maxDuration = "5m")
    void descriptor(byte[] data) throws IOException {
        try {
            DescriptorJson.read(new ByteArrayInputStream(data), "fuzz.json");
        } catch (DescriptorException expected) {
            // refused with a message: what untrusted descriptors may do
        }
    }

    /** The whole pipeline on one file, digests included: they inflate every byte of every entry found. */
    private static void describe(String name, byte[] data) throws IOException {
        Path file = FOLDER.resolve(name);
        Files.write(file, data);
        file.toFile().deleteOnExit();
        try {
            new Describer().describe(TinyModels.request(FOLDER, name, true));
        } catch (ModelFormatException expected) {
            // refused with a message naming the file: what hostile input may do
        }
    }

    private static void read(ModelReader reader, String name, byte[] data) throws IOException {
        try {
            reader.read(new ModelSource(name, data.length, () -> new ByteArrayInputStream(data)));
        } catch (ModelFormatException expected) {
            // refused with a message naming the file: what hostile input may do
        }
    }
}
