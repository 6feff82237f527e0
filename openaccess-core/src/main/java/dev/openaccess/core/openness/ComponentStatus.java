package dev.openaccess.core.openness;

import dev.openaccess.core.descriptor.LicenseClass;

/**
 * A component as the assessments see it: released or not, and how open its licence is.
 *
 * @param license      the licence as written, null when none is known
 * @param licenseClass null when there is no licence
 * @param osiApproved  whether the licence is OSI-approved throughout
 */
record ComponentStatus(MofComponent component, boolean released, String license, LicenseClass licenseClass,
                       boolean osiApproved) {

    /** Released under an open licence: what the Model Openness Framework counts. */
    boolean openlyReleased() {
        return released && licenseClass == LicenseClass.OPEN;
    }

    /** Why the component does not count, in plain words; null when it does. */
    String gap() {
        if (!released) {
            return component.displayName() + ": not released";
        }
        if (license == null) {
            return component.displayName() + ": released without a licence";
        }
        return licenseClass == LicenseClass.OPEN ? null
                : component.displayName() + ": " + license + " is " + (licenseClass == LicenseClass.RESTRICTED
                ? "a restricted licence" : "not a licence known to be open");
    }
}
