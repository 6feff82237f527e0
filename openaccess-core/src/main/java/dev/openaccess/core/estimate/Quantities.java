package dev.openaccess.core.estimate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the quantities users write in a pom: memory ({@code 24GiB}, {@code 80 GB}), bandwidth
 * ({@code 1008 GB/s}), throughput ({@code 989 TFLOPS}) and counts ({@code 300B} tokens).
 *
 * <p>Decimal prefixes (k, M, G, T, P) are powers of 1000 and binary ones (Ki, Mi, Gi, Ti, Pi) powers of 1024, as
 * SI and IEC define them: write {@code 80GiB} for an "80 GB" GPU, whose memory is binary.
 */
public final class Quantities {

    private static final Pattern QUANTITY = Pattern.compile(
            "\\s*([0-9][0-9_,]*(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\\s*([kKMGTP]i?)?\\s*([A-Za-z/]*)\\s*");
    private static final Map<String, BigDecimal> PREFIXES = Map.ofEntries(
            Map.entry("k", BigDecimal.TEN.pow(3)), Map.entry("K", BigDecimal.TEN.pow(3)),
            Map.entry("M", BigDecimal.TEN.pow(6)), Map.entry("G", BigDecimal.TEN.pow(9)),
            Map.entry("T", BigDecimal.TEN.pow(12)), Map.entry("P", BigDecimal.TEN.pow(15)),
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("KI", BigDecimal.valueOf(1L << 10)),
            Map.entry("ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)));

    private Quantities() {
    }

    /** Bytes of memory: {@code 17179869184}, {@code 16GiB}, {@code 16 GB} (16,000,000,000). */
    public static long bytes(String text) {
        return parse(text, "bytes of memory", "B", "");
    }

    /** Bytes per second: {@code 1008 GB/s}, {@code 1.008TB/s}. */
    public static long bytesPerSecond(String text) {
        return parse(text, "bytes per second", "B/s", "B");
    }

    /** Floating-point operations per second: {@code 989 TFLOPS}, {@code 989T}, {@code 9.89e14}. */
    public static long flopsPerSecond(String text) {
        return parse(text, "FLOP/s", "FLOPS", "FLOP/s");
    }

    /** A count: {@code 300B} (billion, as model cards write it), {@code 2T}, {@code 300_000_000_000}. */
    public static long count(String text) {
        // "B" means billion in token counts, as in "trained on 300B tokens"
        String normalized = text.trim().replaceFirst("(?i)^(.*[0-9.]\\s*)B$", "$1G");
        return parse(normalized, "count", "", "");
    }

    private static long parse(String text, String what, String unit, String otherUnit) {
        Matcher matcher = text == null ? null : QUANTITY.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a quantity of " + what + " (e.g. "
                    + example(what) + ")");
        }
        String suffix = matcher.group(3);
        if (!suffix.isEmpty() && !suffix.equalsIgnoreCase(unit) && !suffix.equalsIgnoreCase(otherUnit)) {
            throw new IllegalArgumentException("'" + text + "': unit '" + suffix + "' is not one of " + what
                    + " (e.g. " + example(what) + ")");
        }
        BigDecimal value = new BigDecimal(matcher.group(1).replace("_", "").replace(",", ""));
        if (matcher.group(2) != null) {
            BigDecimal factor = PREFIXES.get(matcher.group(2));
            if (factor == null) {
                throw new IllegalArgumentException("'" + text + "': unknown prefix '" + matcher.group(2) + "'");
            }
            value = value.multiply(factor);
        }
        try {
            return value.setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large for " + what);
        }
    }

    private static String example(String what) {
        return switch (what) {
            case "bytes of memory" -> "24GiB";
            case "bytes per second" -> "1008GB/s";
            case "FLOP/s" -> "989TFLOPS";
            default -> "300B";
        };
    }
}
