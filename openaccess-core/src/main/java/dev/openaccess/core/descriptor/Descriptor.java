package dev.openaccess.core.descriptor;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The access-readiness descriptor of one artifact ({@code openaccess.json}, schema version 1.0).
 *
 * <p>Field names are a public contract (see the JSON Schema shipped beside this class): add fields, never rename them.
 *
 * @param unreadFiles files that look like models but that no reader counts; null (not written) when there are none
 */
public record Descriptor(
        String schemaVersion,
        Subject subject,
        Generator generator,
        List<ModelEntry> models,
        Requirements requirements,
        Openness openness,
        Access access,
        Readiness readiness,
        List<UnreadFile> unreadFiles) {

    public static final String SCHEMA_VERSION = "1.0";

    public Descriptor {
        models = List.copyOf(models);
        unreadFiles = unreadFiles == null || unreadFiles.isEmpty() ? null : List.copyOf(unreadFiles);
    }

    /** A descriptor in which every file that looks like a model was read. */
    public Descriptor(String schemaVersion, Subject subject, Generator generator, List<ModelEntry> models,
                      Requirements requirements, Openness openness, Access access, Readiness readiness) {
        this(schemaVersion, subject, generator, models, requirements, openness, access, readiness, null);
    }

    /** The unread files, empty when there are none. */
    @JsonIgnore
    public List<UnreadFile> unread() {
        return unreadFiles == null ? List.of() : unreadFiles;
    }
}
