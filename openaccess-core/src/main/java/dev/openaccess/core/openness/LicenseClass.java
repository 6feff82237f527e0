package dev.openaccess.core.openness;

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
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The least open of two: what holds when both licences apply. */
    LicenseClass and(LicenseClass other) {
        return rank() <= other.rank() ? this : other;
    }

    /** The most open of two: what holds when either licence may be chosen. */
    LicenseClass or(LicenseClass other) {
        return rank() >= other.rank() ? this : other;
    }

    private int rank() {
        return switch (this) {
            case RESTRICTED -> 0;
            case UNKNOWN -> 1;
            case OPEN -> 2;
        };
    }
}
