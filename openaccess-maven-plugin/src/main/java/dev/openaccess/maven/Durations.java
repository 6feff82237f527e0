package dev.openaccess.maven;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoExecutionException;

/** Durations as a pom writes them: {@code 60} (seconds), {@code 90s}, {@code 2m}, {@code 500ms}. */
final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)?");

    private Durations() {
    }

    static Duration parse(String value, String parameter) throws MojoExecutionException {
        Matcher matcher = DURATION.matcher(value == null ? "" : value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new MojoExecutionException("openaccess: " + parameter + " '" + value + "' is not a positive"
                    + " duration (60, 90s, 2m or 500ms)");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
