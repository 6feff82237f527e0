package dev.openaccess.core.openness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Model Openness Framework's class of a release: Class III (open model) requires the model architecture, final
 * parameters, model and data cards, a technical report (or a research paper) and evaluation results; Class II
 * (open tooling) adds training, inference and evaluation code and evaluation data; Class I (open science) adds the
 * datasets, data preprocessing code, intermediate parameters and a research paper. A component counts when it is
 * released under an open licence (OSI-approved, FSF-libre or an accepted open-data licence).
 */
final class MofClassifier {

    /** The class reached ({@code I}, {@code II}, {@code III}) or null, and what each class not reached lacks. */
    record Result(String mofClass, Map<String, List<String>> gaps) {
    }

    private static final String[] ROMAN = {"", "I", "II", "III"};

    Result classify(Map<MofComponent, ComponentStatus> components) {
        String reached = null;
        Map<String, List<String>> gaps = new LinkedHashMap<>();
        for (int mofClass = 3; mofClass >= 1; mofClass--) {
            List<String> missing = new ArrayList<>();
            for (MofComponent component : MofComponent.values()) {
                if (!component.required() || component.mofClass() < mofClass) {
                    continue;
                }
                if (component == MofComponent.TECHNICAL_REPORT
                        && counts(components, MofComponent.RESEARCH_PAPER)) {
                    continue; // a research paper may stand in for the technical report
                }
                if (!counts(components, component)) {
                    ComponentStatus status = components.get(component);
                    missing.add(status == null ? component.displayName() + ": not released" : status.gap());
                }
            }
            if (missing.isEmpty()) {
                reached = ROMAN[mofClass];
            } else {
                gaps.put(ROMAN[mofClass], missing);
            }
        }
        return new Result(reached, gaps);
    }

    private static boolean counts(Map<MofComponent, ComponentStatus> components, MofComponent component) {
        ComponentStatus status = components.get(component);
        return status != null && status.openlyReleased();
    }
}
