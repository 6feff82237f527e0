package dev.openaccess.core.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The first bytes of model files no reader counts yet, written from the formats' own specifications: just enough
 * for each to be recognised, as real files are.
 */
public final class UnreadFormats {

    private UnreadFormats() {
    }

    /** A FlatBuffer: u32 root table offset, then the file identifier TFL3 at bytes 4–8 (TensorFlow's schema.fbs). */
    public static byte[] tflite() {
        return new byte[] {0x1c, 0, 0, 0, 'T', 'F', 'L', '3', 0x14, 0, 0x20, 0, 0x1c, 0, 0x18, 0};
    }

    /** torch.save since 1.6: a zip of {@code archive/data.pkl}, {@code archive/data/0}, {@code archive/version}. */
    public static byte[] pytorchZip() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", new byte[] {(byte) 0x80, 2, '}', 'q', 0, '.'}); // PROTO 2, EMPTY_DICT, STOP
        entries.put("archive/data/0", new byte[16]);
        entries.put("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        return zip(entries, true);
    }

    /** torch.jit.save: the same zip with the model's code under {@code code/}. */
    public static byte[] torchScript() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("model/data.pkl", new byte[] {(byte) 0x80, 2, '}', '.'});
        entries.put("model/code/__torch__.py", "class M(Module):\n  pass\n".getBytes(StandardCharsets.US_ASCII));
        entries.put("model/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
        return zip(entries, true);
    }

    /**
     * torch.save before 1.6: PROTO 2, then the magic number 0x1950a86a20f9469cfc6c as LONG1 of 10 bytes, little
     * endian (torch/serialization.py MAGIC_NUMBER), then STOP.
     */
    public static byte[] pytorchLegacy() {
        return new byte[] {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9,
                0x20, 0x6a, (byte) 0xa8, 0x50, 0x19, '.'};
    }

    /** An OpenNLP model: a zip whose first entry is {@code manifest.properties} naming the OpenNLP version. */
    public static byte[] openNlp() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("manifest.properties", ("Manifest-Version=1.0\nOpenNLP-Version=2.5.0\n"
                + "Component-Name=SentenceDetectorME\n").getBytes(StandardCharsets.US_ASCII));
        entries.put("sent.model", new byte[64]);
        return zip(entries, false); // OpenNLP writes DEFLATE entries with data descriptors, as here
    }

    /** Keras 3: a zip of metadata.json, config.json and model.weights.h5. */
    public static byte[] keras() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("metadata.json", "{\"keras_version\": \"3.3.3\"}".getBytes(StandardCharsets.US_ASCII));
        entries.put("config.json", "{\"class_name\": \"Sequential\"}".getBytes(StandardCharsets.US_ASCII));
        entries.put("model.weights.h5", hdf5());
        return zip(entries, true);
    }

    /** HDF5: the format signature at byte 0, then a superblock (version 0). */
    public static byte[] hdf5() {
        return new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0, 0, 8, 8, 0};
    }

    /** gzip's magic, as a CoreNLP .ser.gz starts. */
    public static byte[] gzip() {
        return new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    }

    public static byte[] openCvCascade() {
        return ("<?xml version=\"1.0\"?>\n<opencv_storage>\n<cascade type_id=\"opencv-cascade-classifier\">"
                + "<stageType>BOOST</stageType></cascade></opencv_storage>\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** OpenVINO IR: {@code <net>} with a Const layer whose data lies in the .bin beside it. */
    public static byte[] openVinoXml() {
        return ("<?xml version=\"1.0\"?>\n<net name=\"m\" version=\"11\"><layers><layer id=\"0\" type=\"Const\">"
                + "<data element_type=\"f32\" shape=\"4\" offset=\"0\" size=\"16\"/></layer></layers></net>\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A TensorFlow.js graph model's model.json: its topology, then the weights manifest. */
    public static byte[] tfjsModelJson() {
        return ("{\"format\": \"graph-model\", \"generatedBy\": \"2.15.0\", \"modelTopology\": {\"node\": []},"
                + " \"weightsManifest\": [{\"paths\": [\"group1-shard1of1.bin\"], \"weights\": [{\"name\": \"w\","
                + " \"shape\": [4], \"dtype\": \"float32\"}]}]}").getBytes(StandardCharsets.US_ASCII);
    }

    /** A zip of {@code entries}, stored or DEFLATE-compressed. */
    public static byte[] zip(Map<String, byte[]> entries, boolean stored) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                for (var entry : entries.entrySet()) {
                    ZipEntry zipEntry = new ZipEntry(entry.getKey());
                    if (stored) {
                        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                        crc.update(entry.getValue());
                        zipEntry.setMethod(ZipEntry.STORED);
                        zipEntry.setSize(entry.getValue().length);
                        zipEntry.setCrc(crc.getValue());
                    }
                    zip.putNextEntry(zipEntry);
                    zip.write(entry.getValue());
                    zip.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
