package dev.openaccess.core.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks the parts of a FlatBuffer that a reader is about to read against the buffer's bounds, as FlatBuffers' own C++
 * {@code Verifier} does ({@code flatbuffers/verifier.h}): a table's vtable, a field, an offset, a vector's length, a
 * string. The Java runtime has no verifier, and its generated classes follow any offset a file holds, so a hostile file
 * would end in an {@link IndexOutOfBoundsException} or a string of any length; here it ends in a
 * {@link ModelFormatException} naming the file.
 *
 * <p>Positions are absolute in the buffer; a method that finds something missing returns 0 (a field, a table) or -1
 * (a vector), as the generated classes take an absent field for its default. Beyond what the C++ verifier checks, the
 * 16-bit vtable entries and 32-bit offsets must fit Java's signed reads (the generated classes use
 * {@code getShort}/{@code getInt}), so what is verified is what they read.
 *
 * <p>Unlike the C++ verifier, nothing here walks the whole buffer: a reader checks what it reads, as it reads it,
 * and bounds its own walk (tables shared through many offsets are then read as often as the walk reaches them).
 */
final class FlatBufferVerifier {

    private final String path;
    private final ByteBuffer bb;
    private final int limit;

    /** @param bb the FlatBuffer from position 0 to its limit; read little-endian, never moved */
    FlatBufferVerifier(String path, ByteBuffer bb) {
        this.path = path;
        this.bb = bb.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.limit = bb.limit();
    }

    /** The buffer, little-endian, for the generated classes. */
    ByteBuffer buffer() {
        return bb;
    }

    /**
     * The root table, after checking the buffer carries {@code identifier} at bytes 4–8.
     *
     * @throws ModelFormatException when the buffer is too short, lacks the identifier, or its root is not a table
     */
    int root(String identifier) throws ModelFormatException {
        if (limit < 8) {
            throw new ModelFormatException(path, "is " + limit + " bytes long: too short for a FlatBuffer");
        }
        for (int i = 0; i < 4; i++) {
            if (bb.get(4 + i) != identifier.charAt(i)) {
                throw new ModelFormatException(path, "does not carry the file identifier " + identifier
                        + " at bytes 4-8");
            }
        }
        return table(offset(0, "the root table"), "the root table");
    }

    /** Checks the table at {@code position}: its vtable lies in the buffer and is well formed. */
    int table(int position, String what) throws ModelFormatException {
        need(position, 4, what);
        long vtable = (long) position - bb.getInt(position);
        if (vtable < 0 || vtable > limit - 4L) {
            throw outside(what + "'s vtable");
        }
        int vtableBytes = u16((int) vtable);
        // the generated classes read the vtable's size as a signed short: one of 32 KiB or more would hide every field
        if (vtableBytes < 4 || (vtableBytes & 1) != 0 || vtableBytes >= 0x8000) {
            throw new ModelFormatException(path, what + " has a vtable of " + vtableBytes + " bytes, which no"
                    + " FlatBuffers writer makes");
        }
        need(vtable, vtableBytes, what + "'s vtable");
        return position;
    }

    /**
     * The position of a table's field holding {@code size} bytes, or 0 when the table does not have it.
     *
     * @param vtableOffset the field's slot in the vtable: 4 + 2 × its index in the schema, as the generated classes'
     *                     {@code __offset(n)} calls name it
     */
    int field(int table, int vtableOffset, int size, String what) throws ModelFormatException {
        int vtable = table - bb.getInt(table); // checked by table()
        if (vtableOffset >= u16(vtable)) {
            return 0;
        }
        int offset = u16(vtable + vtableOffset);
        if (offset == 0) {
            return 0;
        }
        if (offset >= 0x8000) { // read as a signed short by the generated classes
            throw outside(what);
        }
        need((long) table + offset, size, what);
        return table + offset;
    }

    /** The length of a vector field whose elements take {@code elementSize} bytes each, or -1 when it is absent. */
    int vector(int table, int vtableOffset, int elementSize, String what) throws ModelFormatException {
        int field = field(table, vtableOffset, 4, what);
        if (field == 0) {
            return -1;
        }
        return vectorAt(offset(field, what), elementSize, what);
    }

    /** The table that element {@code index} of a vector of tables (checked by {@link #vector}) points to. */
    int element(int table, int vtableOffset, int index, String what) throws ModelFormatException {
        int field = field(table, vtableOffset, 4, what);
        if (field == 0) {
            throw new IllegalArgumentException("no vector at " + vtableOffset + ": call vector() first");
        }
        int vector = offset(field, what);
        if (index < 0 || index >= vectorAt(vector, 4, what)) {
            throw new IndexOutOfBoundsException(index); // a caller's mistake, never the file's
        }
        return table(offset(vector + 4 + 4 * index, what), what);
    }

    /** The table a field points to (a sub-table or a union's value), or 0 when the field is absent. */
    int tableField(int table, int vtableOffset, String what) throws ModelFormatException {
        int field = field(table, vtableOffset, 4, what);
        return field == 0 ? 0 : table(offset(field, what), what);
    }

    /**
     * A string field, decoded with malformed UTF-8 replaced (the generated accessor throws on it), or null when absent.
     *
     * @throws ModelFormatException when the string is longer than {@code maxBytes} or runs past the buffer
     */
    String string(int table, int vtableOffset, int maxBytes, String what) throws ModelFormatException {
        int field = field(table, vtableOffset, 4, what);
        if (field == 0) {
            return null;
        }
        int string = offset(field, what);
        int length = vectorAt(string, 1, what);
        if (length > maxBytes) {
            throw new ModelFormatException(path, what + " is a string of " + length + " bytes, more than the "
                    + maxBytes + " read");
        }
        ByteBuffer bytes = bb.duplicate();
        bytes.position(string + 4).limit(string + 4 + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(bytes).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder does not throw", e);
        }
    }

    /** The target of the 32-bit offset at {@code position}: forward, non-zero and inside the buffer. */
    private int offset(int position, String what) throws ModelFormatException {
        need(position, 4, what);
        int offset = bb.getInt(position);
        // as the C++ verifier: an offset of 0 or of 2^31 and more is invalid (and Java would read it as negative)
        if (offset <= 0 || (long) position + offset > limit - 4L) {
            throw outside(what);
        }
        return position + offset;
    }

    /** A vector's length, after checking its elements lie in the buffer. */
    private int vectorAt(int vector, int elementSize, String what) throws ModelFormatException {
        need(vector, 4, what);
        long length = bb.getInt(vector) & 0xFFFFFFFFL;
        if (length > (limit - 4L - vector) / elementSize) {
            throw new ModelFormatException(path, what + " declares " + length + " elements, more than the "
                    + (limit - 4L - vector) + " bytes left in the file hold");
        }
        return (int) length;
    }

    private void need(long position, long bytes, String what) throws ModelFormatException {
        if (position < 0 || position > limit - bytes) {
            throw outside(what);
        }
    }

    private ModelFormatException outside(String what) {
        return new ModelFormatException(path, what + " points outside the file (" + limit + " bytes): truncated or"
                + " not a valid FlatBuffer");
    }

    private int u16(int position) {
        return bb.getShort(position) & 0xFFFF;
    }
}
