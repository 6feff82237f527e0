package dev.openaccess.core.format;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.openaccess.core.format.tflite.BlockwiseQuantization;
import dev.openaccess.core.format.tflite.Buffer;
import dev.openaccess.core.format.tflite.DimensionMetadata;
import dev.openaccess.core.format.tflite.ExternalBuffer;
import dev.openaccess.core.format.tflite.ExternalBufferGroup;
import dev.openaccess.core.format.tflite.Int32Vector;
import dev.openaccess.core.format.tflite.Metadata;
import dev.openaccess.core.format.tflite.Model;
import dev.openaccess.core.format.tflite.QuantizationDetails;
import dev.openaccess.core.format.tflite.QuantizationParameters;
import dev.openaccess.core.format.tflite.SparseIndexVector;
import dev.openaccess.core.format.tflite.SparsityParameters;
import dev.openaccess.core.format.tflite.SubGraph;
import dev.openaccess.core.format.tflite.Tensor;
import dev.openaccess.core.format.tflite.Uint8Vector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TensorFlow Lite models written as TensorFlow's converter writes them: through the FlatBuffers builder and the
 * classes flatc generates from {@code schema.fbs} (the same builder API TensorFlow's C++ converter uses), so the
 * layout (vtables, offsets, alignment) is FlatBuffers' own, not the reader's idea of it. Buffer 0 is the empty
 * sentinel, as the converter always writes it.
 */
public final class TfliteBytes {

    /** A sparse dimension's index vectors: segments then indices, each of {@code SparseIndexVector} type. */
    record SparseDim(byte segmentsType, int segments, byte indicesType, int indices) {
    }

    /** One tensor of a subgraph. */
    static final class T {
        final String name;
        final byte type;
        final int[] shape;
        final long buffer;
        int scales;
        int zeroPoints;
        int[] blockwise; // {scales tensor, zero points tensor}
        List<SparseDim> sparse;
        long external;
        boolean variable;

        T(String name, byte type, long buffer, int... shape) {
            this.name = name;
            this.type = type;
            this.buffer = buffer;
            this.shape = shape;
        }

        T quantized(int scaleCount, int zeroPointCount) {
            scales = scaleCount;
            zeroPoints = zeroPointCount;
            return this;
        }

        T blockwise(int scalesTensor, int zeroPointsTensor) {
            blockwise = new int[] {scalesTensor, zeroPointsTensor};
            return this;
        }

        T sparse(SparseDim... dims) {
            sparse = List.of(dims);
            return this;
        }

        T external(long id) {
            external = id;
            return this;
        }

        T variable() {
            variable = true;
            return this;
        }
    }

    private record B(byte[] data, long offset, long size) {
    }

    private record X(long id, int group, long offset, long length) {
    }

    private final List<B> buffers = new ArrayList<>(List.of(new B(null, 0, 0)));
    private final List<List<T>> subgraphs = new ArrayList<>();
    private final List<String> groups = new ArrayList<>();
    private final List<X> externals = new ArrayList<>();
    private final List<String[]> metadata = new ArrayList<>();
    private String description = "TOCO Converted.";

    /** A model of one subgraph with one constant, 3×4 F32 (12 parameters, 48 bytes), and an activation. */
    public static byte[] tiny() {
        TfliteBytes model = new TfliteBytes();
        model.subgraph(tensor("w", dev.openaccess.core.format.tflite.TensorType.FLOAT32, model.buffer(48), 3, 4),
                tensor("out", dev.openaccess.core.format.tflite.TensorType.FLOAT32, 0, 1, 3));
        return model.toBytes();
    }

    /** A buffer holding {@code data}; its index. */
    int buffer(byte[] data) {
        buffers.add(new B(data, 0, 0));
        return buffers.size() - 1;
    }

    /** A buffer holding {@code bytes} zero bytes. */
    int buffer(int bytes) {
        return buffer(new byte[bytes]);
    }

    /** An empty buffer, as the converter gives activations. */
    int emptyBuffer() {
        buffers.add(new B(new byte[0], 0, 0));
        return buffers.size() - 1;
    }

    /** A buffer whose data lies outside the FlatBuffer, at {@code offset} of the file (models over 2 GB). */
    int bufferAt(long offset, long size) {
        buffers.add(new B(null, offset, size));
        return buffers.size() - 1;
    }

    /** An external buffer group (a file beside the model); its index. */
    int group(String file) {
        groups.add(file);
        return groups.size() - 1;
    }

    TfliteBytes externalBuffer(long id, int group, long offset, long length) {
        externals.add(new X(id, group, offset, length));
        return this;
    }

    /** A metadata entry naming {@code buffer}. */
    TfliteBytes metadata(String name, int buffer) {
        metadata.add(new String[] {name, Integer.toString(buffer)});
        return this;
    }

    TfliteBytes description(String text) {
        description = text;
        return this;
    }

    TfliteBytes subgraph(T... tensors) {
        subgraphs.add(List.of(tensors));
        return this;
    }

    static T tensor(String name, byte type, long buffer, int... shape) {
        return new T(name, type, buffer, shape);
    }

    byte[] toBytes() {
        FlatBufferBuilder b = new FlatBufferBuilder(1024);
        int[] subgraphOffsets = new int[subgraphs.size()];
        for (int s = 0; s < subgraphs.size(); s++) {
            List<T> tensors = subgraphs.get(s);
            int[] tensorOffsets = new int[tensors.size()];
            for (int t = 0; t < tensors.size(); t++) {
                tensorOffsets[t] = tensor(b, tensors.get(t));
            }
            int vector = SubGraph.createTensorsVector(b, tensorOffsets);
            int name = b.createString("main");
            SubGraph.startSubGraph(b);
            SubGraph.addTensors(b, vector);
            SubGraph.addName(b, name);
            subgraphOffsets[s] = SubGraph.endSubGraph(b);
        }
        int[] bufferOffsets = new int[buffers.size()];
        for (int i = 0; i < buffers.size(); i++) {
            B buffer = buffers.get(i);
            int data = buffer.data() == null ? 0 : Buffer.createDataVector(b, buffer.data());
            Buffer.startBuffer(b);
            if (buffer.data() != null) {
                Buffer.addData(b, data);
            }
            if (buffer.offset() != 0) {
                Buffer.addOffset(b, buffer.offset());
                Buffer.addSize(b, buffer.size());
            }
            bufferOffsets[i] = Buffer.endBuffer(b);
        }
        int[] metadataOffsets = new int[metadata.size()];
        for (int i = 0; i < metadata.size(); i++) {
            int name = b.createString(metadata.get(i)[0]);
            metadataOffsets[i] = Metadata.createMetadata(b, name, Long.parseLong(metadata.get(i)[1]));
        }
        int[] groupOffsets = new int[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            groupOffsets[i] = ExternalBufferGroup.createExternalBufferGroup(b, b.createString(groups.get(i)));
        }
        int[] externalOffsets = new int[externals.size()];
        for (int i = 0; i < externals.size(); i++) {
            X x = externals.get(i);
            externalOffsets[i] = ExternalBuffer.createExternalBuffer(b, x.id(), x.group(), x.offset(), x.length(), 0);
        }
        int subgraphVector = Model.createSubgraphsVector(b, subgraphOffsets);
        int bufferVector = Model.createBuffersVector(b, bufferOffsets);
        int metadataVector = metadata.isEmpty() ? 0 : Model.createMetadataVector(b, metadataOffsets);
        int groupVector = groups.isEmpty() ? 0 : Model.createExternalBufferGroupsVector(b, groupOffsets);
        int externalVector = externals.isEmpty() ? 0 : Model.createExternalBuffersVector(b, externalOffsets);
        int text = b.createString(description);
        Model.startModel(b);
        Model.addVersion(b, 3);
        Model.addSubgraphs(b, subgraphVector);
        Model.addDescription(b, text);
        Model.addBuffers(b, bufferVector);
        if (metadataVector != 0) {
            Model.addMetadata(b, metadataVector);
        }
        if (groupVector != 0) {
            Model.addExternalBufferGroups(b, groupVector);
        }
        if (externalVector != 0) {
            Model.addExternalBuffers(b, externalVector);
        }
        Model.finishModelBuffer(b, Model.endModel(b));
        return b.sizedByteArray();
    }

    private static int tensor(FlatBufferBuilder b, T t) {
        int shape = Tensor.createShapeVector(b, t.shape);
        int name = b.createString(t.name);
        int quantization = 0;
        if (t.scales > 0 || t.zeroPoints > 0 || t.blockwise != null) {
            int scale = QuantizationParameters.createScaleVector(b, new float[t.scales]);
            long[] zeros = new long[t.zeroPoints];
            int zeroPoint = QuantizationParameters.createZeroPointVector(b, zeros);
            int details = t.blockwise == null ? 0
                    : BlockwiseQuantization.createBlockwiseQuantization(b, t.blockwise[0], t.blockwise[1], 32);
            QuantizationParameters.startQuantizationParameters(b);
            QuantizationParameters.addScale(b, scale);
            QuantizationParameters.addZeroPoint(b, zeroPoint);
            if (details != 0) {
                QuantizationParameters.addDetailsType(b, QuantizationDetails.BlockwiseQuantization);
                QuantizationParameters.addDetails(b, details);
            }
            quantization = QuantizationParameters.endQuantizationParameters(b);
        }
        int sparsity = 0;
        if (t.sparse != null) {
            int[] dims = new int[t.sparse.size()];
            for (int d = 0; d < dims.length; d++) {
                SparseDim dim = t.sparse.get(d);
                int segments = indexVector(b, dim.segmentsType(), dim.segments());
                int indices = indexVector(b, dim.indicesType(), dim.indices());
                dims[d] = DimensionMetadata.createDimensionMetadata(b, (byte) 1, 0, dim.segmentsType(), segments,
                        dim.indicesType(), indices);
            }
            int order = SparsityParameters.createTraversalOrderVector(b, range(t.sparse.size()));
            int metadataVector = SparsityParameters.createDimMetadataVector(b, dims);
            sparsity = SparsityParameters.createSparsityParameters(b, order, 0, metadataVector);
        }
        Tensor.startTensor(b);
        Tensor.addShape(b, shape);
        Tensor.addType(b, t.type);
        if (t.buffer != 0) {
            Tensor.addBuffer(b, t.buffer);
        }
        Tensor.addName(b, name);
        if (quantization != 0) {
            Tensor.addQuantization(b, quantization);
        }
        if (t.variable) {
            Tensor.addIsVariable(b, true);
        }
        if (sparsity != 0) {
            Tensor.addSparsity(b, sparsity);
        }
        if (t.external != 0) {
            Tensor.addExternalBuffer(b, t.external);
        }
        return Tensor.endTensor(b);
    }

    private static int indexVector(FlatBufferBuilder b, byte type, int length) {
        return switch (type) {
            case SparseIndexVector.Int32Vector -> Int32Vector.createInt32Vector(b,
                    Int32Vector.createValuesVector(b, new int[length]));
            case SparseIndexVector.Uint8Vector -> Uint8Vector.createUint8Vector(b,
                    Uint8Vector.createValuesVector(b, new byte[length]));
            case SparseIndexVector.Uint16Vector -> dev.openaccess.core.format.tflite.Uint16Vector
                    .createUint16Vector(b, dev.openaccess.core.format.tflite.Uint16Vector.createValuesVector(b,
                            new int[length]));
            default -> 0;
        };
    }

    private static int[] range(int n) {
        int[] values = new int[n];
        Arrays.setAll(values, i -> i);
        return values;
    }

}
