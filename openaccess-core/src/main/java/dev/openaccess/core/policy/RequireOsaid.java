package dev.openaccess.core.policy;

import dev.openaccess.core.descriptor.Descriptor;
import java.util.Optional;

/** The artifact must meet the OSI Open Source AI Definition. */
public record RequireOsaid() implements PolicyRule {

    @Override
    public String describe() {
        return "requireOsaid=true";
    }

    @Override
    public Optional<String> violation(Descriptor descriptor) {
        if (descriptor.openness() == null) {
            return Optional.of("the descriptor states no openness (written without it, or by an older openaccess)");
        }
        return descriptor.openness().osaid().compatible() ? Optional.empty()
                : Optional.of("not Open Source AI: " + String.join("; ", descriptor.openness().osaid().missing()));
    }
}
