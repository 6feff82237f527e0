package dev.openaccess.core.format;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Reads a frozen TensorFlow graph: a {@code GraphDef} ({@code graph.proto}) serialised on its own, as
 * {@code freeze_graph} and {@code convert_variables_to_constants} write it ({@code frozen_inference_graph.pb}, the
 * Android demos' {@code tensorflow_inception_graph.pb}), whose weights are its {@code Const} nodes' tensors,
 * walked by {@link TfGraph}. It is counted under the contract's TensorFlow graph format, {@code savedmodel}
 * (the metadata's {@code tensorflow.graph} says {@code frozen-graphdef}): both are TensorFlow's protobuf graphs.
 */
public final class GraphDefReader implements ModelReader {

    @Override
    public ModelFormat format() {
        return ModelFormat.SAVEDMODEL;
    }

    @Override
    public ModelFacts read(ModelSource source) throws IOException {
        TfGraph.Constants constants = new TfGraph.Constants(source.path(), source.size());
        try (InputStream stream = source.open()) {
            CodedInputStream in = CodedInputStream.newInstance(stream);
            in.setSizeLimit(Integer.MAX_VALUE); // protobuf caps a message at 2 GiB, as TensorFlow does
            TfGraph.graph(in, constants);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFormatException(source.path(), "not a valid TensorFlow GraphDef (protobuf wire format): "
                    + e.getMessage());
        }
        if (constants.nodes == 0) {
            throw new ModelFormatException(source.path(), "holds no nodes: not a TensorFlow graph");
        }
        return new ModelFacts(ModelFormat.SAVEDMODEL, constants.count.parameters(), constants.count.weightsBytes(),
                constants.count.tensors(), null, Map.of("tensorflow.graph", "frozen-graphdef",
                        "tensorflow.nodes", Long.toString(constants.nodes)), constants.warnings());
    }
}
