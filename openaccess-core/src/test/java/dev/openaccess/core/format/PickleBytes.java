package dev.openaccess.core.format;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes pickles opcode by opcode as Python's own pickler ({@code Lib/pickle.py}, protocol 2 unless told) writes
 * them: ints as BININT1/BININT2/BININT/LONG1 by size, strings as BINUNICODE, tuples of up to three as TUPLE1-3,
 * every string, tuple and global memoized with BINPUT (LONG_BINPUT past 255), a global named again fetched with
 * BINGET. Opcode bytes are those of {@code Lib/pickletools.py}.
 */
public final class PickleBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, Integer> globals = new HashMap<>();
    private int memo;

    /** PROTO 2, as torch.save's DEFAULT_PROTOCOL writes. */
    public static PickleBytes protocol2() {
        return new PickleBytes().op(0x80, 2);
    }

    public PickleBytes op(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    public PickleBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** BINPUT (or LONG_BINPUT) of the next memo index. */
    public PickleBytes memoize() {
        int index = memo++;
        if (index < 256) {
            return op('q', index);
        }
        return op('r').u32(index);
    }

    public PickleBytes u32(long value) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >> (8 * i)) & 0xFF);
        }
        return this;
    }

    public PickleBytes u64(long value) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (value >> (8 * i)) & 0xFF);
        }
        return this;
    }

    /** GLOBAL {@code module\nname\n}, memoized; BINGET when the same global was written before. */
    public PickleBytes global(String module, String name) {
        Integer known = globals.get(module + "." + name);
        if (known != null) {
            return get(known);
        }
        op('c').raw((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        globals.put(module + "." + name, memo);
        return memoize();
    }

    public PickleBytes get(int index) {
        return index < 256 ? op('h', index) : op('j').u32(index);
    }

    /** BINUNICODE, memoized. */
    public PickleBytes string(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return op('X').u32(utf8.length).raw(utf8).memoize();
    }

    /** As {@code save_long}: BININT1, BININT2, BININT, else LONG1. */
    public PickleBytes integer(long value) {
        if (value >= 0 && value <= 0xFF) {
            return op('K', (int) value);
        }
        if (value >= 0 && value <= 0xFFFF) {
            return op('M', (int) value & 0xFF, (int) (value >> 8));
        }
        if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            return op('J').u32(value);
        }
        return long1(BigInteger.valueOf(value));
    }

    /** LONG1: little-endian two's complement, as {@code encode_long} makes it. */
    public PickleBytes long1(BigInteger value) {
        byte[] bigEndian = value.toByteArray();
        op(0x8a, bigEndian.length);
        for (int i = bigEndian.length - 1; i >= 0; i--) {
            out.write(bigEndian[i]);
        }
        return this;
    }

    public PickleBytes bool(boolean value) {
        return op(value ? 0x88 : 0x89);
    }

    public PickleBytes mark() {
        return op('(');
    }

    /** A tuple of the last {@code size} values written: EMPTY_TUPLE, TUPLE1-3, or after a mark TUPLE; memoized. */
    public PickleBytes tupleOf(int size) {
        return switch (size) {
            case 0 -> op(')');
            case 1 -> op(0x85).memoize();
            case 2 -> op(0x86).memoize();
            case 3 -> op(0x87).memoize();
            default -> op('t').memoize(); // the caller wrote a mark before the items
        };
    }

    /** A tuple of integers, as torch writes a size or a stride. */
    public PickleBytes ints(long... values) {
        if (values.length > 3) {
            mark();
        }
        for (long value : values) {
            integer(value);
        }
        return tupleOf(values.length);
    }

    /** {@code collections.OrderedDict()}: GLOBAL, EMPTY_TUPLE, REDUCE, memoized. */
    public PickleBytes emptyOrderedDict() {
        return global("collections", "OrderedDict").op(')').op('R').memoize();
    }

    public PickleBytes stop() {
        return op('.');
    }

    /** How many values have been memoized: the next BINPUT's index. */
    public int memoCount() {
        return memo;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }
}
