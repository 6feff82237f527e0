package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Parameters;
import java.util.Map;
import java.util.TreeMap;

/**
 * A reader's running count of one model's tensors: elements per dtype, bytes of data, tensors. Every sum is checked
 * and refused past 2^63 − 1 in words naming the file, so a reader that counts here cannot overflow silently nor
 * throw a bare {@link ArithmeticException}, whatever its file declares.
 */
public final class WeightCount {

    private final String path;
    private final String what;
    private final Map<String, Long> byDtype = new TreeMap<>();
    private long total;
    private long weightsBytes;
    private long tensors;

    /**
     * @param path the file, as named in the descriptor
     * @param what what is counted, for messages: {@code the tensors}, {@code its shards}, {@code its arrays}
     */
    public WeightCount(String path, String what) {
        this.path = path;
        this.what = what;
    }

    public WeightCount(String path) {
        this(path, "the tensors");
    }

    /** One tensor of {@code elements} values of {@code dtype} whose data takes {@code bytes} (null: unknown). */
    public void tensor(String dtype, long elements, Long bytes) throws ModelFormatException {
        elements(dtype, elements);
        if (bytes != null) {
            bytes(bytes);
        }
        tensors = Checked.sum(path, what + " count", tensors, 1);
    }

    /** Elements counted without a tensor of their own. */
    public void elements(String dtype, long elements) throws ModelFormatException {
        try {
            byDtype.merge(dtype, elements, Math::addExact);
            total = Math.addExact(total, elements);
        } catch (ArithmeticException e) {
            throw new ModelFormatException(path, what + " declare more than 2^63 - 1 elements in all");
        }
    }

    /** Bytes of data counted without elements of their own (sparse indices, quantization tables). */
    public void bytes(long bytes) throws ModelFormatException {
        try {
            weightsBytes = Math.addExact(weightsBytes, bytes);
        } catch (ArithmeticException e) {
            throw new ModelFormatException(path, what + " declare more than 2^63 - 1 bytes in all");
        }
    }

    /** Another file's facts, summed into these (a shard into its model). */
    public void add(ModelFacts facts) throws ModelFormatException {
        for (Map.Entry<String, Long> dtype : facts.parameters().byDtype().entrySet()) {
            elements(dtype.getKey(), dtype.getValue());
        }
        if (facts.weightsBytes() != null) {
            bytes(facts.weightsBytes());
        }
        if (facts.tensors() != null) {
            tensors = Checked.sum(path, what + " tensor count", tensors, facts.tensors());
        }
    }

    public long total() {
        return total;
    }

    public long weightsBytes() {
        return weightsBytes;
    }

    public long tensors() {
        return tensors;
    }

    /** The count as exact parameters (from headers), every one active. */
    public Parameters parameters() {
        return new Parameters(total, total, byDtype, true);
    }
}
