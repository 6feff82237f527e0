package dev.openaccess.core.descriptor;

import java.util.List;

/**
 * The access-readiness descriptor of one artifact ({@code openaccess.json}, schema version 1.0).
 *
 * <p>Field names are a public contract (see the JSON Schema shipped beside this class): add fields, never rename them.
 */
public record Descriptor(
        String schemaVersion,
        Subject subject,
        Generator generator,
        List<ModelEntry> models,
        Requirements requirements,
        Openness openness,
        Access access,
        Readiness readiness) {

    public static final String SCHEMA_VERSION = "1.0";

    public Descriptor {
        models = List.copyOf(models);
    }
}
