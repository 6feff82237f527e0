package dev.openaccess.core.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a safetensors file header-only: {@code u64} little-endian header length N, N bytes of JSON, then the data.
 *
 * <p>Validates the header as the reference implementation does (huggingface/safetensors {@code tensor.rs}):
 * every tensor's byte span equals its element count times its dtype width, the spans tile the data buffer with
 * no gap or overlap, and the buffer ends exactly at the end of the file. Only the first 8 + N bytes are read.
 */
public final class SafetensorsReader implements ModelReader {

    /** The reference reader refuses larger headers; so do we, before allocating anything. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final String METADATA_KEY = "__metadata__";

    private static final ObjectMapper JSON = JsonMapper.builder(new JsonFactory().setStreamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(8).maxNumberLength(32).build()))
            // Like the reference parsers (serde_json, Python's json): nothing but whitespace after the object.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @Override
    public ModelFormat format() {
        return ModelFormat.SAFETENSORS;
    }

    @Override
    public ModelFacts read(ModelSource source) throws IOException {
        String path = source.path();
        try (InputStream in = source.open()) {
            long headerLength = readHeaderLength(in, source);
            byte[] header = in.readNBytes((int) headerLength);
            if (header.length < headerLength) {
                throw new ModelFormatException(path, "truncated: the header declares " + headerLength
                        + " bytes of JSON but the file ends after " + header.length);
            }
            long dataLength = source.size() - 8 - headerLength;
            return describe(path, parseHeader(path, header), dataLength);
        }
    }

    private static long readHeaderLength(InputStream in, ModelSource source) throws IOException {
        byte[] prefix = in.readNBytes(8);
        if (prefix.length < 8) {
            throw new ModelFormatException(source.path(), "truncated: " + prefix.length
                    + " bytes, too short for the 8-byte safetensors header length");
        }
        long length = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (length < 2 || length > MAX_HEADER_BYTES) {
            throw new ModelFormatException(source.path(), "header length " + Long.toUnsignedString(length)
                    + " is outside the accepted range 2.." + MAX_HEADER_BYTES + " bytes: not a safetensors file");
        }
        if (length > source.size() - 8) {
            throw new ModelFormatException(source.path(), "truncated: the header declares " + length
                    + " bytes of JSON but the file has only " + (source.size() - 8) + " bytes after the length");
        }
        return length;
    }

    private static JsonNode parseHeader(String path, byte[] header) throws ModelFormatException {
        try {
            JsonNode node = JSON.readTree(header);
            if (node == null || !node.isObject()) {
                throw new ModelFormatException(path, "the header is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(path, "the header is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ModelFormatException(path, "the header cannot be parsed: " + e.getMessage());
        }
    }

    private record Tensor(String name, String dtype, long elements, long begin, long end) {
    }

    private static ModelFacts describe(String path, JsonNode header, long dataLength) throws ModelFormatException {
        Map<String, String> metadata = new TreeMap<>();
        List<Tensor> tensors = new ArrayList<>();
        WeightCount count = new WeightCount(path);
        List<String> unknownDtypes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (METADATA_KEY.equals(field.getKey())) {
                metadata.putAll(readMetadata(path, field.getValue()));
                continue;
            }
            Tensor tensor = readTensor(path, field.getKey(), field.getValue(), unknownDtypes);
            tensors.add(tensor);
            // A dtype the format does not define has no width, so nothing bounds its shape by the bytes the file
            // holds: found by review, two such tensors of 2^62 elements overflowed the sum. WeightCount refuses it.
            count.tensor(tensor.dtype(), tensor.elements(), null);
        }
        long weightsBytes = checkLayout(path, tensors, dataLength);
        List<String> warnings = unknownDtypes.stream()
                .map(dtype -> path + ": dtype " + dtype + " is not in the safetensors format; its elements are"
                        + " counted and its bytes taken from data_offsets")
                .toList();
        return new ModelFacts(ModelFormat.SAFETENSORS, count.parameters(), weightsBytes, count.tensors(), null,
                metadata, warnings);
    }

    private static Map<String, String> readMetadata(String path, JsonNode node) throws ModelFormatException {
        if (!node.isObject()) {
            throw new ModelFormatException(path, METADATA_KEY + " must be an object of strings");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new ModelFormatException(path, METADATA_KEY + "." + entry.getKey() + " must be a string");
            }
            metadata.put(entry.getKey(), entry.getValue().textValue());
        }
        return metadata;
    }

    private static Tensor readTensor(String path, String name, JsonNode node, List<String> unknownDtypes)
            throws ModelFormatException {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw new ModelFormatException(path, where + " is not an object");
        }
        JsonNode dtypeNode = node.get("dtype");
        JsonNode shape = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new ModelFormatException(path, where + " has no dtype string");
        }
        if (shape == null || !shape.isArray()) {
            throw new ModelFormatException(path, where + " has no shape array");
        }
        if (offsets == null || !offsets.isArray() || offsets.size() != 2) {
            throw new ModelFormatException(path, where + " has no data_offsets [begin, end]");
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = nonNegative(path, where + " shape", shape.get(i));
        }
        long elements = Checked.elements(path, where, dims);
        long begin = nonNegative(path, where + " data_offsets", offsets.get(0));
        long end = nonNegative(path, where + " data_offsets", offsets.get(1));
        if (end < begin) {
            throw new ModelFormatException(path, where + " data_offsets end " + end + " is before begin " + begin);
        }
        String dtype = dtypeNode.textValue();
        var known = SafetensorsDtype.byName(dtype);
        if (known.isPresent()) {
            long expected = byteSize(path, where, elements, known.get());
            if (end - begin != expected) {
                throw new ModelFormatException(path, where + " spans " + (end - begin) + " bytes but " + dtype
                        + " " + shape + " needs " + expected);
            }
        } else if (!unknownDtypes.contains(dtype)) {
            unknownDtypes.add(dtype);
        }
        return new Tensor(name, dtype, elements, begin, end);
    }

    private static long byteSize(String path, String where, long elements, SafetensorsDtype dtype)
            throws ModelFormatException {
        long bits = Checked.product(path, where + " byte size", elements, dtype.bits());
        if (bits % 8 != 0) {
            throw new ModelFormatException(path, where + " has " + elements + " " + dtype
                    + " elements, which do not fill whole bytes");
        }
        return bits / 8;
    }

    private static long nonNegative(String path, String where, JsonNode value) throws ModelFormatException {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new ModelFormatException(path, where + " holds " + value + ", not a non-negative integer");
        }
        return value.longValue();
    }

    /** The tensors must tile the data buffer exactly, which must end at the end of the file. */
    private static long checkLayout(String path, List<Tensor> tensors, long dataLength) throws ModelFormatException {
        List<Tensor> byOffset = new ArrayList<>(tensors);
        byOffset.sort(Comparator.comparingLong(Tensor::begin).thenComparingLong(Tensor::end));
        long expectedBegin = 0;
        for (Tensor tensor : byOffset) {
            if (tensor.begin() != expectedBegin) {
                throw new ModelFormatException(path, "tensor '" + tensor.name() + "' starts at data offset "
                        + tensor.begin() + " but the previous tensor ends at " + expectedBegin
                        + (tensor.begin() < expectedBegin ? " (overlap)" : " (gap)"));
            }
            expectedBegin = tensor.end();
        }
        if (expectedBegin != dataLength) {
            throw new ModelFormatException(path, expectedBegin > dataLength
                    ? "truncated: the tensors need " + expectedBegin + " bytes of data but the file holds " + dataLength
                    : "the tensors cover " + expectedBegin + " bytes of data but the file holds " + dataLength);
        }
        return expectedBegin;
    }
}
