package dev.openaccess.core.policy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the check found for one dependency.
 *
 * @param artifact            {@code groupId:artifactId:version} (the base version of a snapshot)
 * @param status              what became of it
 * @param source              whether the figures judged come from a published descriptor or were computed from the
 *                            dependency's own file; null when nothing was judged
 * @param detail              for any status but {@code pass}, what happened, in plain words
 * @param sha256              the dependency file's digest, when it was computed
 * @param summary             the judged descriptor's key figures, null when there is none
 * @param violations          the policy rules the dependency breaks
 * @param models              the models judged, null when there are none
 * @param assumptions         the consumer's assumptions the requirements were estimated at, null when none were
 * @param producerAssumptions a published descriptor's own assumptions, when they differ from the consumer's (the
 *                            requirements were then estimated anew from the descriptor's facts)
 * @param notes               what the check could not verify or count, in plain words; null when nothing
 */
public record DependencyVerdict(String artifact, Status status, Source source, String detail, String sha256,
                                Summary summary, List<Violation> violations, List<ModelLine> models,
                                Assumed assumptions, Assumed producerAssumptions, List<String> notes) {

    public DependencyVerdict {
        violations = List.copyOf(violations);
        models = models == null || models.isEmpty() ? null : List.copyOf(models);
        notes = notes == null || notes.isEmpty() ? null : List.copyOf(notes);
    }

    /** A verdict on nothing but a status and its reason. */
    public static DependencyVerdict of(String artifact, Status status, String detail) {
        return new DependencyVerdict(artifact, status, null, detail, null, null, List.of(), null, null, null, null);
    }

    /** The same verdict with more words in its detail (what was done about it, what to do). */
    public DependencyVerdict withDetail(String more) {
        if (more == null || more.isBlank()) {
            return this;
        }
        return new DependencyVerdict(artifact, status, source, detail == null ? more : detail + "; " + more, sha256,
                summary, violations, models, assumptions, producerAssumptions, notes);
    }

    /** The same verdict with one more note. */
    public DependencyVerdict withNote(String note) {
        List<String> more = new ArrayList<>(notes == null ? List.of() : notes);
        more.add(note);
        return new DependencyVerdict(artifact, status, source, detail, sha256, summary, violations, models,
                assumptions, producerAssumptions, more);
    }

    /** What became of a dependency. */
    public enum Status {
        /** Its models were judged and meet the policy. */
        PASS,
        /** Its models were judged and break at least one policy rule. */
        VIOLATION,
        /** Its file holds no model, and no descriptor is published beside it. */
        NO_MODEL,
        /**
         * Its file holds files that look like models but that no reader counts, and no descriptor is published
         * beside it: nothing could be judged, which is not a pass.
         */
        UNREAD,
        /** A descriptor was required ({@code requirePublishedDescriptor}) and none is published beside it. */
        MISSING,
        /** The repositories could not be asked: transfer, timeout, authentication or offline without a cached copy. */
        REPOSITORY_FAILURE,
        /** The descriptor is not valid JSON or not valid against the schema, or the dependency's model is unreadable. */
        INVALID,
        /**
         * The descriptor describes another artifact, other bytes, or facts that the consumer's own reading of the file
         * contradicts.
         */
        MISMATCH;

        /** The name in reports ({@code repository-failure}). */
        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Where the judged figures come from. */
    public enum Source {
        /** A descriptor published beside the artifact, checked against the file where it can be recomputed. */
        PUBLISHED,
        /** Described by the consumer from the dependency's resolved file. */
        COMPUTED;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One rule broken, with the numbers that break it. */
    public record Violation(String rule, String message) {
    }

    /**
     * The figures the report's table shows.
     *
     * @param parameters     all models' parameters together
     * @param inferenceBytes inference memory at the stored precision, at the consumer's assumptions
     * @param weightsLicense the final parameters' licence, null when the descriptor states none
     * @param mofClass       null when no class is reached or the descriptor states no openness
     */
    public record Summary(long parameters, long inferenceBytes, String tier, String weightsLicense, String mofClass) {
    }

    /** One model judged: where it is in the artifact, its format and counts. */
    public record ModelLine(String path, String format, long parameters, boolean exact, Long weightsBytes) {
    }

    /**
     * What inference estimates assumed.
     *
     * @param contextLength   tokens per sequence (each model's own when the consumer sets none), null when no model
     *                        declares one
     * @param hardwareCatalog the catalog version the profiles were judged with
     * @param runtime         the inference runtime the memory figures model (null in descriptors that name none)
     */
    public record Assumed(Integer contextLength, int batchSize, String kvCacheDtype, String hardwareCatalog,
                          String runtime) {

        /** {@code context 8192, batch 1, KV F16}. */
        public String words() {
            return "context " + (contextLength == null ? "n/a" : contextLength) + ", batch " + batchSize + ", KV "
                    + kvCacheDtype;
        }
    }
}
