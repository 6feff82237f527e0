package dev.openaccess.core.policy;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.Openness;
import java.util.Optional;

/** The final parameters of a dependency, as its descriptor's openness lists them. */
final class Weights {

    static final String COMPONENT = "Model parameters (Final)";

    private Weights() {
    }

    /** The weights' component, empty when the descriptor has no openness section or does not list them. */
    static Optional<Openness.Component> of(Descriptor descriptor) {
        return descriptor.openness() == null ? Optional.empty() : descriptor.openness().components().stream()
                .filter(component -> component.name().equals(COMPONENT)).findFirst();
    }

    /** Why the licence cannot be judged, or empty when there is one. */
    static Optional<String> unjudgeable(Descriptor descriptor) {
        if (descriptor.openness() == null) {
            return Optional.of("the descriptor states no openness (written without it, or by an older openaccess)");
        }
        Optional<Openness.Component> weights = of(descriptor);
        if (weights.isEmpty() || !weights.get().released()) {
            return Optional.of("the weights are not released");
        }
        return weights.get().license() == null ? Optional.of("the weights are released without a licence")
                : Optional.empty();
    }
}
