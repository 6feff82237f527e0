package dev.openaccess.core.policy;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.ModelEntry;
import dev.openaccess.core.format.ModelFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * No model of the dependency may execute code when it is loaded (a pickle's imported callables): whoever loads it
 * would run what its producer wrote.
 */
public record DenyUnsafeLoading() implements PolicyRule {

    /** Imports named per model in the message. */
    static final int MAX_IMPORTS_NAMED = 5;

    @Override
    public String describe() {
        return "denyUnsafeLoading=true";
    }

    @Override
    public Optional<String> violation(Descriptor descriptor) {
        List<String> unsafe = new ArrayList<>();
        for (ModelEntry model : descriptor.models()) {
            if (model.executesCode()) {
                List<String> imports = model.loading().imports();
                unsafe.add(model.path() + " (" + model.format() + ") executes code on load" + (imports.isEmpty() ? ""
                        : ", importing " + String.join(", ", imports.subList(0, Math.min(imports.size(),
                        MAX_IMPORTS_NAMED))) + (imports.size() > MAX_IMPORTS_NAMED ? " and "
                        + (imports.size() - MAX_IMPORTS_NAMED) + " more" : "")));
            } else if (model.loading() == null && ModelFormat.byId(model.format())
                    .map(ModelFormat::mayExecuteCode).orElse(true)) {
                // Written by a version that did not say; a format that can run code on load is not taken for safe.
                unsafe.add(model.path() + " (" + model.format() + "): the descriptor does not say whether loading it"
                        + " executes code");
            }
        }
        return unsafe.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", unsafe));
    }
}
