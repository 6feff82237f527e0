package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Parameters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a sharded safetensors model as one: the index and the header of every shard it names, summed. Shards are
 * read once each however many tensors they hold; counts come from the shards' headers, never from the index's
 * {@code total_size}, which some writers fill with file sizes.
 */
public final class ShardedSafetensorsReader {

    private final SafetensorsReader shards = new SafetensorsReader();

    /**
     * The model's facts and its shard files.
     *
     * @param shardFiles the shards, in name order
     */
    public record Sharded(ModelFacts facts, List<ModelFile> shardFiles) {
    }

    public Sharded read(ModelFile index) throws IOException {
        SafetensorsIndex map = SafetensorsIndex.read(index.source());
        Map<String, Long> byDtype = new TreeMap<>();
        Map<String, String> metadata = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        List<ModelFile> files = new ArrayList<>();
        long weightsBytes = 0;
        long tensors = 0;
        for (String shard : map.shards()) {
            ModelFile file = index.sibling(shard, ModelFormat.SAFETENSORS);
            if (!file.exists()) {
                throw new ModelFormatException(index.path(), "names shard '" + shard + "', which is missing");
            }
            ModelFacts facts = shards.read(file.source());
            try {
                facts.parameters().byDtype().forEach((dtype, count) -> byDtype.merge(dtype, count, Math::addExact));
                weightsBytes = Math.addExact(weightsBytes, facts.weightsBytes());
                tensors = Math.addExact(tensors, facts.tensors());
            } catch (ArithmeticException e) {
                throw tooManyElements(index);
            }
            metadata.putAll(facts.metadata());
            warnings.addAll(facts.warnings());
            long listed = map.weightMap().values().stream().filter(shard::equals).count();
            if (listed != facts.tensors()) {
                warnings.add(index.path() + ": weight_map lists " + listed + " tensors in " + shard + ", which holds "
                        + facts.tensors());
            }
            files.add(file);
        }
        if (map.totalSize() != null && map.totalSize() != weightsBytes) {
            warnings.add(index.path() + ": metadata.total_size says " + map.totalSize() + " bytes; the shards' headers"
                    + " hold " + weightsBytes + " bytes of tensors (the count used)");
        }
        long total;
        try {
            total = byDtype.values().stream().mapToLong(Long::longValue).reduce(0, Math::addExact);
        } catch (ArithmeticException e) {
            throw tooManyElements(index);
        }
        ModelFacts facts = new ModelFacts(ModelFormat.SAFETENSORS, new Parameters(total, total, byDtype, true),
                weightsBytes, tensors, null, metadata, warnings);
        return new Sharded(facts, files);
    }

    /** Each shard's sums fit 64 bits (its reader checks them); all shards' sums together may not. */
    private static ModelFormatException tooManyElements(ModelFile index) {
        return new ModelFormatException(index.path(), "its shards declare more than 2^63 - 1 elements in all");
    }
}
