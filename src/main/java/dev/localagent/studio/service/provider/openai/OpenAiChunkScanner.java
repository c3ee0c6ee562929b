package dev.localagent.studio.service.provider.openai;

import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.service.provider.wire.ReplyAccumulator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fast path for the frame nearly every OpenAI stream is made of: one chunk object with at most
 * one choice, {@code usage} and {@code error} null or absent. One forward pass over the bytes
 * checks the whole frame against JSON's grammar (strict UTF-8 included) and notes where the few
 * wanted values lie, without a parser object, field-name hashing or a String per field; only the
 * delta's text is decoded. It never changes the reply while scanning: {@link #scan} says whether
 * the frame was read completely, and only then does {@link #applyTo} hand over what it found.
 *
 * <p>Exactness rule: a frame is accepted only when the generic reader in {@link OpenAiStreamDecoder}
 * would read it without error and draw the same values from it. Anything else (a usage object, an
 * error object, two choices, an escape in a field name, a value of an odd type where that reader
 * behaves oddly, any grammar or encoding fault, nesting past {@link #MAX_DEPTH}) makes
 * {@code scan} return false, and the caller reads the frame with the generic reader, which then
 * decides, errors included. Not thread-safe; one per stream.
 */
final class OpenAiChunkScanner {

    /** Far below Jackson's own nesting limit, so a frame this scanner takes, Jackson would too. */
    static final int MAX_DEPTH = 64;
    /** Likewise below Jackson's longest number and field name. */
    private static final int MAX_NUMBER_CHARS = 100;
    private static final int MAX_NAME_BYTES = 1_000;

    private static final byte[] CHOICES = ascii("choices");
    private static final byte[] MODEL = ascii("model");
    private static final byte[] USAGE = ascii("usage");
    private static final byte[] ERROR = ascii("error");
    private static final byte[] INDEX = ascii("index");
    private static final byte[] FINISH_REASON = ascii("finish_reason");
    private static final byte[] DELTA = ascii("delta");
    private static final byte[] CONTENT = ascii("content");

    /** Thrown (one shared instance, no stack trace) to leave a frame that is not a plain chunk. */
    private static final class NotPlain extends RuntimeException {
        NotPlain() {
            super("not a plain chunk", null, false, false);
        }
    }

    private static final NotPlain NOT_PLAIN = new NotPlain();

    /** Bytes a string may hold as they are: printable ASCII other than the quote and the backslash. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    private byte[] b;
    private int pos;
    private int end;
    /** First byte of the field name {@link #name()} last read. */
    private int nameStart;

    // What the last scan found; valid only after scan returned true, and only until the next scan.
    private int modelStart;
    private int modelLength;
    private boolean choiceSeen;
    private int choiceIndex;
    private int contentStart;
    private int contentLength;
    private boolean contentEscaped;
    private boolean contentFound;
    private int finishStart;
    private int finishLength;

    // The model name repeats in every chunk: keep the last one so the same bytes give the same String.
    private byte[] lastModelBytes = new byte[0];
    private String lastModel;
    private char[] chars = new char[64];

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether {@code data[offset, offset+length)} is a plain chunk, read completely. */
    boolean scan(byte[] data, int offset, int length) {
        b = data;
        pos = offset;
        end = offset + length;
        modelStart = -1;
        choiceSeen = false;
        try {
            chunk();
            return true;
        } catch (NotPlain e) {
            return false;
        } finally {
            b = null;
        }
    }

    /** Hands the last accepted frame's values to the reply, as the generic reader would. */
    void applyTo(byte[] data, ReplyAccumulator reply) {
        if (modelStart >= 0) {
            reply.model(model(data));
        }
        if (choiceSeen && choiceIndex == 0) {
            reply.text(contentFound ? content(data) : null);
            reply.finishReason(finishStart < 0 ? null
                    : OpenAiMapping.finishReason(new String(data, finishStart, finishLength, StandardCharsets.UTF_8)));
        }
    }

    // ---- the grammar: each method starts at its first byte (after whitespace) and leaves pos after its last ----

    private void chunk() {
        whitespace();
        expect('{');
        whitespace();
        if (peek() == '}') {
            pos++;
        } else {
            do {
                whitespace();
                int nameLength = name();
                whitespace();
                expect(':');
                whitespace();
                if (isName(nameLength, CHOICES)) {
                    if (peek() == '[') {
                        choices();
                    } else {
                        value(1);
                    }
                } else if (isName(nameLength, MODEL)) {
                    if (peek() == '"') {
                        modelStart = pos + 1;
                        if (string()) {
                            throw NOT_PLAIN; // model names have no escapes; leave the odd one to Jackson
                        }
                        modelLength = pos - 1 - modelStart;
                    } else {
                        nullLiteral(); // a model of another type makes the generic reader stray
                    }
                } else if (isName(nameLength, USAGE) || isName(nameLength, ERROR)) {
                    nullLiteral(); // a real usage or error object is the generic reader's job
                } else {
                    value(1);
                }
                whitespace();
            } while (comma());
            expect('}');
        }
        // The generic reader stops at the object's end; anything after it here goes to that reader too.
        whitespace();
        if (pos != end) {
            throw NOT_PLAIN;
        }
    }

    private void choices() {
        pos++; // [
        whitespace();
        if (peek() == ']') {
            pos++;
            return;
        }
        do {
            whitespace();
            if (choiceSeen || peek() != '{') {
                throw NOT_PLAIN; // two choices, or one that is not an object
            }
            choice();
            whitespace();
        } while (comma());
        expect(']');
    }

    private void choice() {
        choiceSeen = true;
        choiceIndex = 0;
        contentFound = false;
        finishStart = -1;
        pos++; // {
        whitespace();
        if (peek() == '}') {
            pos++;
            return;
        }
        do {
            whitespace();
            int nameLength = name();
            whitespace();
            expect(':');
            whitespace();
            if (isName(nameLength, INDEX)) {
                choiceIndex = index();
            } else if (isName(nameLength, FINISH_REASON)) {
                finishReason();
            } else if (isName(nameLength, DELTA)) {
                delta();
            } else {
                value(3);
            }
            whitespace();
        } while (comma());
        expect('}');
    }

    private int index() {
        byte c = peek();
        if (c == '-' || (c >= '0' && c <= '9')) {
            int start = pos;
            boolean integral = number();
            if (!integral) {
                return 0; // a float is not VALUE_NUMBER_INT: the generic reader takes 0
            }
            int digits = pos - start - (b[start] == '-' ? 1 : 0);
            if (digits > 9) {
                throw NOT_PLAIN; // may not fit an int; let Jackson say
            }
            int value = 0;
            for (int i = b[start] == '-' ? start + 1 : start; i < pos; i++) {
                value = value * 10 + (b[i] - '0');
            }
            return b[start] == '-' ? -value : value;
        }
        scalarOtherThanNumber();
        return 0;
    }

    private void finishReason() {
        if (peek() == '"') {
            finishStart = pos + 1;
            if (string()) {
                throw NOT_PLAIN;
            }
            finishLength = pos - 1 - finishStart;
        } else {
            scalarOtherThanNumberOrNumber();
            finishStart = -1;
        }
    }

    /** The delta: its string {@code content}, last one winning, as {@code WireJson.stringField} reads it. */
    private void delta() {
        contentFound = false;
        if (peek() != '{') {
            value(3);
            return;
        }
        pos++;
        whitespace();
        if (peek() == '}') {
            pos++;
            return;
        }
        do {
            whitespace();
            int nameLength = name();
            whitespace();
            expect(':');
            whitespace();
            if (isName(nameLength, CONTENT) && peek() == '"') {
                contentStart = pos + 1;
                contentEscaped = string();
                contentLength = pos - 1 - contentStart;
                contentFound = true;
            } else {
                value(4);
            }
            whitespace();
        } while (comma());
        expect('}');
    }

    /** A scalar that is not a number: string, true, false or null. Objects and arrays are left to Jackson. */
    private void scalarOtherThanNumber() {
        byte c = peek();
        if (c == '"') {
            string();
        } else if (c == 't' || c == 'f' || c == 'n') {
            literal();
        } else {
            throw NOT_PLAIN;
        }
    }

    private void scalarOtherThanNumberOrNumber() {
        byte c = peek();
        if (c == '-' || (c >= '0' && c <= '9')) {
            number();
        } else {
            scalarOtherThanNumber();
        }
    }

    private void nullLiteral() {
        if (end - pos >= 4 && b[pos] == 'n' && b[pos + 1] == 'u' && b[pos + 2] == 'l' && b[pos + 3] == 'l') {
            pos += 4;
            return;
        }
        throw NOT_PLAIN;
    }

    /** Any JSON value, checked and skipped. */
    private void value(int depth) {
        if (depth > MAX_DEPTH) {
            throw NOT_PLAIN;
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
                    throw NOT_PLAIN;
                }
            }
        }
    }

    private void literal() {
        byte c = b[pos];
        byte[] word = c == 't' ? TRUE : c == 'f' ? FALSE : NULL;
        if (end - pos < word.length || !same(pos, word)) {
            throw NOT_PLAIN;
        }
        pos += word.length;
    }

    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}; returns whether it had neither fraction nor exponent. */
    private boolean number() {
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
            throw NOT_PLAIN;
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
            throw NOT_PLAIN;
        }
    }

    /** A field name without escapes; returns its length in bytes, pos after the closing quote. */
    private int name() {
        if (peek() != '"') {
            throw NOT_PLAIN;
        }
        int start = pos + 1;
        if (string()) {
            throw NOT_PLAIN; // an escaped name could spell a wanted field; Jackson decodes it
        }
        nameStart = start;
        int length = pos - 1 - start;
        if (length > MAX_NAME_BYTES) {
            throw NOT_PLAIN;
        }
        return length;
    }

    /**
     * A string at pos (its opening quote), checked: escapes as JSON allows them, no raw control
     * characters, well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
     * Leaves pos after the closing quote; returns whether it held an escape.
     */
    private boolean string() {
        int i = pos + 1;
        boolean escaped = false;
        while (true) {
            // Most bytes of a string are plain printable ASCII: one table look-up each to pass them.
            while (i < end && PLAIN[b[i] & 0xFF]) {
                i++;
            }
            if (i >= end) {
                throw NOT_PLAIN;
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
                throw NOT_PLAIN; // a raw control character
            }
        }
    }

    /** Checks the escape whose letter is at i; returns the index after it. */
    private int escape(int i) {
        if (i >= end) {
            throw NOT_PLAIN;
        }
        switch (b[i]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 1;
            }
            case 'u' -> {
                if (end - i < 5) {
                    throw NOT_PLAIN;
                }
                for (int k = 1; k <= 4; k++) {
                    hex(b[i + k]);
                }
                return i + 5;
            }
            default -> throw NOT_PLAIN;
        }
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw NOT_PLAIN;
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
            throw NOT_PLAIN;
        }
        if (end - i <= count) {
            throw NOT_PLAIN;
        }
        int second = b[i + 1] & 0xFF;
        if (second < min2 || second > max2) {
            throw NOT_PLAIN;
        }
        for (int k = 2; k <= count; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                throw NOT_PLAIN;
            }
        }
        return i + count + 1;
    }

    private boolean comma() {
        if (pos < end && b[pos] == ',') {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (pos >= end || b[pos] != c) {
            throw NOT_PLAIN;
        }
        pos++;
    }

    private byte peek() {
        if (pos >= end) {
            throw NOT_PLAIN;
        }
        return b[pos];
    }

    private void whitespace() {
        while (pos < end) {
            byte c = b[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    /** A plain loop: for names this short, Arrays.equals' range checks and stub call cost more (profiled). */
    private boolean isName(int length, byte[] name) {
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

    // ---- values, decoded only once the frame was accepted ----

    private String model(byte[] data) {
        if (lastModel == null || !Arrays.equals(data, modelStart, modelStart + modelLength, lastModelBytes, 0, lastModelBytes.length)) {
            lastModelBytes = Arrays.copyOfRange(data, modelStart, modelStart + modelLength);
            lastModel = new String(lastModelBytes, StandardCharsets.UTF_8);
        }
        return lastModel;
    }

    private String content(byte[] data) {
        if (!contentEscaped) {
            return new String(data, contentStart, contentLength, StandardCharsets.UTF_8); // checked UTF-8: decodes as Jackson would
        }
        if (chars.length < contentLength) {
            chars = new char[Math.max(contentLength, chars.length * 2)];
        }
        int n = 0;
        int i = contentStart;
        int stop = contentStart + contentLength;
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
