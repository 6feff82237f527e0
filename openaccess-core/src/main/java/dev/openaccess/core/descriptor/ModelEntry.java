package dev.openaccess.core.descriptor;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One model file (or one model made of several files) found in the artifact.
 *
 * @param path         relative to the project base directory, with {@code /} separators
 * @param format       the reader's format id ({@code safetensors}, {@code gguf}, {@code onnx}, {@code hf-config},
 *                     {@code npy}, {@code npz}; see {@code ModelFormat})
 * @param sizeBytes    size of the file at {@code path}
 * @param sha256       hex digest of the file, or null when digests are switched off
 * @param configPath   the {@code config.json} that supplied the architecture of a weights file, if any
 * @param weightsBytes bytes of tensor data (exact when {@code parameters.exact}), null when unknown
 * @param tensors      number of tensors, null when the format does not list them (a config)
 * @param metadata     free-form metadata the file carries (safetensors {@code __metadata__}), sorted by key
 * @param notes        what the reader could not account for or found inconsistent, in plain words; null when none
 * @param shards       for a sharded model (whose {@code path} is its index), the shard files; null otherwise
 * @param loading      whether loading the model executes code; null in descriptors older openaccess versions wrote
 * @param tensorLayout for GGUF files, what llama.cpp holds beside the tensor bytes (header, matrices by type); null
 *                     otherwise
 */
public record ModelEntry(
        String path,
        String format,
        long sizeBytes,
        String sha256,
        String configPath,
        Architecture architecture,
        Parameters parameters,
        Long weightsBytes,
        Long tensors,
        Map<String, String> metadata,
        List<String> notes,
        List<Shard> shards,
        Loading loading,
        TensorLayout tensorLayout) {

    /** One file of a sharded model. */
    public record Shard(String path, long sizeBytes, String sha256) {
    }

    /** An entry without a tensor layout (every format but GGUF). */
    public ModelEntry(String path, String format, long sizeBytes, String sha256, String configPath,
                      Architecture architecture, Parameters parameters, Long weightsBytes, Long tensors,
                      Map<String, String> metadata, List<String> notes, List<Shard> shards, Loading loading) {
        this(path, format, sizeBytes, sha256, configPath, architecture, parameters, weightsBytes, tensors, metadata,
                notes, shards, loading, null);
    }

    public ModelEntry {
        metadata = metadata == null || metadata.isEmpty() ? null : new TreeMap<>(metadata);
        notes = notes == null || notes.isEmpty() ? null : List.copyOf(notes);
        shards = shards == null || shards.isEmpty() ? null : List.copyOf(shards);
    }

    /** An entry whose loading runs no code, as every format that holds only data. */
    public ModelEntry(String path, String format, long sizeBytes, String sha256, String configPath,
                      Architecture architecture, Parameters parameters, Long weightsBytes, Long tensors,
                      Map<String, String> metadata, List<String> notes, List<Shard> shards) {
        this(path, format, sizeBytes, sha256, configPath, architecture, parameters, weightsBytes, tensors, metadata,
                notes, shards, Loading.SAFE);
    }

    /** Whether loading the model is known to execute code (false also when the descriptor does not say). */
    @JsonIgnore
    public boolean executesCode() {
        return loading != null && !loading.safe();
    }
}
