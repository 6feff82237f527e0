package dev.openaccess.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void acceptsSecondsAndTheThreeUnits() {
        assertEquals(Duration.ofSeconds(60), Durations.parse("resolveTimeout", "60"));
        assertEquals(Duration.ofSeconds(60), Durations.parse("resolveTimeout", "60s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("resolveTimeout", "2m"));
        assertEquals(Duration.ofMillis(500), Durations.parse("resolveTimeout", "500ms"));
        assertEquals(Duration.ofSeconds(5), Durations.parse("resolveTimeout", " 5 S "));
    }

    @Test
    void refusesAnythingElseNamingTheParameter() {
        for (String value : new String[] {"soon", "", "1.5s", "-5", "60 sec", "5h", "9999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Durations.parse("resolveTimeout", value));
            assertEquals("resolveTimeout '" + value + "' is not a duration: write seconds (60) or a whole number with"
                    + " ms, s or m (500ms, 60s, 2m)", e.getMessage());
        }
        assertEquals("resolveTimeout '0s' must be more than zero",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("resolveTimeout", "0s"))
                        .getMessage());
        assertEquals("resolveTimeout 'null' is not a duration: write seconds (60) or a whole number with ms, s or m"
                + " (500ms, 60s, 2m)", assertThrows(IllegalArgumentException.class,
                () -> Durations.parse("resolveTimeout", null)).getMessage());
    }

    @Test
    void wordsForLogs() {
        assertEquals("20 s", Durations.words(Duration.ofSeconds(20)));
        assertEquals("1.5 s", Durations.words(Duration.ofMillis(1500)));
        assertEquals("500 ms", Durations.words(Duration.ofMillis(500)));
        assertEquals("120 s", Durations.words(Duration.ofMinutes(2)));
    }

    @Test
    void sizesInWholeUnits() {
        assertEquals("16 MiB", Sizes.words(16 * 1024 * 1024));
        assertEquals("2 GiB", Sizes.words(2L * 1024 * 1024 * 1024));
        assertEquals("1000 B", Sizes.words(1000));
        assertEquals("1.5 KiB", Sizes.words(1536));
    }
}
