package dev.openaccess.core.policy;

import dev.openaccess.core.descriptor.Descriptor;
import java.util.List;
import java.util.Optional;

/** The Model Openness Framework class must be at least {@code mofClass}: I is the most open, III the least. */
public record MinimumMofClass(String mofClass) implements PolicyRule {

    private static final List<String> CLASSES = List.of("I", "II", "III");

    public MinimumMofClass {
        if (!CLASSES.contains(mofClass)) {
            throw new IllegalArgumentException("minimumMofClass '" + mofClass + "' is not I, II or III");
        }
    }

    @Override
    public String describe() {
        return "minimumMofClass=" + mofClass;
    }

    @Override
    public Optional<String> violation(Descriptor descriptor) {
        if (descriptor.openness() == null) {
            return Optional.of("the descriptor states no openness (written without it, or by an older openaccess)");
        }
        String reached = descriptor.openness().mofClass();
        if (reached != null && CLASSES.indexOf(reached) <= CLASSES.indexOf(mofClass)) {
            return Optional.empty();
        }
        List<String> gaps = descriptor.openness().mofGaps().getOrDefault(mofClass, List.of());
        return Optional.of("MOF class " + (reached == null ? "none" : reached) + ", not " + mofClass
                + (gaps.isEmpty() ? "" : " (missing: " + String.join("; ", gaps) + ")"));
    }
}
