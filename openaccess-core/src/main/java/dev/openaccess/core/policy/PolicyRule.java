package dev.openaccess.core.policy;

import dev.openaccess.core.descriptor.Descriptor;
import java.util.Optional;

/**
 * One rule a consumer sets for the AI artifacts it depends on, judged on each dependency's descriptor.
 */
public sealed interface PolicyRule permits RequireProfile, MaxInferenceBytes, RequireFineTuningOn, AllowedLicenses,
        DeniedLicenses, MinimumMofClass, RequireOsaid, RequireAccessChannel, DenyUnsafeLoading {

    /** The rule as the pom names it, with its value ({@code requireProfile=laptop-16gb}). */
    String describe();

    /** Why {@code descriptor} breaks the rule, with the numbers that break it; empty when it holds. */
    Optional<String> violation(Descriptor descriptor);
}
