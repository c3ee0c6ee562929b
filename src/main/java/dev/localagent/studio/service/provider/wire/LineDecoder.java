package dev.localagent.studio.service.provider.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts a byte stream into lines as it arrives, whatever the read boundaries: {@code \n},
 * {@code \r\n} and a lone {@code \r} all end a line (Gemini via Vertex sends CRLF). Bytes are
 * decoded as UTF-8 only once a line is whole, so a character split across reads survives.
 * Memory is bounded: a line longer than the limit fails. Not thread-safe; one per stream.
 */
public final class LineDecoder {

    /** Receives each whole line, without its terminator. */
    @FunctionalInterface
    public interface LineSink {
        void line(String line);
    }

    /** A line grew past the limit. */
    public static final class LineTooLongException extends RuntimeException {
        LineTooLongException(int limit) {
            super("a line exceeded " + limit + " bytes");
        }
    }

    private final int maxLineBytes;
    private byte[] buffer = new byte[512];
    private int length;
    private boolean afterCr;

    public LineDecoder(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    public void feed(byte[] bytes, int offset, int count, LineSink sink) {
        int end = offset + count;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                if (afterCr) {
                    afterCr = false; // the LF of a CRLF whose CR already ended the line
                    continue;
                }
                emit(sink);
            } else if (b == '\r') {
                afterCr = true;
                emit(sink);
            } else {
                afterCr = false;
                append(b);
            }
        }
    }

    /** Hands over a last line that had no terminator. Returns whether there was one. */
    public boolean finish(LineSink sink) {
        if (length == 0) {
            return false;
        }
        emit(sink);
        return true;
    }

    /** Bytes held for an unfinished line. */
    public int bufferedBytes() {
        return length;
    }

    private void append(byte b) {
        if (length >= maxLineBytes) {
            throw new LineTooLongException(maxLineBytes);
        }
        if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxLineBytes, buffer.length * 2));
        }
        buffer[length++] = b;
    }

    private void emit(LineSink sink) {
        String line = new String(buffer, 0, length, StandardCharsets.UTF_8);
        length = 0;
        if (buffer.length > 64 * 1024) {
            buffer = new byte[512]; // give back what one huge line took
        }
        sink.line(line);
    }
}
