package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Loading;
import java.util.List;
import java.util.Map;

/** The facts of a PyTorch checkpoint or TorchScript archive, from what its pickles rebuild and import. */
final class PytorchFacts {

    /** Unsafe imports named in the warning; all of them are in {@code loading.imports}. */
    private static final int NAMED_IMPORTS = 8;

    private PytorchFacts() {
    }

    /**
     * @param code whether the archive carries TorchScript code ({@code code/}), which runs when the model is used
     */
    static ModelFacts of(ModelFormat format, String path, TorchPickle pickle, TorchWeights.Tally tally,
                         Map<String, String> metadata, List<String> warnings, boolean code) {
        warnings.addAll(tally.warnings());
        metadata.put("pytorch.storages", Integer.toString(pickle.storages().size()));
        if (tally.tied() > 0) {
            metadata.put("pytorch.tiedTensors", Long.toString(tally.tied()));
        }
        Loading loading = pickle.imports().loading();
        List<String> unsafe = pickle.imports().unsafe();
        if (!unsafe.isEmpty()) {
            List<String> named = unsafe.subList(0, Math.min(unsafe.size(), NAMED_IMPORTS));
            warnings.add(path + ": its pickle imports " + String.join(", ", named)
                    + (unsafe.size() > named.size() ? " and " + (unsafe.size() - named.size()) + " more" : "")
                    + ", beyond the torch and collections callables a checkpoint needs: torch.load runs them on load"
                    + " (weights_only=True refuses the file); loading it executes code");
        }
        if (code) {
            metadata.put("torchscript.code", "true");
        }
        return new ModelFacts(format, tally.count().parameters(), tally.count().weightsBytes(), tally.tensors(),
                null, metadata, warnings, loading, List.of());
    }
}
