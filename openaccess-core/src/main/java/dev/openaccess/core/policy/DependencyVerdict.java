package dev.openaccess.core.policy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * What the check found for one dependency.
 *
 * @param artifact   {@code groupId:artifactId:version} (the base version of a snapshot)
 * @param status     what became of its descriptor
 * @param detail     for any status but {@code pass}, what happened, in plain words
 * @param summary    the descriptor's key figures, null when no valid descriptor was read
 * @param violations the policy rules the dependency breaks
 */
public record DependencyVerdict(String artifact, Status status, String detail, Summary summary,
                                List<Violation> violations) {

    public DependencyVerdict {
        violations = List.copyOf(violations);
    }

    /** What became of a dependency's descriptor. */
    public enum Status {
        /** Found, valid, matching, and within the policy. */
        PASS,
        /** Found and valid, but breaking at least one policy rule. */
        VIOLATION,
        /** No descriptor is published beside the artifact. */
        MISSING,
        /** The repositories could not be asked: transfer, authentication or offline without a cached copy. */
        REPOSITORY_FAILURE,
        /** Not valid JSON, or not valid against the descriptor schema. */
        INVALID,
        /** The descriptor describes another artifact, or the artifact's digest is not the one described. */
        MISMATCH;

        /** The name in reports ({@code repository-failure}). */
        @JsonValue
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** One rule broken, with the numbers that break it. */
    public record Violation(String rule, String message) {
    }

    /**
     * The figures the report's table shows.
     *
     * @param parameters     all models' parameters together
     * @param inferenceBytes inference memory at the stored precision
     * @param weightsLicense the final parameters' licence, null when the descriptor states none
     * @param mofClass       null when no class is reached or the descriptor states no openness
     */
    public record Summary(long parameters, long inferenceBytes, String tier, String weightsLicense, String mofClass) {
    }
}
