package dev.openaccess.core.openness;

import dev.openaccess.core.descriptor.Openness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OSI Open Source AI Definition 1.0 (October 2024) asks for three elements: data information (sufficiently
 * detailed information about the training data that a skilled person could build a substantially equivalent
 * system: here the datasets, or a data card describing them), code (the complete source used to process the data,
 * train and run the system: model architecture, data preprocessing, training and inference code, under
 * OSI-approved licences) and parameters (the final weights, under OSI-approved terms).
 */
final class OsaidCheck {

    private static final List<MofComponent> CODE = List.of(MofComponent.MODEL_ARCHITECTURE,
            MofComponent.DATA_PREPROCESSING_CODE, MofComponent.TRAINING_CODE, MofComponent.INFERENCE_CODE);

    Openness.Osaid check(Map<MofComponent, ComponentStatus> components) {
        List<String> missing = new ArrayList<>();
        if (!released(components, MofComponent.DATASETS) && !released(components, MofComponent.DATA_CARD)) {
            missing.add("data information: neither the datasets nor a data card describing them is released");
        }
        for (MofComponent code : CODE) {
            osiApproved(components, code).ifPresent(gap -> missing.add("code: " + gap));
        }
        osiApproved(components, MofComponent.MODEL_PARAMETERS_FINAL).ifPresent(gap -> missing.add("parameters: "
                + gap));
        return new Openness.Osaid(missing.isEmpty(), missing);
    }

    private static boolean released(Map<MofComponent, ComponentStatus> components, MofComponent component) {
        ComponentStatus status = components.get(component);
        return status != null && status.released();
    }

    /** Why the component is not released under OSI-approved terms, or empty when it is. */
    private static Optional<String> osiApproved(Map<MofComponent, ComponentStatus> components,
                                                        MofComponent component) {
        ComponentStatus status = components.get(component);
        if (status == null || !status.released()) {
            return Optional.of(component.displayName() + " not released");
        }
        if (status.license() == null) {
            return Optional.of(component.displayName() + " released without a licence");
        }
        return status.osiApproved() ? Optional.empty()
                : Optional.of(component.displayName() + " under " + status.license()
                + ", not OSI-approved");
    }
}
