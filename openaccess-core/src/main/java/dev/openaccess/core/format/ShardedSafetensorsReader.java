package dev.openaccess.core.format;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a sharded safetensors model as one ({@link Layout#FOLDER}): the index and the header of every shard it
 * names, summed. Shards are read once each however many tensors they hold; counts come from the shards' headers,
 * never from the index's {@code total_size}, which some writers fill with file sizes. The shards are the facts'
 * {@link ModelFacts#parts parts}.
 */
public final class ShardedSafetensorsReader implements ModelReader {

    private final SafetensorsReader shards = new SafetensorsReader();

    @Override
    public ModelFormat format() {
        return ModelFormat.SAFETENSORS;
    }

    @Override
    public ModelFacts read(ModelSource index) throws IOException {
        SafetensorsIndex map = SafetensorsIndex.read(index);
        // Each shard's sums fit 64 bits (its reader checks them); all shards' sums together may not.
        WeightCount count = new WeightCount(index.path(), "its shards");
        Map<String, String> metadata = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        List<ModelSource> files = new ArrayList<>();
        for (String shard : map.shards()) {
            Optional<ModelSource> file = index.resolve(shard);
            if (file.isEmpty()) {
                throw new ModelFormatException(index.path(), "names shard '" + shard + "', which is missing");
            }
            ModelFacts facts = shards.read(file.get());
            count.add(facts);
            metadata.putAll(facts.metadata());
            warnings.addAll(facts.warnings());
            long listed = map.weightMap().values().stream().filter(shard::equals).count();
            if (listed != facts.tensors()) {
                warnings.add(index.path() + ": weight_map lists " + listed + " tensors in " + shard + ", which holds "
                        + facts.tensors());
            }
            files.add(file.get());
        }
        if (map.totalSize() != null && map.totalSize() != count.weightsBytes()) {
            warnings.add(index.path() + ": metadata.total_size says " + map.totalSize() + " bytes; the shards' headers"
                    + " hold " + count.weightsBytes() + " bytes of tensors (the count used)");
        }
        return new ModelFacts(ModelFormat.SAFETENSORS, count.parameters(), count.weightsBytes(), count.tensors(),
                null, metadata, warnings).withParts(files);
    }
}
