package dev.localagent.studio.service.provider.openai;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over one JSON text held as bytes that checks it strictly against JSON's grammar as it
 * goes (escapes, no raw control characters, well-formed UTF-8 without overlong forms or surrogates,
 * numbers without leading zeros) and refuses, by throwing {@link #REFUSED}, anything it does not
 * accept. It accepts less than Jackson does, never more, so whatever it takes Jackson would read the
 * same way. The machinery of {@link OpenAiChunkScanner}; each method starts at its first byte
 * (after whitespace) and leaves {@link #pos} after its last. Not thread-safe.
 */
abstract class StrictJsonCursor {

    /** Far below Jackson's own nesting limit, so a text this cursor takes, Jackson would too. */
    static final int MAX_DEPTH = 64;
    /** Likewise below Jackson's longest number and field name. */
    static final int MAX_NUMBER_CHARS = 100;
    static final int MAX_NAME_BYTES = 1_000;

    /** Thrown (one shared instance, no stack trace) to leave a text the cursor does not accept. */
    static final class Refused extends RuntimeException {
        Refused() {
            super("not accepted by the strict cursor", null, false, false);
        }
    }

    static final Refused REFUSED = new Refused();

    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Bytes a string may hold as they are: printable ASCII other than the quote and the backslash. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    byte[] b;
    int pos;
    int end;
    /** First byte of the field name {@link #name()} last read. */
    int nameStart;
    private char[] chars = new char[64];

    final void nullLiteral() {
        if (end - pos >= 4 && b[pos] == 'n' && b[pos + 1] == 'u' && b[pos + 2] == 'l' && b[pos + 3] == 'l') {
            pos += 4;
            return;
        }
        throw REFUSED;
    }

    /** Any JSON value, checked and skipped. */
    final void value(int depth) {
        if (depth > MAX_DEPTH) {
            throw REFUSED;
        }
        byte c = peek();
        switch (c) {
            case '"' -> string();
            case '{' -> {
                pos++;
                whitespace();
                if (peek() == '}') {
                    pos++;
                    return;
                }
                do {
                    whitespace();
                    name();
                    whitespace();
                    expect(':');
                    whitespace();
                    value(depth + 1);
                    whitespace();
                } while (comma());
                expect('}');
            }
            case '[' -> {
                pos++;
                whitespace();
                if (peek() == ']') {
                    pos++;
                    return;
                }
                do {
                    whitespace();
                    value(depth + 1);
                    whitespace();
                } while (comma());
                expect(']');
            }
            case 't', 'f', 'n' -> literal();
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    number();
                } else {
                    throw REFUSED;
                }
            }
        }
    }

    final void literal() {
        byte c = b[pos];
        byte[] word = c == 't' ? TRUE : c == 'f' ? FALSE : NULL;
        if (end - pos < word.length || !same(pos, word)) {
            throw REFUSED;
        }
        pos += word.length;
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}; returns whether it had neither fraction nor exponent. */
    final boolean number() {
        int start = pos;
        if (b[pos] == '-') {
            pos++;
        }
        if (pos < end && b[pos] == '0') {
            pos++;
        } else {
            digits();
        }
        boolean integral = true;
        if (pos < end && b[pos] == '.') {
            pos++;
            digits();
            integral = false;
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            digits();
            integral = false;
        }
        if (pos - start > MAX_NUMBER_CHARS) {
            throw REFUSED;
        }
        return integral;
    }

    /** One or more digits. */
    private void digits() {
        int start = pos;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
        if (pos == start) {
            throw REFUSED;
        }
    }

    /** A field name without escapes; returns its length in bytes, pos after the closing quote. */
    final int name() {
        if (peek() != '"') {
            throw REFUSED;
        }
        int start = pos + 1;
        if (string()) {
            throw REFUSED; // an escaped name could spell a wanted field; Jackson decodes it
        }
        nameStart = start;
        int length = pos - 1 - start;
        if (length > MAX_NAME_BYTES) {
            throw REFUSED;
        }
        return length;
    }

    /**
     * A string at pos (its opening quote), checked: escapes as JSON allows them, no raw control
     * characters, well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
     * Leaves pos after the closing quote; returns whether it held an escape.
     */
    final boolean string() {
        int i = pos + 1;
        boolean escaped = false;
        while (true) {
            // Most bytes of a string are plain printable ASCII: one table look-up each to pass them. (Eight
            // at a time, as LineDecoder does, measured no faster here: these strings are short.)
            while (i < end && PLAIN[b[i] & 0xFF]) {
                i++;
            }
            if (i >= end) {
                throw REFUSED;
            }
            byte c = b[i];
            if (c == '"') {
                pos = i + 1;
                return escaped;
            }
            if (c == '\\') {
                escaped = true;
                i = escape(i + 1);
            } else if (c >= 0x20) {
                i++;
            } else if (c < 0) {
                i = utf8(i);
            } else {
                throw REFUSED; // a raw control character
            }
        }
    }

    /** Checks the escape whose letter is at i; returns the index after it. */
    private int escape(int i) {
        if (i >= end) {
            throw REFUSED;
        }
        switch (b[i]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 1;
            }
            case 'u' -> {
                if (end - i < 5) {
                    throw REFUSED;
                }
                for (int k = 1; k <= 4; k++) {
                    hex(b[i + k]);
                }
                return i + 5;
            }
            default -> throw REFUSED;
        }
    }

    static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw REFUSED;
    }

    /** Checks one multi-byte UTF-8 sequence starting at i; returns the index after it. */
    private int utf8(int i) {
        int lead = b[i] & 0xFF;
        int count;
        int min2 = 0x80;
        int max2 = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            count = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            count = 2;
            if (lead == 0xE0) {
                min2 = 0xA0;
            } else if (lead == 0xED) {
                max2 = 0x9F; // no UTF-16 surrogates
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            count = 3;
            if (lead == 0xF0) {
                min2 = 0x90;
            } else if (lead == 0xF4) {
                max2 = 0x8F;
            }
        } else {
            throw REFUSED;
        }
        if (end - i <= count) {
            throw REFUSED;
        }
        int second = b[i + 1] & 0xFF;
        if (second < min2 || second > max2) {
            throw REFUSED;
        }
        for (int k = 2; k <= count; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                throw REFUSED;
            }
        }
        return i + count + 1;
    }

    final boolean comma() {
        if (pos < end && b[pos] == ',') {
            pos++;
            return true;
        }
        return false;
    }

    final void expect(char c) {
        if (pos >= end || b[pos] != c) {
            throw REFUSED;
        }
        pos++;
    }

    final byte peek() {
        if (pos >= end) {
            throw REFUSED;
        }
        return b[pos];
    }

    final void whitespace() {
        while (pos < end) {
            byte c = b[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    /** A plain loop: for names this short, Arrays.equals' range checks and intrinsic call cost more (profiled). */
    final boolean isName(int length, byte[] name) {
        return length == name.length && same(nameStart, name);
    }

    private boolean same(int from, byte[] word) {
        for (int i = 0; i < word.length; i++) {
            if (b[from + i] != word[i]) {
                return false;
            }
        }
        return true;
    }

    /** Decodes the string body {@code data[start, start+length)} that {@link #string()} checked. */
    final String decode(byte[] data, int start, int length, boolean escaped) {
        if (!escaped) {
            return new String(data, start, length, StandardCharsets.UTF_8); // checked UTF-8: decodes as Jackson would
        }
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        int n = 0;
        int i = start;
        int stop = start + length;
        while (i < stop) {
            byte c = data[i];
            if (c == '\\') {
                byte e = data[i + 1];
                switch (e) {
                    case 'b' -> chars[n++] = '\b';
                    case 'f' -> chars[n++] = '\f';
                    case 'n' -> chars[n++] = '\n';
                    case 'r' -> chars[n++] = '\r';
                    case 't' -> chars[n++] = '\t';
                    case 'u' -> {
                        chars[n++] = (char) (hex(data[i + 2]) << 12 | hex(data[i + 3]) << 8 | hex(data[i + 4]) << 4 | hex(data[i + 5]));
                        i += 4;
                    }
                    default -> chars[n++] = (char) e; // " \ /
                }
                i += 2;
            } else if (c >= 0) {
                chars[n++] = (char) c;
                i++;
            } else {
                int lead = c & 0xFF;
                if (lead < 0xE0) {
                    chars[n++] = (char) ((lead & 0x1F) << 6 | (data[i + 1] & 0x3F));
                    i += 2;
                } else if (lead < 0xF0) {
                    chars[n++] = (char) ((lead & 0x0F) << 12 | (data[i + 1] & 0x3F) << 6 | (data[i + 2] & 0x3F));
                    i += 3;
                } else {
                    int cp = (lead & 0x07) << 18 | (data[i + 1] & 0x3F) << 12 | (data[i + 2] & 0x3F) << 6 | (data[i + 3] & 0x3F);
                    chars[n++] = Character.highSurrogate(cp);
                    chars[n++] = Character.lowSurrogate(cp);
                    i += 4;
                }
            }
        }
        return new String(chars, 0, n);
    }
}
