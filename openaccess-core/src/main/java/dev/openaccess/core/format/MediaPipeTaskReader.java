package dev.openaccess.core.format;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;

/**
 * Reads a MediaPipe task bundle ({@code .task}): a zip of TensorFlow Lite models (a face landmarker holds a detector,
 * a landmarks model and a blendshapes model; an LLM bundle its prefill-and-decode model, under names without
 * {@code .tflite}) and their metadata, read in place ({@link Layout#ARCHIVE}). Every entry whose bytes carry
 * {@code TFL3} at 4 is read by {@link TfliteReader}, mapped where MediaPipe stores it uncompressed, as it does.
 *
 * <p>The bundle is one model: MediaPipe loads all of its models together, into one graph, so what the hardware must
 * hold is their sum. The entries are named in {@code mediapipe.models}.
 */
public final class MediaPipeTaskReader implements ModelReader {

    private static final byte[] TFL3 = {'T', 'F', 'L', '3'};
    private final TfliteReader tflite = new TfliteReader();

    @Override
    public ModelFormat format() {
        return ModelFormat.TFLITE;
    }

    @Override
    public ModelFacts read(ModelSource task) throws IOException {
        WeightCount count = new WeightCount(task.path(), "its models");
        Map<String, String> metadata = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        List<ModelSource> parts = new ArrayList<>();
        List<String> models = new ArrayList<>();
        try (ZipArchive zip = task.archive()) {
            for (ZipEntry entry : zip.files()) {
                ModelSource source = zip.entry(entry.getName());
                byte[] head;
                try (InputStream in = source.open()) {
                    head = in.readNBytes(8);
                }
                if (head.length == 8 && Arrays.equals(head, 4, 8, TFL3, 0, 4)) {
                    ModelFacts facts = tflite.read(source);
                    count.add(facts);
                    warnings.addAll(facts.warnings());
                    parts.addAll(facts.parts());
                    models.add(entry.getName());
                } else if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                    // MediaPipe's holistic bundles nest bundles: a zip inside this zip cannot be read in place
                    warnings.add(source.path() + ": a bundle inside the bundle, not read here (extract it and name it"
                            + " in <models>): the totals leave its models out");
                }
            }
        }
        if (models.isEmpty()) {
            throw new ModelFormatException(task.path(), "holds no TensorFlow Lite model (no entry carries TFL3 at"
                    + " byte 4): not a MediaPipe task bundle");
        }
        metadata.put("mediapipe.models", String.join(",", models));
        return new ModelFacts(ModelFormat.TFLITE, count.parameters(), count.weightsBytes(), count.tensors(), null,
                metadata, warnings).withParts(parts);
    }
}
