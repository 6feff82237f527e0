package dev.openaccess.maven;

import dev.openaccess.core.estimate.Bytes;

/** Sizes of limits in messages: {@code 16 MiB} for a whole number of binary units, as the limits are set. */
final class Sizes {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private Sizes() {
    }

    static String words(long bytes) {
        long value = bytes;
        int unit = -1;
        while (value >= 1024 && value % 1024 == 0 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit < 0 ? Bytes.human(bytes) : value + " " + UNITS[unit];
    }
}
