package dev.localagent.studio.service.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the durations people type on a command line: {@code 500ms}, {@code 2s}, {@code 1m30s}, {@code 1h}; a bare number is seconds. */
public final class DurationText {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|s|m|h)");

    private DurationText() {}

    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty duration (write e.g. 500ms, 30s or 2m)");
        }
        if (t.matches("\\d+(\\.\\d+)?")) {
            return nanos(Double.parseDouble(t) * 1e9, text);
        }
        Matcher m = PART.matcher(t);
        int at = 0;
        double nanos = 0;
        while (m.find() && m.start() == at) {
            double v = Double.parseDouble(m.group(1));
            nanos += v * switch (m.group(2)) {
                case "us" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            at = m.end();
        }
        if (at != t.length()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (write e.g. 500ms, 30s or 2m)");
        }
        return nanos(nanos, text);
    }

    private static Duration nanos(double nanos, String text) {
        if (nanos > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("duration too long: '" + text + "'");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    /** {@code 1.5 s}, {@code 250 ms}, for messages. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        return ms >= 1000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0).replace(".0 s", " s") : ms + " ms";
    }
}
