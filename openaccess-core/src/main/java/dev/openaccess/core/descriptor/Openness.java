package dev.openaccess.core.descriptor;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What of the AI artifact is released, under which licences, and how open that makes it.
 *
 * @param components the Model Openness Framework's components, declared or inferred from the build
 * @param licenses   each licence named by a component, assessed
 * @param mofClass   the highest Model Openness Framework class reached: {@code "I"} (open science), {@code "II"}
 *                   (open tooling), {@code "III"} (open model), or null when none is (written as {@code null})
 * @param mofGaps    per class ({@code I}, {@code II}, {@code III}), the components it still lacks: not released, or
 *                   not under an open licence; a class reached has no entry
 * @param osaid      whether the OSI Open Source AI Definition 1.0 is met
 */
public record Openness(
        List<Component> components,
        List<License> licenses,
        @JsonInclude(JsonInclude.Include.ALWAYS) String mofClass,
        Map<String, List<String>> mofGaps,
        Osaid osaid) {

    public Openness {
        components = List.copyOf(components);
        licenses = List.copyOf(licenses);
        mofGaps = new TreeMap<>(mofGaps);
    }

    /**
     * One component of the artifact.
     *
     * @param name         the Model Openness Framework's name ({@code Model parameters (Final)}, {@code Training code})
     * @param released     whether it is published
     * @param license      an SPDX licence id or expression, or {@code LicenseRef-…}; null when none is known
     * @param location     where it is: a URL or Maven coordinates
     * @param licenseClass {@code open}, {@code restricted} or {@code unknown}; null without a licence
     * @param inferred     true when the build inferred it (the pom's licence, the model files found), not declared
     */
    public record Component(String name, boolean released, String license, String location, LicenseClass licenseClass,
                            Boolean inferred) {
    }

    /**
     * A licence named by the components, as the assessment sees it.
     *
     * @param id           the licence id or expression as written
     * @param name         its full name when known
     * @param licenseClass {@code open} (OSI-approved, FSF-libre, or an open-data licence the Model Openness Framework
     *                     accepts), {@code restricted} (use-based or field-of-use restrictions), or {@code unknown}
     * @param osiApproved  whether the Open Source Initiative approved it (SPDX licence list)
     * @param fsfLibre     whether the Free Software Foundation lists it as free (SPDX licence list)
     * @param restrictions for a restricted licence, what it restricts, in plain words
     */
    public record License(String id, String name, LicenseClass licenseClass, Boolean osiApproved, Boolean fsfLibre,
                          String restrictions) {
    }

    /**
     * The OSI Open Source AI Definition 1.0: data information, code and parameters, the code and parameters under
     * OSI-approved terms.
     *
     * @param compatible whether all three elements are met
     * @param missing    what is missing, in plain words; empty when compatible
     */
    public record Osaid(boolean compatible, List<String> missing) {

        public Osaid {
            missing = List.copyOf(missing);
        }
    }
}
