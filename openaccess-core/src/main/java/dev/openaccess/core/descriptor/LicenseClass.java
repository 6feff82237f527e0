package dev.openaccess.core.descriptor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** How open a licence is, for AI artifacts. */
public enum LicenseClass {
    /** OSI-approved, FSF-libre, or an open-data licence the Model Openness Framework accepts. */
    OPEN,
    /** Known to restrict use: acceptable-use policies, user thresholds, non-commercial or no-derivatives clauses. */
    RESTRICTED,
    /** Neither: not assessed, not an SPDX id, or listed by SPDX without being open. */
    UNKNOWN;

    /** The name in descriptors. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The class a descriptor names; an unknown name is refused (the schema allows only these). */
    @JsonCreator
    public static LicenseClass fromId(String id) {
        return Arrays.stream(values()).filter(value -> value.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a licence class: " + id));
    }

    /** The least open of two: what holds when both licences apply. */
    public LicenseClass and(LicenseClass other) {
        return rank() <= other.rank() ? this : other;
    }

    /** The most open of two: what holds when either licence may be chosen. */
    public LicenseClass or(LicenseClass other) {
        return rank() >= other.rank() ? this : other;
    }

    private int rank() {
        return switch (this) {
            case RESTRICTED -> 0;
            case UNKNOWN -> 1;
            case OPEN -> 2;
        };
    }

    /** The descriptor's name, so that words built from the value read as the descriptor writes it. */
    @Override
    public String toString() {
        return id();
    }
}
