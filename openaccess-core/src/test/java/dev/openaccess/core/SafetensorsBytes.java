package dev.openaccess.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes real safetensors bytes for tests: {@code u64} little-endian header length, the JSON header padded with
 * spaces to a multiple of 8 (as the reference writer does), then the tensors' data laid out contiguously.
 */
public final class SafetensorsBytes {

    /** One tensor: its byte count is given explicitly so tests can also write inconsistent headers. */
    public record Tensor(String name, String dtype, long[] shape, long bytes) {
    }

    private final List<Tensor> tensors = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    public SafetensorsBytes tensor(String name, String dtype, long bitsPerElement, long... shape) {
        long elements = 1;
        for (long dim : shape) {
            elements *= dim;
        }
        return tensorWithBytes(name, dtype, elements * bitsPerElement / 8, shape);
    }

    public SafetensorsBytes tensorWithBytes(String name, String dtype, long bytes, long... shape) {
        tensors.add(new Tensor(name, dtype, shape, bytes));
        return this;
    }

    public SafetensorsBytes metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** The JSON header as the reference writer lays it out (before padding). */
    public String headerJson() {
        StringBuilder json = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            json.append("\"__metadata__\":{").append(metadata.entrySet().stream()
                    .map(e -> quote(e.getKey()) + ":" + quote(e.getValue())).collect(Collectors.joining(","))).append("}");
        }
        long offset = 0;
        for (Tensor tensor : tensors) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quote(tensor.name())).append(":{\"dtype\":").append(quote(tensor.dtype()))
                    .append(",\"shape\":[").append(java.util.Arrays.stream(tensor.shape()).mapToObj(Long::toString)
                            .collect(Collectors.joining(","))).append("],\"data_offsets\":[").append(offset)
                    .append(',').append(offset + tensor.bytes()).append("]}");
            offset += tensor.bytes();
        }
        return json.append('}').toString();
    }

    public long dataBytes() {
        return tensors.stream().mapToLong(Tensor::bytes).sum();
    }

    /** The whole file in memory: for small tensors only. */
    public byte[] toBytes() {
        return withHeader(headerJson(), dataBytes());
    }

    /** A file with an arbitrary header and {@code dataBytes} of deterministic data. */
    public static byte[] withHeader(String headerJson, long dataBytes) {
        byte[] header = pad(headerJson).getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(8 + header.length + dataBytes))
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(header.length).put(header);
        for (long i = 0; i < dataBytes; i++) {
            buffer.put((byte) (i * 31 + 7));
        }
        return buffer.array();
    }

    public Path writeTo(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, toBytes());
    }

    private static String pad(String json) {
        return json + " ".repeat((8 - json.getBytes(StandardCharsets.UTF_8).length % 8) % 8);
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
