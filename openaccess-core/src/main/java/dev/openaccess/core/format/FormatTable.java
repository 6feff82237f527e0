package dev.openaccess.core.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The format table: every kind of model file openaccess recognises, how it is recognised (magic bytes, names, a
 * zip's entries), where its bytes lie ({@link Layout}), and the reader that counts it, where one does yet. The one
 * home of this knowledge: {@link ModelDetector}, {@link ModelFinder} and {@link ArchiveEntries} ask here.
 *
 * <p>A file is recognised in two passes over the rows, in order: first by what its bytes show (a magic number, a
 * zip's entries, the opening of an XML or JSON document), then, for rows that allow it, by its name alone, so that
 * a damaged {@code .onnx} is still reported as a damaged ONNX model rather than skipped. A row without a reader
 * lists its files in the descriptor's {@code unreadFiles}; giving it one is how a format is added.
 */
public enum FormatTable {
    GGUF(ModelFormat.GGUF, Layout.FILE, GgufReader::new, "GGUF",
            ends(".gguf"), head -> head.has(0, Magic.GGUF), true),
    NPY(ModelFormat.NPY, Layout.FILE, NpyReader::new, "a NumPy array",
            ends(".npy"), head -> head.has(0, Magic.NPY), true),
    /** FlatBuffers carry their file identifier at bytes 4–8 (TensorFlow's schema.fbs: {@code TFL3}). */
    TFLITE(ModelFormat.TFLITE, Layout.FILE, TfliteReader::new, "a TensorFlow Lite model",
            ends(".tflite"), head -> head.has(4, Magic.TFLITE), true),
    /** MediaPipe task bundles are zips of TensorFlow Lite models and their metadata: one model of them all. */
    MEDIAPIPE_TASK(ModelFormat.TFLITE, Layout.ARCHIVE, MediaPipeTaskReader::new,
            "a MediaPipe task bundle (TensorFlow Lite models)",
            ends(".task"), head -> head.isZip() && head.name().endsWith(".task"), true),
    NPZ(ModelFormat.NPZ, Layout.ARCHIVE, NpzReader::new, "a NumPy .npz archive",
            ends(".npz"), head -> head.isZip() && head.name().endsWith(".npz"), true),
    /** The index of a sharded model stands for all its shards. */
    SAFETENSORS_INDEX(ModelFormat.SAFETENSORS, Layout.FOLDER, ShardedSafetensorsReader::new,
            "a sharded safetensors model", ends(SafetensorsIndex.SUFFIX),
            head -> head.name().endsWith(SafetensorsIndex.SUFFIX), true),
    SAFETENSORS(ModelFormat.SAFETENSORS, Layout.FILE, SafetensorsReader::new, "safetensors",
            ends(".safetensors"), FormatTable::looksLikeSafetensors, true),
    /** Protocol buffers carry no magic number: ONNX is known by its name. */
    ONNX(ModelFormat.ONNX, Layout.FILE, OnnxReader::new, "ONNX", ends(".onnx"), head -> false, true),
    /** torch.jit.save: a PyTorch zip with the model's code under {@code code/}. */
    TORCHSCRIPT(ModelFormat.TORCHSCRIPT, Layout.ARCHIVE, () -> new PytorchZipReader(ModelFormat.TORCHSCRIPT),
            "a TorchScript archive",
            FormatTable::pytorchName, head -> head.isZip() && head.hasEntry(FormatTable::pickleEntry)
            && head.hasEntry(name -> name.startsWith("code/") || name.contains("/code/")), false),
    /** torch.save since 1.6: a zip of {@code <name>/data.pkl} and the storages under {@code <name>/data/}. */
    PYTORCH_ZIP(ModelFormat.PYTORCH, Layout.ARCHIVE, () -> new PytorchZipReader(ModelFormat.PYTORCH),
            "a PyTorch checkpoint (zip)",
            FormatTable::pytorchName, head -> head.isZip() && head.hasEntry(FormatTable::pickleEntry), true) {
        @Override
        boolean byName(FileHead head) {
            return head.isZip() && pytorchName(head.name());
        }
    },
    /**
     * torch.save before 1.6: pickles in a row, the first the magic number 0x1950a86a20f9469cfc6c (protocol 2:
     * PROTO 2, LONG1 of 10 bytes, little endian), whatever the name; any pickle of protocol 2 under a PyTorch name.
     * A {@code .bin} of another name needs the whole magic: two bytes alone are no sign of a model.
     */
    PYTORCH_PICKLE(ModelFormat.PYTORCH, Layout.FILE, PytorchLegacyReader::new, "a PyTorch checkpoint (pickle)",
            FormatTable::pytorchName, head -> head.has(0, Magic.TORCH_LEGACY)
            || head.has(0, Magic.PICKLE_2) && pytorchName(head.name()), true),
    /** Keras 3: a zip of {@code metadata.json}, {@code config.json} and {@code model.weights.h5}. */
    KERAS(ModelFormat.KERAS, Layout.ARCHIVE, () -> new KerasReader(true), "a Keras model (.keras)",
            ends(".keras"), head -> head.isZip() && head.name().endsWith(".keras"), true),
    /** HDF5's signature at byte 0 (it may also sit at 512, 1024, ... after a user block). */
    KERAS_H5(ModelFormat.KERAS, Layout.FILE, () -> new KerasReader(false), "an HDF5 file, as Keras 2 saves models",
            ends(".h5", ".hdf5"), head -> head.has(0, Magic.HDF5)
            && (head.name().endsWith(".h5") || head.name().endsWith(".hdf5")), true),
    /** {@code saved_model.pb} stands for the variables beside it: {@code variables/variables.index} and its shards. */
    SAVEDMODEL(ModelFormat.SAVEDMODEL, Layout.FOLDER, SavedModelReader::new, "a TensorFlow SavedModel",
            name -> name.equals("saved_model.pb") || name.equals("saved_model.pbtxt"), head -> false, true),
    /**
     * A frozen TensorFlow graph: a {@code .pb} whose bytes open as a {@code GraphDef} does, with a node (field 1)
     * whose name (field 1) and op (field 2) come first. {@code .pb} names many other protobufs: the name alone is
     * no sign of a model.
     */
    TF_GRAPHDEF(ModelFormat.SAVEDMODEL, Layout.FILE, GraphDefReader::new, "a frozen TensorFlow graph (GraphDef)",
            name -> name.endsWith(".pb") && !name.equals("saved_model.pb"), FormatTable::looksLikeGraphDef, false),
    /** TensorFlow.js: a {@code model.json} with a weights manifest, or a bare {@code *weights_manifest.json}. */
    TFJS(ModelFormat.TFJS, Layout.FOLDER, TfjsReader::new, "a TensorFlow.js model",
            FormatTable::tfjsName, head -> head.name().endsWith("weights_manifest.json") || tfjsName(head.name())
                    && (head.mentions("\"modelTopology\"") || head.mentions("\"weightsManifest\"")), false),
    /** OpenVINO IR: {@code model.xml} (layers, {@code Const} offsets) beside {@code model.bin} (the weights). */
    OPENVINO(ModelFormat.OPENVINO, Layout.FOLDER, OpenVinoReader::new, "an OpenVINO IR model",
            name -> name.endsWith(".xml"), head -> openvinoPair(head) && head.mentions("<net "), false) {
        @Override
        boolean named(FileHead head) {
            return openvinoPair(head);
        }
    },
    OPENCV_CASCADE(ModelFormat.OPENCV_CASCADE, Layout.FILE, null, "an OpenCV cascade classifier",
            FormatTable::cascadeName, head -> cascadeName(head.name()) && head.mentions("<opencv_storage>"), false),
    /** OpenNLP models are zips whose first entry is {@code manifest.properties} (with {@code OpenNLP-Version}). */
    OPENNLP(ModelFormat.OPENNLP, Layout.ARCHIVE, null, "an Apache OpenNLP model",
            ends(".bin"), head -> head.isZip() && head.hasEntry("manifest.properties"::equals), false),
    /** Stanford CoreNLP's models are gzipped Java serialisations. */
    CORENLP(ModelFormat.CORENLP, Layout.FILE, null, "a Stanford CoreNLP model (Java serialisation)",
            ends(".ser.gz"), head -> head.has(0, Magic.GZIP) && head.name().endsWith(".ser.gz"),
            true),
    TESSERACT(ModelFormat.TESSERACT, Layout.FILE, null, "Tesseract OCR trained data",
            ends(".traineddata"), head -> false, true),
    /** Only a config that declares a model counts; {@link ModelFinder} and {@link ArchiveEntries} check that. */
    HF_CONFIG(ModelFormat.HF_CONFIG, Layout.FILE, HfConfigReader::new, "a Hugging Face config.json",
            name -> name.equals("config.json"), head -> false, true);

    /** Containers hold models among other entries; they are not models themselves. */
    private static final String[] CONTAINER_ENDINGS = {".jar", ".zip"};
    // Compiled once: every entry of every jar a consumer depends on is asked whether it may be a model.
    private static final Pattern PYTORCH_SHARD = Pattern.compile("pytorch_model(-\\d+-of-\\d+)?\\.bin");
    private static final Pattern TOP_FOLDER_PICKLE = Pattern.compile("[^/]+/data\\.pkl");

    /** The magic numbers, apart so the rows above may name them (an enum's constants come before its fields). */
    private static final class Magic {
        static final byte[] GGUF = ascii("GGUF");
        static final byte[] NPY = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
        static final byte[] TFLITE = ascii("TFL3");
        static final byte[] TORCH_LEGACY = {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c,
                0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19};
        static final byte[] PICKLE_2 = {(byte) 0x80, 0x02};
        static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
        static final byte[] GZIP = {0x1f, (byte) 0x8b};
        static final Pattern CASCADE_NAME = Pattern.compile("cascade|haar|lbp");
        static final Pattern OP_NAME = Pattern.compile("[A-Z][A-Za-z0-9_]*");
    }

    private final ModelFormat format;
    private final Layout layout;
    private final Supplier<ModelReader> reader;
    private final String description;
    private final Predicate<String> names;
    private final Predicate<FileHead> content;
    private final boolean nameAlone;

    /**
     * @param reader      the reader that counts the format, or null while none does
     * @param description the format in words, for the reason a file is not read
     * @param names       the names files of this format go by (lower case, without folder)
     * @param content     whether the bytes show the format
     * @param nameAlone   whether a file so named is taken for one without its bytes showing it
     */
    FormatTable(ModelFormat format, Layout layout, Supplier<ModelReader> reader, String description,
                Predicate<String> names, Predicate<FileHead> content, boolean nameAlone) {
        this.format = format;
        this.layout = layout;
        this.reader = reader;
        this.description = description;
        this.names = names;
        this.content = content;
        this.nameAlone = nameAlone;
    }

    public ModelFormat format() {
        return format;
    }

    public Layout layout() {
        return layout;
    }

    /** A new reader for this row's files, or empty while no reader counts them. */
    public Optional<ModelReader> reader() {
        return Optional.ofNullable(reader).map(Supplier::get);
    }

    /** The row of a format's plain files ({@code safetensors}: the single file, not the sharded index). */
    public static FormatTable of(ModelFormat format) {
        for (FormatTable row : values()) {
            if (row.format == format && row.layout != Layout.FOLDER) {
                return row;
            }
        }
        for (FormatTable row : values()) {
            if (row.format == format) {
                return row;
            }
        }
        throw new IllegalArgumentException("no row for " + format);
    }

    /**
     * Why a file of this row is not counted here, or empty when it is: no reader yet, or an archive format met
     * inside another archive, which can only be read as a file on disk.
     */
    public Optional<String> unreadBecause(boolean insideArchive) {
        if (reader == null) {
            return Optional.of(description + ": no reader counts this format yet");
        }
        if (insideArchive && layout == Layout.ARCHIVE) {
            return Optional.of(description + " inside another archive: read only as a file on disk (extract it,"
                    + " or name it in <models>)");
        }
        return Optional.empty();
    }

    /** The row whose format the file is, or empty when it is no model file openaccess knows. */
    static Optional<FormatTable> detect(FileHead head) {
        for (FormatTable row : values()) {
            if (row.content.test(head)) {
                return Optional.of(row);
            }
        }
        for (FormatTable row : values()) {
            if (row.nameAlone && row.byName(head)) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether an archive entry of this name may be a model, so that its first bytes are worth inflating; every
     * other entry of a jar is judged by its name alone, never inflated.
     */
    static boolean mayBeModel(String name, Predicate<String> siblings) {
        String lower = name.toLowerCase(Locale.ROOT);
        String own = lower.substring(lower.lastIndexOf('/') + 1);
        FileHead nameOnly = new FileHead(own, new byte[0], List.of(), siblings);
        for (FormatTable row : values()) {
            if (row.named(nameOnly)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a file of this name (lower case) is a jar or zip that holds models among other entries. */
    static boolean isContainer(String lowerCaseName) {
        for (String ending : CONTAINER_ENDINGS) {
            if (lowerCaseName.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the file goes by one of this row's names. */
    boolean named(FileHead head) {
        return names.test(head.name());
    }

    /** Whether the name alone claims the file for this row. */
    boolean byName(FileHead head) {
        return named(head);
    }

    private static Predicate<String> ends(String... endings) {
        return name -> {
            for (String ending : endings) {
                if (name.endsWith(ending)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static boolean tfjsName(String name) {
        return name.endsWith("weights_manifest.json")
                || name.endsWith(".json") && name.contains("model") && !name.equals("config.json");
    }

    /** An OpenVINO IR is an {@code .xml} with its weights in the {@code .bin} of the same name beside it. */
    private static boolean openvinoPair(FileHead head) {
        return head.name().endsWith(".xml") && head.siblings().test(stem(head.name()) + ".bin");
    }

    /** OpenCV ships its cascades as {@code haarcascade_*.xml} and {@code lbpcascade_*.xml}. */
    private static boolean cascadeName(String name) {
        return name.endsWith(".xml") && Magic.CASCADE_NAME.matcher(name).find();
    }

    private static boolean pytorchName(String name) {
        return name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".ckpt")
                || name.startsWith("pytorch_model") && PYTORCH_SHARD.matcher(name).matches();
    }

    /** {@code data.pkl} at the top of the zip or in its one top folder ({@code archive/data.pkl}). */
    private static boolean pickleEntry(String entry) {
        return entry.equals("data.pkl") || entry.endsWith("/data.pkl") && TOP_FOLDER_PICKLE.matcher(entry).matches();
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A {@code GraphDef}'s first bytes: field 1 (a NodeDef), its length, then the node's name (field 1) in printable
     * ASCII and its op (field 2), an identifier, as TensorFlow serialises nodes.
     */
    private static boolean looksLikeGraphDef(FileHead head) {
        if (!head.name().endsWith(".pb") || head.name().equals("saved_model.pb")) {
            return false;
        }
        byte[] bytes = head.bytes();
        int[] at = {0};
        if (!tagAt(bytes, at, 0x0A) || varintAt(bytes, at) < 4 || !tagAt(bytes, at, 0x0A)) {
            return false;
        }
        long nameLength = varintAt(bytes, at);
        if (nameLength < 1 || at[0] + nameLength > bytes.length) {
            return false;
        }
        for (int i = at[0]; i < at[0] + nameLength; i++) {
            if (bytes[i] < 0x20 || bytes[i] > 0x7E) {
                return false;
            }
        }
        at[0] += (int) nameLength;
        if (!tagAt(bytes, at, 0x12)) {
            return false;
        }
        long opLength = varintAt(bytes, at);
        if (opLength < 1 || opLength > 128 || at[0] + opLength > bytes.length) {
            return false;
        }
        String op = new String(bytes, at[0], (int) opLength, StandardCharsets.US_ASCII);
        return Magic.OP_NAME.matcher(op).matches();
    }

    private static boolean tagAt(byte[] bytes, int[] at, int tag) {
        if (at[0] >= bytes.length || bytes[at[0]] != tag) {
            return false;
        }
        at[0]++;
        return true;
    }

    /** A varint of at most 5 bytes at {@code at}, or -1 when there is none. */
    private static long varintAt(byte[] bytes, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 35 && at[0] < bytes.length; shift += 7) {
            byte b = bytes[at[0]++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        return -1;
    }

    /** A plausible header length followed by the opening brace of the JSON header. */
    private static boolean looksLikeSafetensors(FileHead head) {
        byte[] bytes = head.bytes();
        if (bytes.length < 9 || bytes[8] != '{') {
            return false;
        }
        long length = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return length >= 2 && length <= SafetensorsReader.MAX_HEADER_BYTES;
    }
}
