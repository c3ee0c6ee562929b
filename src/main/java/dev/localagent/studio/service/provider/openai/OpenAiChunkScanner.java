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
final class OpenAiChunkScanner extends StrictJsonCursor {

    private static final byte[] CHOICES = ascii("choices");
    private static final byte[] MODEL = ascii("model");
    private static final byte[] USAGE = ascii("usage");
    private static final byte[] ERROR = ascii("error");
    private static final byte[] INDEX = ascii("index");
    private static final byte[] FINISH_REASON = ascii("finish_reason");
    private static final byte[] DELTA = ascii("delta");
    private static final byte[] CONTENT = ascii("content");

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
        } catch (Refused e) {
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
            reply.text(contentFound ? decode(data, contentStart, contentLength, contentEscaped) : null);
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
                            throw REFUSED; // model names have no escapes; leave the odd one to Jackson
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
            throw REFUSED;
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
                throw REFUSED; // two choices, or one that is not an object
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
                throw REFUSED; // may not fit an int; let Jackson say
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
                throw REFUSED;
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
            throw REFUSED;
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

    // ---- values, decoded only once the frame was accepted ----

    private String model(byte[] data) {
        if (lastModel == null || !Arrays.equals(data, modelStart, modelStart + modelLength, lastModelBytes, 0, lastModelBytes.length)) {
            lastModelBytes = Arrays.copyOfRange(data, modelStart, modelStart + modelLength);
            lastModel = new String(lastModelBytes, StandardCharsets.UTF_8);
        }
        return lastModel;
    }
}
