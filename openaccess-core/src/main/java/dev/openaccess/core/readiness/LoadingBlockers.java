package dev.openaccess.core.readiness;

import dev.openaccess.core.descriptor.ModelEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * What loading the models stands in the way of: a model whose loading executes code (a pickle's imported callables)
 * can only be loaded by whoever trusts its producer with their machine.
 */
final class LoadingBlockers {

    /** Imports named per model: a hostile pickle may import hundreds. */
    static final int MAX_IMPORTS_NAMED = 5;

    List<String> blockers(List<ModelEntry> models) {
        List<String> blockers = new ArrayList<>();
        for (ModelEntry model : models) {
            if (!model.executesCode()) {
                continue;
            }
            List<String> imports = model.loading().imports();
            String named = imports.isEmpty() ? "" : " (it imports " + String.join(", ",
                    imports.subList(0, Math.min(imports.size(), MAX_IMPORTS_NAMED)))
                    + (imports.size() > MAX_IMPORTS_NAMED ? " and " + (imports.size() - MAX_IMPORTS_NAMED) + " more"
                    : "") + ")";
            blockers.add("loading " + model.path() + " (" + model.format() + ") executes code" + named
                    + ": whoever loads it runs what its producer wrote; load it only from a producer you trust, or"
                    + " convert it to a format that holds only data (safetensors, GGUF, ONNX)");
        }
        return blockers;
    }
}
