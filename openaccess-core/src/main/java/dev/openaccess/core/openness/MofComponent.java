package dev.openaccess.core.openness;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The components of the Model Openness Framework (White et al. 2024, "The Model Openness Framework"; MOF v1.0 as the
 * Linux Foundation's Model Openness Tool implements it), each with the class that first requires it and whether it
 * is required or optional there. A class requires its own components and those of the classes below it.
 */
public enum MofComponent {
    MODEL_ARCHITECTURE("Model architecture", Kind.CODE, 3, true),
    MODEL_PARAMETERS_FINAL("Model parameters (Final)", Kind.DATA, 3, true),
    EVALUATION_RESULTS("Evaluation results", Kind.DOCUMENT, 3, true),
    MODEL_CARD("Model card", Kind.DOCUMENT, 3, true),
    DATA_CARD("Data card", Kind.DOCUMENT, 3, true),
    /** May be omitted when a research paper is released. */
    TECHNICAL_REPORT("Technical report", Kind.DOCUMENT, 3, true),
    SAMPLE_MODEL_OUTPUTS("Sample model outputs", Kind.DOCUMENT, 3, false),
    TRAINING_CODE("Training code", Kind.CODE, 2, true),
    INFERENCE_CODE("Inference code", Kind.CODE, 2, true),
    EVALUATION_CODE("Evaluation code", Kind.CODE, 2, true),
    EVALUATION_DATA("Evaluation data", Kind.DATA, 2, true),
    SUPPORTING_LIBRARIES("Supporting libraries and tools", Kind.CODE, 2, false),
    DATASETS("Datasets", Kind.DATA, 1, true),
    DATA_PREPROCESSING_CODE("Data preprocessing code", Kind.CODE, 1, true),
    MODEL_PARAMETERS_INTERMEDIATE("Model parameters (Intermediate)", Kind.DATA, 1, true),
    RESEARCH_PAPER("Research paper", Kind.DOCUMENT, 1, true),
    MODEL_METADATA("Model metadata", Kind.DATA, 1, false);

    /** What a component is, which decides the licences that suit it. */
    public enum Kind { CODE, DATA, DOCUMENT }

    private final String displayName;
    private final Kind kind;
    private final int mofClass;
    private final boolean required;

    MofComponent(String displayName, Kind kind, int mofClass, boolean required) {
        this.displayName = displayName;
        this.kind = kind;
        this.mofClass = mofClass;
        this.required = required;
    }

    /** The framework's name, as descriptors and poms write it. */
    public String displayName() {
        return displayName;
    }

    public Kind kind() {
        return kind;
    }

    /** 3 for Class III (open model), 2 for Class II (open tooling), 1 for Class I (open science). */
    public int mofClass() {
        return mofClass;
    }

    public boolean required() {
        return required;
    }

    /**
     * The component with this name: the framework's own ({@code Model parameters (Final)}), case and spacing aside,
     * or a short form ({@code model-parameters-final}, {@code datasets}).
     */
    public static Optional<MofComponent> byName(String name) {
        String key = normalize(name);
        return Arrays.stream(values())
                .filter(c -> normalize(c.displayName).equals(key) || normalize(c.name()).equals(key))
                .findFirst();
    }

    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
    }
}
