package dev.openaccess.core.format;

import java.util.Arrays;

/**
 * Element counts and byte sizes, multiplied and summed in 64 bits with overflow checks that end in a
 * {@link ModelFormatException} naming the file. Every reader counts through these (and {@link WeightCount}), so a
 * shape or a sum that a hostile file declares past 2^63 − 1 is refused in words, never a bare
 * {@link ArithmeticException}.
 */
public final class Checked {

    private Checked() {
    }

    /**
     * The element count of a shape: the product of its dimensions.
     *
     * @param what the tensor, in words ({@code tensor 'w'}); messages read {@code tensor 'w' shape [..] ...}
     * @throws ModelFormatException when a dimension is negative or the product overflows
     */
    public static long elements(String path, String what, long... dims) throws ModelFormatException {
        long elements = 1;
        for (long dim : dims) {
            if (dim < 0) {
                throw new ModelFormatException(path, what + " has a negative dimension " + dim);
            }
            try {
                elements = Math.multiplyExact(elements, dim);
            } catch (ArithmeticException e) {
                throw new ModelFormatException(path, what + " shape " + Arrays.toString(dims)
                        + " overflows a 64-bit element count");
            }
        }
        return elements;
    }

    /**
     * Bytes of {@code elements} packed values of {@code bits} bits each, rounded up to whole bytes (sub-byte types
     * pack several values per byte).
     *
     * @throws ModelFormatException when the size overflows 64 bits
     */
    public static long bytes(String path, String what, long elements, long bits) throws ModelFormatException {
        try {
            return Math.addExact(Math.multiplyExact(elements, bits), 7) / 8;
        } catch (ArithmeticException e) {
            throw new ModelFormatException(path, what + ": " + elements + " elements of " + bits
                    + " bits: byte size overflows 64 bits");
        }
    }

    /** {@code a × b}, refused past 64 bits with {@code what overflows 64 bits}. */
    public static long product(String path, String what, long a, long b) throws ModelFormatException {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new ModelFormatException(path, what + " overflows 64 bits");
        }
    }

    /** {@code a + b}, refused past 64 bits with {@code what overflows 64 bits}. */
    public static long sum(String path, String what, long a, long b) throws ModelFormatException {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new ModelFormatException(path, what + " overflows 64 bits");
        }
    }
}
