package dev.localagent.studio.sim;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A reusable byte buffer that stream frames are assembled in, straight as UTF-8, by the thread
 * that writes them. A frame built as a {@code StringBuilder} and then copied to a {@code byte[]}
 * left about half a kilobyte of garbage per frame; at 20,000 frames a second that filled the young
 * generation every few seconds, and each collection then copied the live buffers of a thousand open
 * connections (15–70 ms pauses, each one a late frame for every stream due in it). Output is
 * byte-identical to {@link FrameText}'s (and so to Jackson's). Not thread-safe: one per writing
 * thread, cleared before each frame.
 */
final class FrameBuffer {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes = new byte[512];
    private int length;

    FrameBuffer clear() {
        if (bytes.length > 64 * 1024) {
            bytes = new byte[512]; // an oversized reply's frame; do not keep megabytes per thread
        }
        length = 0;
        return this;
    }

    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** Appends raw bytes (a frame built elsewhere, or cached constant text). */
    FrameBuffer append(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
        return this;
    }

    /** Appends {@code s} as UTF-8, unescaped (constant text of a frame). */
    FrameBuffer text(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return append(s.substring(i).getBytes(StandardCharsets.UTF_8));
            }
            bytes[length++] = (byte) c;
        }
        return this;
    }

    /** Appends one ASCII character. */
    FrameBuffer ascii(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    FrameBuffer quoted(String s) {
        return quoted(s, 0, s.length());
    }

    /**
     * Appends {@code s[from, to)} as a JSON string literal, quotes included, escaped as
     * {@link FrameText#quote} (and Jackson) does, in UTF-8.
     */
    FrameBuffer quoted(String s, int from, int to) {
        ensure(to - from + 2);
        bytes[length++] = '"';
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                // a run of non-ASCII characters, encoded together so that surrogate pairs (and lone
                // surrogates, as '?') come out exactly as String.getBytes writes them
                int end = i + 1;
                while (end < to && s.charAt(end) >= 0x80) {
                    end++;
                }
                append(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
                continue;
            }
            ensure(6);
            switch (c) {
                case '"' -> escape('"');
                case '\\' -> escape('\\');
                case '\n' -> escape('n');
                case '\r' -> escape('r');
                case '\t' -> escape('t');
                case '\b' -> escape('b');
                case '\f' -> escape('f');
                default -> {
                    if (c < 0x20) {
                        bytes[length++] = '\\';
                        bytes[length++] = 'u';
                        bytes[length++] = '0';
                        bytes[length++] = '0';
                        bytes[length++] = HEX[c >> 4];
                        bytes[length++] = HEX[c & 0xF];
                    } else {
                        bytes[length++] = (byte) c;
                    }
                }
            }
            i++;
        }
        ensure(1);
        bytes[length++] = '"';
        return this;
    }

    /** Appends {@code v} in decimal, as {@link Long#toString(long)} (and Jackson) writes it. */
    FrameBuffer number(long v) {
        if (v < 0) {
            return text(Long.toString(v)); // never on the hot path: counts and durations
        }
        ensure(19);
        int start = length;
        do {
            bytes[length++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte b = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = b;
        }
        return this;
    }

    /** RFC 3339 with nanoseconds in UTC, exactly as {@link FrameText#rfc3339Nano} writes it. */
    FrameBuffer rfc3339Nano(Instant t) {
        text(FrameText.secondText(t.getEpochSecond()));
        ensure(11);
        bytes[length++] = '.';
        int nano = t.getNano();
        for (int at = length + 8; at >= length; at--) {
            bytes[at] = (byte) ('0' + nano % 10);
            nano /= 10;
        }
        length += 9;
        bytes[length++] = 'Z';
        return this;
    }

    private void escape(char c) {
        bytes[length++] = '\\';
        bytes[length++] = (byte) c;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
