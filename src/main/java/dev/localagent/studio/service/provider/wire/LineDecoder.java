package dev.localagent.studio.service.provider.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts a byte stream into lines as it arrives, whatever the read boundaries: {@code \n},
 * {@code \r\n} and a lone {@code \r} all end a line (Gemini via Vertex sends CRLF). A line is
 * handed over as bytes, straight from the read buffer when it lies inside one read, so the hot path
 * copies nothing; characters are decoded only by whoever needs them, so a UTF-8 character split
 * across reads survives. Memory is bounded: a line longer than the limit fails. Not thread-safe;
 * one per stream.
 */
public final class LineDecoder {

    /** Receives each whole line as a byte range, without its terminator. The range is valid only during the call. */
    @FunctionalInterface
    public interface RawLineSink {
        void line(byte[] bytes, int offset, int length);
    }

    /** Receives each whole line decoded as UTF-8. */
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
        feed(bytes, offset, count, (b, off, len) -> sink.line(new String(b, off, len, StandardCharsets.UTF_8)));
    }

    public void feed(byte[] bytes, int offset, int count, RawLineSink sink) {
        int end = offset + count;
        int i = offset;
        if (afterCr && i < end) {
            if (bytes[i] == '\n') {
                i++; // the LF of a CRLF whose CR ended the previous read
            }
            afterCr = false;
        }
        int start = i;
        while (i < end) {
            i = SwarBytes.firstLineEnd(bytes, i, end); // passes ordinary bytes eight at a time
            if (i == end) {
                break;
            }
            byte b = bytes[i];
            if (b != '\n' && b != '\r') {
                i++;
                continue;
            }
            emit(bytes, start, i - start, sink);
            i++;
            if (b == '\r') {
                if (i == end) {
                    afterCr = true;
                } else if (bytes[i] == '\n') {
                    i++;
                }
            }
            start = i;
        }
        if (start < end) {
            append(bytes, start, end - start);
        }
    }

    /** Hands over a last line that had no terminator. Returns whether there was one. */
    public boolean finish(LineSink sink) {
        return finish((b, off, len) -> sink.line(new String(b, off, len, StandardCharsets.UTF_8)));
    }

    public boolean finish(RawLineSink sink) {
        if (length == 0) {
            return false;
        }
        emit(buffer, 0, 0, sink);
        return true;
    }

    /** Bytes held for an unfinished line. */
    public int bufferedBytes() {
        return length;
    }

    private void append(byte[] bytes, int offset, int count) {
        if (length + count > maxLineBytes) {
            throw new LineTooLongException(maxLineBytes);
        }
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxLineBytes, Math.max(buffer.length * 2, length + count)));
        }
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
    }

    /** Emits the held part (if any) joined with {@code bytes[offset, offset+count)}. */
    private void emit(byte[] bytes, int offset, int count, RawLineSink sink) {
        if (length == 0) {
            if (count > maxLineBytes) {
                throw new LineTooLongException(maxLineBytes);
            }
            sink.line(bytes, offset, count);
            return;
        }
        if (bytes != buffer) {
            append(bytes, offset, count);
        }
        int held = length;
        length = 0;
        byte[] line = buffer;
        if (buffer.length > 64 * 1024) {
            buffer = new byte[512]; // give back what one huge line took
        }
        sink.line(line, 0, held);
    }
}
