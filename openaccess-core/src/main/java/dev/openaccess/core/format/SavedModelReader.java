package dev.openaccess.core.format;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a TensorFlow SavedModel ({@link Layout#FOLDER}): {@code saved_model.pb} stands for the model, whose weights
 * are the variables of its checkpoint, {@code variables/variables.index} (a {@link TensorBundle}) and the data
 * shards it names, {@code variables/variables.data-00000-of-00001} and on (tensorflow/core/util/tensor_bundle
 * {@code DataFilename}). Counts come from the index's entries, bytes from the sizes the entries declare, which must
 * lie inside their shards; the shards are never opened, only sized, and are the facts' parts.
 *
 * <p>The checkpoint's object graph ({@code _CHECKPOINTABLE_OBJECT_GRAPH}, a string tensor describing how the
 * variables hang together) is no weight and is left out; a partitioned variable is counted by its slices, which hold
 * its data, not by its full entry, which only lists them. An optimizer's state, which a model saved with its
 * optimizer keeps for training (object-based keys: {@code optimizer/...}, slots under {@code /.OPTIMIZER_SLOT/}), is
 * no parameter of the model: it is checked like any entry, left out of the count, and a warning says how much.
 *
 * <p>{@code saved_model.pb} ({@code saved_model.proto}: SavedModel.meta_graphs 2, MetaGraphDef.meta_info_def 1 and
 * graph_def 2) is walked for its first meta graph's constants ({@link TfGraph}). With variables they are not
 * counted (shapes, axes and the saver's file name, not weights: a Keras model's count is its variables'); the
 * metadata says how many elements they hold. Without variables the graph's constants are the weights (a graph frozen
 * into a SavedModel), and are counted. A text {@code saved_model.pbtxt} is not walked.
 */
public final class SavedModelReader implements ModelReader {

    static final String INDEX = "variables/variables.index";
    private static final String OBJECT_GRAPH = "_CHECKPOINTABLE_OBJECT_GRAPH";
    private static final int SAVED_MODEL_META_GRAPHS = 2;
    private static final int META_INFO_DEF = 1, META_GRAPH_DEF = 2;
    private static final int INFO_TAGS = 4, INFO_TENSORFLOW_VERSION = 5;
    private static final int MAX_META_TEXT = 256;

    @Override
    public ModelFormat format() {
        return ModelFormat.SAVEDMODEL;
    }

    @Override
    public ModelFacts read(ModelSource savedModel) throws IOException {
        String path = savedModel.path();
        Map<String, String> metadata = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        TfGraph.Constants graph = null;
        if (path.endsWith(".pb")) {
            graph = graph(savedModel, metadata);
        }
        Optional<ModelSource> index = savedModel.resolve(INDEX);
        if (index.isEmpty()) {
            if (graph == null) {
                return new ModelFacts(ModelFormat.SAVEDMODEL, new WeightCount(path).parameters(), 0L, 0L, null,
                        metadata, List.of(path + ": a text SavedModel without " + INDEX + " beside it: its graph's"
                                + " constants are not counted"));
            }
            warnings.add(path + ": no " + INDEX + " beside it: the weights counted are the constants of its graph");
            warnings.addAll(graph.warnings());
            return new ModelFacts(ModelFormat.SAVEDMODEL, graph.count.parameters(), graph.count.weightsBytes(),
                    graph.count.tensors(), null, metadata, warnings);
        }
        if (graph != null) {
            metadata.put("savedmodel.graphConstants", Long.toString(graph.count.tensors()));
            metadata.put("savedmodel.graphConstantElements", Long.toString(graph.count.total()));
        }
        Variables variables = new Variables(savedModel);
        TensorBundle.read(index.get(), variables);
        variables.unknown.forEach((dtype, tensors) -> warnings.add(path + ": " + tensors
                + (tensors == 1 ? " tensor" : " tensors") + " of data type " + dtype.substring("TF_TYPE_".length())
                + ", which types.proto does not define: their elements and stored bytes are counted under " + dtype));
        if (variables.optimizer.tensors() > 0) {
            warnings.add(path + ": " + variables.optimizer.tensors() + " tensors of optimizer state ("
                    + variables.optimizer.total() + " elements, " + variables.optimizer.weightsBytes() + " bytes),"
                    + " kept for training, are not counted as the model's parameters");
        }
        metadata.put("savedmodel.shards", Integer.toString(variables.shards.size()));
        List<ModelSource> parts = new ArrayList<>();
        parts.add(index.get());
        parts.addAll(variables.shards.values());
        WeightCount count = variables.count;
        return new ModelFacts(ModelFormat.SAVEDMODEL, count.parameters(), count.weightsBytes(), count.tensors(),
                null, metadata, warnings).withParts(parts);
    }

    /** The variables as the index lists them: each entry checked against the shard it lies in. */
    private static final class Variables implements TensorBundle.Visitor {
        final ModelSource savedModel;
        final String path;
        final Map<Integer, ModelSource> shards = new LinkedHashMap<>();
        final WeightCount count;
        final Map<String, Long> unknown = new TreeMap<>();
        final WeightCount optimizer;

        Variables(ModelSource savedModel) {
            this.savedModel = savedModel;
            this.path = savedModel.path();
            this.count = new WeightCount(path);
            this.optimizer = new WeightCount(path, "the optimizer's tensors");
        }

        @Override
        public void header(TensorBundle.Header header) throws IOException {
            int total = header.shards();
            for (int shard = 0; shard < total; shard++) {
                String name = String.format("variables/variables.data-%05d-of-%05d", shard, total);
                shards.put(shard, savedModel.resolve(name).orElseThrow(() -> new ModelFormatException(path,
                        INDEX + " declares " + total + " data shards, and " + name + " is missing")));
            }
        }

        @Override
        public void entry(TensorBundle.Entry entry) throws IOException {
            if (entry.name().equals(OBJECT_GRAPH) || entry.sliced()) {
                return;
            }
            String what = "tensor '" + entry.name() + "'";
            long elements = Checked.elements(path, what, entry.shape());
            ModelSource shard = shards.get(entry.shard());
            if (shard == null) {
                throw new ModelFormatException(path, what + " lies in shard " + entry.shard() + " of "
                        + shards.size());
            }
            if (Checked.sum(path, what + " end", entry.offset(), entry.size()) > shard.size()) {
                throw new ModelFormatException(path, what + " lies at " + entry.offset() + " (" + entry.size()
                        + " bytes), past the end of " + shard.path() + " (" + shard.size() + " bytes)");
            }
            TfDataType type = entry.dtype();
            boolean optimizerState = entry.name().startsWith("optimizer/")
                    || entry.name().contains("/.OPTIMIZER_SLOT/");
            WeightCount count = optimizerState ? optimizer : this.count;
            if (type == null) {
                String dtype = "TF_TYPE_" + Long.toUnsignedString(entry.dtypeId());
                unknown.merge(dtype, 1L, Long::sum);
                count.tensor(dtype, elements, entry.size());
            } else if (type.bits() > 0) {
                long bytes = Checked.bytes(path, what, elements, type.bits());
                if (bytes != entry.size()) {
                    throw new ModelFormatException(path, what + " of " + elements + " " + type.dtype()
                            + " elements declares " + entry.size() + " bytes where they take " + bytes);
                }
                count.tensor(type.dtype(), elements, bytes);
            } else {
                count.tensor(type.dtype(), elements, entry.size()); // strings: the bytes stored
            }
        }
    }

    /** The first meta graph's constants, its tags and the TensorFlow version that wrote it. */
    private static TfGraph.Constants graph(ModelSource savedModel, Map<String, String> metadata) throws IOException {
        TfGraph.Constants constants = new TfGraph.Constants(savedModel.path(), savedModel.size());
        int metaGraphs = 0;
        try (InputStream stream = savedModel.open()) {
            CodedInputStream in = CodedInputStream.newInstance(stream);
            in.setSizeLimit(Integer.MAX_VALUE);
            for (int tag; (tag = in.readTag()) != 0; ) {
                if (WireFormat.getTagFieldNumber(tag) != SAVED_MODEL_META_GRAPHS) {
                    in.skipField(tag);
                    continue;
                }
                if (++metaGraphs > 1) {
                    in.skipField(tag); // the others hold the same variables under other tags
                    continue;
                }
                int limit = TfGraph.enter(in, tag, constants);
                List<String> tags = new ArrayList<>();
                for (int t; (t = in.readTag()) != 0; ) {
                    switch (WireFormat.getTagFieldNumber(t)) {
                        case META_INFO_DEF -> {
                            int info = TfGraph.enter(in, t, constants);
                            for (int i; (i = in.readTag()) != 0; ) {
                                switch (WireFormat.getTagFieldNumber(i)) {
                                    case INFO_TAGS -> tags.add(text(in, i, constants));
                                    case INFO_TENSORFLOW_VERSION -> metadata.put("tensorflow.version",
                                            text(in, i, constants));
                                    default -> in.skipField(i);
                                }
                            }
                            in.popLimit(info);
                        }
                        case META_GRAPH_DEF -> {
                            int graph = TfGraph.enter(in, t, constants);
                            TfGraph.graph(in, constants);
                            in.popLimit(graph);
                        }
                        default -> in.skipField(t);
                    }
                }
                in.popLimit(limit);
                if (!tags.isEmpty()) {
                    metadata.put("savedmodel.tags", String.join(",", tags));
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFormatException(savedModel.path(), "not a valid SavedModel (protobuf wire format): "
                    + e.getMessage());
        }
        if (metaGraphs == 0) {
            throw new ModelFormatException(savedModel.path(), "holds no meta graph: not a SavedModel");
        }
        metadata.put("savedmodel.metaGraphs", Integer.toString(metaGraphs));
        return constants;
    }

    /** A short text of the meta graph's description, cut to {@value #MAX_META_TEXT} characters. */
    private static String text(CodedInputStream in, int tag, TfGraph.Constants constants) throws IOException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            throw new ModelFormatException(constants.path, "field " + WireFormat.getTagFieldNumber(tag)
                    + " should be a string but has wire type " + WireFormat.getTagWireType(tag));
        }
        int length = in.readRawVarint32();
        if (length < 0 || length > constants.size) {
            throw new ModelFormatException(constants.path, "truncated: a string declares "
                    + Integer.toUnsignedString(length) + " bytes, more than the file holds");
        }
        byte[] kept = in.readRawBytes(Math.min(length, MAX_META_TEXT));
        in.skipRawBytes(length - kept.length);
        return new String(kept, java.nio.charset.StandardCharsets.UTF_8);
    }
}
