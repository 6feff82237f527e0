package dev.openaccess.core.format;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * XML bytes (UTF-8, which the parser is told to decode them as) on their way to the StAX parser, refused at a NUL
 * byte (UTF-16 or UTF-32 would hide a declaration from the checks here), at the first declaration
 * ({@code <!DOCTYPE}, {@code <!ENTITY}: no DTD, so no entity can expand, internal or external) and at the first
 * token longer than {@link #MAX_TOKEN_BYTES}. A streaming parser holds one token at a time, a tag with all its attributes, a text, a
 * comment, but holds all of it: without this, one attribute a few hundred megabytes long would be a few hundred
 * megabytes of heap. This is a lexer only as far as it takes to find tokens' ends (quotes in tags; comments, CDATA
 * and processing instructions); the parser checks everything else.
 */
final class BoundedXmlInput extends FilterInputStream {

    /** Machine-written model descriptions have tags and texts of at most a few kilobytes. */
    static final int MAX_TOKEN_BYTES = 1024 * 1024;

    private enum State { TEXT, OPEN, BANG, TAG, COMMENT, CDATA, PI }

    private static final String CDATA_OPEN = "[CDATA[";

    private final String path;
    private State state = State.TEXT;
    private int token;
    /** In a tag, the quote an attribute value opened, or 0. */
    private int quote;
    /** The declaration's first bytes after {@code <!}; the last two bytes of a comment, CDATA or PI. */
    private final StringBuilder seen = new StringBuilder();

    BoundedXmlInput(InputStream in, String path) {
        super(in);
        this.path = path;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            accept(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            accept(buffer[offset + i] & 0xFF);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // the parser never skips; were it to, the skipped bytes would escape the checks
        byte[] discard = new byte[(int) Math.min(n, 8192)];
        int read = read(discard, 0, discard.length);
        return Math.max(read, 0);
    }

    private void accept(int b) throws ModelFormatException {
        if (b == 0) { // never in XML 1.0; in every ASCII character of UTF-16 and UTF-32
            throw new ModelFormatException(path, "holds a NUL byte: not XML in UTF-8, as OpenVINO writes it");
        }
        if (++token > MAX_TOKEN_BYTES) {
            throw new ModelFormatException(path, "holds a tag, text or comment of more than " + MAX_TOKEN_BYTES
                    + " bytes, more than this reader holds at once");
        }
        switch (state) {
            case TEXT -> {
                if (b == '<') {
                    begin(State.OPEN);
                }
            }
            case OPEN -> {
                if (b == '!') {
                    state = State.BANG;
                    seen.setLength(0);
                } else if (b == '?') {
                    state = State.PI;
                    seen.setLength(0);
                } else {
                    state = State.TAG;
                    tag(b);
                }
            }
            case BANG -> declaration(b);
            case TAG -> tag(b);
            case COMMENT -> closes(b, "-->");
            case CDATA -> closes(b, "]]>");
            case PI -> closes(b, "?>");
        }
    }

    /** After {@code <!}: a comment ({@code --}) or a CDATA section; anything else declares a DTD or an entity. */
    private void declaration(int b) throws ModelFormatException {
        seen.append((char) b);
        String opened = seen.toString();
        if (opened.equals("--")) {
            state = State.COMMENT;
            seen.setLength(0);
        } else if (opened.equals(CDATA_OPEN)) {
            state = State.CDATA;
            seen.setLength(0);
        } else if (!"--".startsWith(opened) && !CDATA_OPEN.startsWith(opened)) {
            throw new ModelFormatException(path, "declares a DTD or entity (<!" + opened + "...): refused, as no"
                    + " model description needs one and entities can expand without bound or read other files");
        }
    }

    private void tag(int b) {
        if (quote != 0) {
            if (b == quote) {
                quote = 0;
            }
        } else if (b == '"' || b == '\'') {
            quote = b;
        } else if (b == '>') {
            begin(State.TEXT);
        }
    }

    /** Whether {@code b} ends a comment, CDATA section or PI closed by {@code end}. */
    private void closes(int b, String end) {
        seen.append((char) b);
        if (seen.length() > end.length()) {
            seen.deleteCharAt(0);
        }
        if (seen.toString().equals(end)) {
            begin(State.TEXT);
        }
    }

    private void begin(State next) {
        state = next;
        token = 0;
        quote = 0;
    }
}
