package dev.localagent.studio.sim;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Hand-rolled pieces of stream frames. A stream of a thousand tokens writes a thousand small JSON
 * objects that differ only in one string, so building each through a JSON tree was most of the
 * simulator's CPU per frame; frames are assembled from constant text plus these instead.
 * Output is byte-identical to what Jackson writes for the same values.
 */
final class FrameText {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private record Second(long epochSecond, String text) {}

    private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    private FrameText() {}

    /** Appends {@code s} as a JSON string literal, quotes included, escaped as Jackson does. */
    static StringBuilder quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /**
     * The UTF-8 bytes of a frame in one allocation when it is all ASCII (the usual case), instead
     * of {@code toString().getBytes(UTF_8)}'s two copies.
     */
    static byte[] utf8(StringBuilder s) {
        int n = s.length();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return s.toString().getBytes(StandardCharsets.UTF_8);
            }
            out[i] = (byte) c;
        }
        return out;
    }

    /** RFC 3339 with nanoseconds in UTC, as {@link OllamaModels#rfc3339Nano} writes it, without a formatter per call. */
    static StringBuilder rfc3339Nano(StringBuilder out, Instant t) {
        out.append(secondText(t.getEpochSecond())).append('.');
        String nanos = Integer.toString(t.getNano());
        for (int i = nanos.length(); i < 9; i++) {
            out.append('0');
        }
        return out.append(nanos).append('Z');
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} in UTC, formatted once per second of the clock. */
    static String secondText(long epochSecond) {
        Second s = lastSecond;
        if (s.epochSecond() != epochSecond) {
            s = new Second(epochSecond, SECONDS.format(Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC)));
            lastSecond = s;
        }
        return s.text();
    }
}
