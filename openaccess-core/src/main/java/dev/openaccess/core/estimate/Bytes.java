package dev.openaccess.core.estimate;

import java.util.Locale;

/** Byte counts for people: binary units (KiB, MiB, GiB, TiB), as memory is sold and reported. */
public final class Bytes {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Bytes() {
    }

    /** {@code 1536} → {@code "1.5 KiB"}; below 1 KiB, plain bytes. */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
