package dev.openaccess.core.format;

import dev.openaccess.core.format.PickleValue.BigInt;
import dev.openaccess.core.format.PickleValue.Bool;
import dev.openaccess.core.format.PickleValue.Bytes;
import dev.openaccess.core.format.PickleValue.DictValue;
import dev.openaccess.core.format.PickleValue.Global;
import dev.openaccess.core.format.PickleValue.Instance;
import dev.openaccess.core.format.PickleValue.Int;
import dev.openaccess.core.format.PickleValue.ListValue;
import dev.openaccess.core.format.PickleValue.Text;
import dev.openaccess.core.format.PickleValue.Tuple;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pickle interpreter that runs nothing. It reads every opcode of protocols 0 to 5 (Python's
 * {@code Lib/pickletools.py} documents each) and keeps the stack, the marks and the memo as {@code pickle.py}'s
 * {@code _Unpickler} does, but what it builds is inert: a GLOBAL is only a name ({@link Global}), reported to
 * {@link Calls#imported}; REDUCE, NEWOBJ, OBJ and INST never call or instantiate anything — {@link Calls#reduce}
 * decides what their result stands for (torch's tensor-rebuild calls become {@link PickleValue.Tensor}s, everything
 * else an opaque {@link Instance}); BUILD, APPEND and SETITEM on anything but a plain container change nothing; a
 * persistent id goes to {@link Calls#persistentLoad}. Strings longer than {@link #MAX_TEXT_BYTES} and all bytes are
 * skipped by their declared length, which is checked against the bytes left first.
 *
 * <p>Memory and time are bounded by the file and by the limits below, never by what it declares: every value pushed
 * or added to a container counts against {@link #MAX_VALUES}, the memo is a map (a memo index of 2^32 − 1 costs one
 * entry) of at most {@link #MAX_MEMO} entries, and marks nest at most {@link #MAX_MARK_DEPTH} deep. Nothing is ever
 * walked recursively, so no nesting, and no container that holds itself, reaches the Java stack.
 */
final class PickleMachine {

    /** Values pushed or added to containers in one pickle. A state dict takes about 15 per tensor. */
    static final int MAX_VALUES = 2_000_000;
    /** Memo entries in one pickle; Python memoizes about ten per tensor of a state dict. */
    static final int MAX_MEMO = 1_000_000;
    /**
     * MARKs open at once. Python's pickler recurses once per level of nesting, so the pickles it writes nest no
     * deeper than its recursion limit (1,000 by default).
     */
    static final int MAX_MARK_DEPTH = 1_000;
    /** Strings kept as text (names, keys, locations); longer ones are skipped by their length. */
    static final int MAX_TEXT_BYTES = 65_536;
    /** A line of the text protocol (a GLOBAL's module or name, an INT, a PUT index). */
    static final int MAX_LINE_BYTES = 65_536;
    /** Integers past 64 bits are kept up to this many bytes (torch's magic number takes 10); longer ones skipped. */
    private static final int MAX_BIG_INT_BYTES = 32;
    /** The newest protocol Python writes (3.8+). */
    static final int HIGHEST_PROTOCOL = 5;

    /** What the pickle's calls and persistent ids stand for: the format's own meaning, decided outside. */
    interface Calls {

        /** Every GLOBAL, STACK_GLOBAL, INST and EXT names what unpickling would import. */
        void imported(Global global) throws ModelFormatException;

        /** What REDUCE of {@code callable} on {@code args} would return, without calling anything. */
        PickleValue reduce(PickleValue callable, PickleValue args) throws ModelFormatException;

        /** What {@code persistent_load(pid)} would return. */
        PickleValue persistentLoad(PickleValue pid) throws ModelFormatException;
    }

    private final LittleEndianInput in;
    private final Calls calls;
    private final String name;
    private List<PickleValue> stack = new ArrayList<>();
    private final ArrayDeque<List<PickleValue>> marks = new ArrayDeque<>();
    private final Map<Long, PickleValue> memo = new HashMap<>();
    private long values;
    private long opcodeAt;
    private int opcode;

    /**
     * @param name the pickle, for messages: {@code data.pkl}, {@code the object}
     */
    PickleMachine(LittleEndianInput in, Calls calls, String name) {
        this.in = in;
        this.calls = calls;
        this.name = name;
    }

    /** Runs the pickle from the current position to its STOP; returns what it would have returned. */
    PickleValue load() throws IOException {
        for (; ; ) {
            opcodeAt = in.position();
            opcode = in.u8(name + ": an opcode");
            switch (opcode) {
                case '.' -> { // STOP
                    return pop();
                }
                case '(' -> mark();
                case '0' -> { // POP: the top of the stack, or a mark with nothing above it (pickle.py)
                    if (stack.isEmpty()) {
                        popMark();
                    } else {
                        pop();
                    }
                }
                case '1' -> popMark(); // POP_MARK
                case '2' -> push(top()); // DUP
                case 0x80 -> { // PROTO
                    int protocol = in.u8(name + ": the protocol");
                    if (protocol > HIGHEST_PROTOCOL) {
                        throw error("declares pickle protocol " + protocol + "; Python writes at most "
                                + HIGHEST_PROTOCOL);
                    }
                }
                case 0x95 -> in.declared(in.u64(name + ": a frame length"), // FRAME: advisory, its bytes follow
                        name + ": a frame declares more bytes than the file holds");
                // numbers
                case 'I' -> push(textInt(line("INT")));
                case 'J' -> push(integer((int) in.u32(name + ": BININT"))); // BININT: signed 32 bits
                case 'K' -> push(integer(in.u8(name + ": BININT1")));
                case 'M' -> push(integer(in.u16(name + ": BININT2")));
                case 'L' -> push(textLong(line("LONG")));
                case 0x8a -> push(binaryLong(in.u8(name + ": LONG1 length"))); // LONG1
                case 0x8b -> push(binaryLong(signedLength(in.u32(name + ": LONG4 length"), "LONG4"))); // LONG4
                case 'F' -> push(textFloat(line("FLOAT")));
                case 'G' -> push(new PickleValue.Float(Double.longBitsToDouble(Long.reverseBytes( // BINFLOAT: big
                        in.u64(name + ": BINFLOAT")))));
                case 'N' -> push(PickleValue.None.NONE);
                case 0x88 -> push(new Bool(true)); // NEWTRUE
                case 0x89 -> push(new Bool(false)); // NEWFALSE
                // strings and bytes
                case 'S' -> push(quoted(line("STRING"))); // STRING: a repr, quotes included
                case 'V' -> push(lineText(line("UNICODE"))); // UNICODE: raw-unicode-escape
                case 'T' -> push(text(signedLength(in.u32(name + ": BINSTRING length"), "BINSTRING"))); // BINSTRING
                case 'U' -> push(text(in.u8(name + ": SHORT_BINSTRING length")));
                case 'X' -> push(text(in.u32(name + ": BINUNICODE length")));
                case 0x8c -> push(text(in.u8(name + ": SHORT_BINUNICODE length")));
                case 0x8d -> push(text(unsignedLength(in.u64(name + ": BINUNICODE8 length"), "BINUNICODE8")));
                case 'B' -> push(bytes(in.u32(name + ": BINBYTES length")));
                case 'C' -> push(bytes(in.u8(name + ": SHORT_BINBYTES length")));
                case 0x8e -> push(bytes(unsignedLength(in.u64(name + ": BINBYTES8 length"), "BINBYTES8")));
                case 0x96 -> push(bytes(unsignedLength(in.u64(name + ": BYTEARRAY8 length"), "BYTEARRAY8")));
                case 0x97 -> push(new Bytes(0)); // NEXT_BUFFER: out of band, which torch never supplies
                case 0x98 -> top(); // READONLY_BUFFER: the buffer on top, made read-only
                // containers
                case ')' -> push(new Tuple(List.of())); // EMPTY_TUPLE
                case 't' -> push(new Tuple(popMark())); // TUPLE
                case 0x85 -> push(tuple(1)); // TUPLE1
                case 0x86 -> push(tuple(2));
                case 0x87 -> push(tuple(3));
                case ']' -> push(new ListValue()); // EMPTY_LIST
                case 'l' -> push(list(popMark())); // LIST
                case 'a' -> append(List.of(pop())); // APPEND
                case 'e' -> append(popMark()); // APPENDS
                case '}', 0x8f -> push(new DictValue()); // EMPTY_DICT, EMPTY_SET
                case 'd', 0x91 -> push(dict(popMark(), opcode == 'd')); // DICT, FROZENSET
                case 's' -> { // SETITEM
                    PickleValue value = pop();
                    PickleValue key = pop();
                    setItems(List.of(key, value));
                }
                case 'u' -> setItems(popMark()); // SETITEMS
                case 0x90 -> addItems(popMark()); // ADDITEMS
                // the memo
                case 'p' -> put(memoIndex(line("PUT")));
                case 'q' -> put(in.u8(name + ": BINPUT"));
                case 'r' -> put(in.u32(name + ": LONG_BINPUT"));
                case 0x94 -> put(memo.size()); // MEMOIZE
                case 'g' -> push(get(memoIndex(line("GET"))));
                case 'h' -> push(get(in.u8(name + ": BINGET")));
                case 'j' -> push(get(in.u32(name + ": LONG_BINGET")));
                // what unpickling would import, call or build: named, never done
                case 'c' -> push(imported(new Global(line("GLOBAL"), line("GLOBAL"))));
                case 0x93 -> { // STACK_GLOBAL
                    PickleValue attribute = pop();
                    PickleValue module = pop();
                    if (!(module instanceof Text m) || m.text() == null || !(attribute instanceof Text a)
                            || a.text() == null) {
                        throw error("STACK_GLOBAL needs a module and a name as strings");
                    }
                    push(imported(new Global(m.text(), a.text())));
                }
                case 0x82 -> push(extension(in.u8(name + ": EXT1"))); // EXT1, EXT2, EXT4: copyreg's registry
                case 0x83 -> push(extension(in.u16(name + ": EXT2")));
                case 0x84 -> push(extension((int) in.u32(name + ": EXT4")));
                case 'R' -> { // REDUCE
                    PickleValue args = pop();
                    PickleValue callable = pop();
                    push(calls.reduce(callable, args));
                }
                case 0x81 -> { // NEWOBJ: cls.__new__(cls, *args)
                    pop();
                    push(new Instance(pop()));
                }
                case 0x92 -> { // NEWOBJ_EX: cls.__new__(cls, *args, **kwargs)
                    pop();
                    pop();
                    push(new Instance(pop()));
                }
                case 'o' -> { // OBJ: the class is the first item above the mark
                    List<PickleValue> items = popMark();
                    if (items.isEmpty()) {
                        throw error("OBJ needs a class above its mark");
                    }
                    push(new Instance(items.get(0)));
                }
                case 'i' -> { // INST: module and name lines, arguments above the mark
                    Global type = imported(new Global(line("INST"), line("INST")));
                    popMark();
                    push(new Instance(type));
                }
                case 'b' -> pop(); // BUILD: the state of the object below it, which stays as it is
                case 'P' -> push(calls.persistentLoad(lineText(line("PERSID")))); // PERSID
                case 'Q' -> push(calls.persistentLoad(pop())); // BINPERSID
                default -> throw error("holds opcode 0x" + Integer.toHexString(opcode)
                        + ", which no pickle protocol (0 to " + HIGHEST_PROTOCOL + ") defines");
            }
        }
    }

    // --------------------------------------------------------------------------------------------- the stack

    private ModelFormatException error(String problem) {
        return in.error(name + " " + problem + " (opcode " + opName() + " at offset " + opcodeAt + ")");
    }

    private String opName() {
        return opcode >= 0x21 && opcode < 0x7f ? "'" + (char) opcode + "'" : "0x" + Integer.toHexString(opcode);
    }

    private void count(long more) throws ModelFormatException {
        values += more;
        if (values > MAX_VALUES) {
            throw error("builds more than " + MAX_VALUES + " values, the limit for one pickle");
        }
    }

    private void push(PickleValue value) throws ModelFormatException {
        count(1);
        stack.add(value);
    }

    private PickleValue pop() throws ModelFormatException {
        if (stack.isEmpty()) {
            throw error("pops an empty stack");
        }
        return stack.remove(stack.size() - 1);
    }

    private PickleValue top() throws ModelFormatException {
        if (stack.isEmpty()) {
            throw error("needs a value on the stack and there is none");
        }
        return stack.get(stack.size() - 1);
    }

    private void mark() throws ModelFormatException {
        if (marks.size() >= MAX_MARK_DEPTH) {
            throw error("nests marks more than " + MAX_MARK_DEPTH + " deep");
        }
        count(1);
        marks.push(stack);
        stack = new ArrayList<>();
    }

    /** The values above the last mark, which is removed. */
    private List<PickleValue> popMark() throws ModelFormatException {
        if (marks.isEmpty()) {
            throw error("needs a MARK and there is none");
        }
        List<PickleValue> items = stack;
        stack = marks.pop();
        return items;
    }

    private Tuple tuple(int size) throws ModelFormatException {
        if (stack.size() < size) {
            throw error("needs " + size + " values on the stack and there are " + stack.size());
        }
        List<PickleValue> items = new ArrayList<>(stack.subList(stack.size() - size, stack.size()));
        stack.subList(stack.size() - size, stack.size()).clear();
        return new Tuple(items);
    }

    private ListValue list(List<PickleValue> items) throws ModelFormatException {
        ListValue list = new ListValue();
        count(items.size());
        list.items.addAll(items);
        return list;
    }

    private DictValue dict(List<PickleValue> items, boolean pairs) throws ModelFormatException {
        if (pairs && items.size() % 2 != 0) {
            throw error("makes a dict of " + items.size() + " values: keys and values must pair up");
        }
        DictValue dict = new DictValue();
        count(items.size());
        dict.entries.addAll(items);
        return dict;
    }

    /** APPEND(S) to a list; on anything else pickle would call its {@code append}, which changes nothing here. */
    private void append(List<PickleValue> items) throws ModelFormatException {
        PickleValue target = top();
        if (target instanceof ListValue list) {
            count(items.size());
            list.items.addAll(items);
        }
    }

    private void setItems(List<PickleValue> items) throws ModelFormatException {
        if (items.size() % 2 != 0) {
            throw error("sets " + items.size() + " values: keys and values must pair up");
        }
        if (top() instanceof DictValue dict) {
            count(items.size());
            dict.entries.addAll(items);
        }
    }

    private void addItems(List<PickleValue> items) throws ModelFormatException {
        if (top() instanceof DictValue set) {
            count(items.size());
            set.entries.addAll(items);
        }
    }

    // ---------------------------------------------------------------------------------------------- the memo

    private void put(long index) throws ModelFormatException {
        PickleValue value = top();
        if (!memo.containsKey(index) && memo.size() >= MAX_MEMO) {
            throw error("memoizes more than " + MAX_MEMO + " values, the limit for one pickle");
        }
        memo.put(index, value);
    }

    private PickleValue get(long index) throws ModelFormatException {
        PickleValue value = memo.get(index);
        if (value == null) {
            throw error("gets memo entry " + index + ", which was never put");
        }
        return value;
    }

    private long memoIndex(String line) throws ModelFormatException {
        try {
            long index = Long.parseLong(line.strip());
            if (index < 0) {
                throw error("names a negative memo index " + index);
            }
            return index;
        } catch (NumberFormatException e) {
            throw error("names memo index '" + shortened(line) + "', which is not a number");
        }
    }

    // ------------------------------------------------------------------------------------ imports and calls

    private Global imported(Global global) throws ModelFormatException {
        calls.imported(global);
        return global;
    }

    /** EXT1/2/4 name a callable by its code in copyreg's extension registry, whatever the loader registered. */
    private Global extension(int code) throws ModelFormatException {
        return imported(new Global("copyreg", "_extension_registry[" + code + "]"));
    }

    // ------------------------------------------------------------------------------------ numbers and text

    private PickleValue integer(long value) {
        return new Int(value);
    }

    /** INT: a decimal line; {@code 00} and {@code 01} are False and True (protocol 0's booleans). */
    private PickleValue textInt(String line) throws ModelFormatException {
        String digits = line.strip();
        if (digits.equals("00") || digits.equals("01")) {
            return new Bool(digits.equals("01"));
        }
        return textLong(digits);
    }

    /** LONG and INT past 64 bits: decimal, an {@code L} at the end in Python 2's pickles. */
    private PickleValue textLong(String line) throws ModelFormatException {
        String digits = line.strip();
        if (digits.endsWith("L")) {
            digits = digits.substring(0, digits.length() - 1);
        }
        if (!digits.matches("[+-]?\\d{1,4096}")) {
            throw error("holds '" + shortened(line) + "', which is not an integer");
        }
        if (digits.length() > 2 * MAX_BIG_INT_BYTES) {
            return new BigInt(null); // parsing thousands of digits costs time and tells nothing about a model
        }
        BigInteger value = new BigInteger(digits);
        return value.bitLength() < 64 ? new Int(value.longValue()) : new BigInt(value);
    }

    /** LONG1 and LONG4: little-endian two's complement of {@code length} bytes. */
    private PickleValue binaryLong(long length) throws IOException {
        in.declared(length, name + ": an integer declares " + length + " bytes");
        if (length > MAX_BIG_INT_BYTES) {
            in.skip(length, name + ": an integer");
            return new BigInt(null);
        }
        byte[] littleEndian = in.bytes((int) length, name + ": an integer");
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        BigInteger value = bigEndian.length == 0 ? BigInteger.ZERO : new BigInteger(bigEndian);
        return value.bitLength() < 64 ? new Int(value.longValue()) : new BigInt(value);
    }

    private PickleValue textFloat(String line) throws ModelFormatException {
        try {
            return new PickleValue.Float(Double.parseDouble(line.strip()));
        } catch (NumberFormatException e) {
            throw error("holds '" + shortened(line) + "', which is not a float");
        }
    }

    private long signedLength(long u32, String what) throws ModelFormatException {
        int length = (int) u32;
        if (length < 0) {
            throw error(what + " declares a negative length " + length);
        }
        return length;
    }

    private long unsignedLength(long u64, String what) throws ModelFormatException {
        if (u64 < 0) {
            throw error(what + " declares " + Long.toUnsignedString(u64) + " bytes");
        }
        return u64;
    }

    /** A string of {@code length} bytes: kept as text when short, else skipped; checked against the file first. */
    private Text text(long length) throws IOException {
        in.declared(length, name + ": a string declares " + length + " bytes");
        if (length > MAX_TEXT_BYTES) {
            in.skip(length, name + ": a string");
            return new Text(null, length);
        }
        return new Text(new String(in.bytes((int) length, name + ": a string"), StandardCharsets.UTF_8), length);
    }

    private Bytes bytes(long length) throws IOException {
        in.declared(length, name + ": bytes declare " + length + " bytes");
        in.skip(length, name + ": bytes");
        return new Bytes(length);
    }

    private static Text lineText(String line) {
        return new Text(line, line.length());
    }

    /** STRING's repr: {@code 'storage'} or {@code "storage"}; escapes are left as they are. */
    private Text quoted(String line) throws ModelFormatException {
        String repr = line.strip();
        if (repr.length() < 2 || repr.charAt(0) != repr.charAt(repr.length() - 1)
                || repr.charAt(0) != '\'' && repr.charAt(0) != '"') {
            throw error("holds " + shortened(line) + ", which is not a quoted string");
        }
        return lineText(repr.substring(1, repr.length() - 1));
    }

    /** One line of the text protocol, without its newline. */
    private String line(String what) throws IOException {
        byte[] bytes = new byte[64];
        int length = 0;
        for (int b; (b = in.u8(name + ": " + what + " (a line)")) != '\n'; ) {
            if (length == MAX_LINE_BYTES) {
                throw error("holds a line of more than " + MAX_LINE_BYTES + " bytes");
            }
            if (length == bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.min(bytes.length * 2, MAX_LINE_BYTES));
            }
            bytes[length++] = (byte) b;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
