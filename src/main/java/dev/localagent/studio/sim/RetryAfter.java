package dev.localagent.studio.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The {@code retry-after} header value: whole seconds rounded up (at least 1), or an HTTP date. */
final class RetryAfter {

    private RetryAfter() {}

    static String header(Duration wait, boolean asDate, Clock clock) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        if (asDate) {
            return DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(seconds).atZone(ZoneOffset.UTC));
        }
        return Long.toString(seconds);
    }

    /** Whole seconds rounded up, at least 1, as Gemini writes its {@code retryDelay}: {@code 26s}. */
    static String googleDelay(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000) + "s";
    }
}
