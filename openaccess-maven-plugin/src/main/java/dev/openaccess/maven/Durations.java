package dev.openaccess.maven;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as a pom spells them ({@code 60}, {@code 60s}, {@code 2m}, {@code 500ms}) and as a log says them. */
final class Durations {

    private static final Pattern DURATION = Pattern.compile("\\s*(\\d{1,9})\\s*(ms|s|m)?\\s*");

    private Durations() {
    }

    /**
     * A positive duration: a whole number of seconds, or a whole number followed by {@code ms}, {@code s} or
     * {@code m} (minutes).
     *
     * @param parameter the parameter's name, for the message
     * @throws IllegalArgumentException naming the parameter and the value, when it is none of these
     */
    static Duration parse(String parameter, String value) {
        Matcher matcher = value == null ? null : DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException(parameter + " '" + value + "' is not a duration: write seconds (60)"
                    + " or a whole number with ms, s or m (500ms, 60s, 2m)");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        Duration duration = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (duration.isZero()) {
            throw new IllegalArgumentException(parameter + " '" + value + "' must be more than zero");
        }
        return duration;
    }

    /** {@code 20 s}, {@code 1.5 s}, {@code 500 ms}: how long, as a log line says it. */
    static String words(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
