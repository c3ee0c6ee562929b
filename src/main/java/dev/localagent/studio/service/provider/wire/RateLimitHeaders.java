package dev.localagent.studio.service.provider.wire;

import dev.localagent.studio.service.provider.RateLimitInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a refusal's limit hints: {@code retry-after-ms}, {@code retry-after} (seconds or an HTTP
 * date, measured against the given clock), OpenAI's {@code x-ratelimit-*} headers with their
 * duration strings, and as a last resort OpenAI's "Please try again in 644ms" sentence.
 */
public final class RateLimitHeaders {

    private static final Pattern TRY_AGAIN = Pattern.compile("try again in ([0-9.]+(?:ms|s|m|h)(?:[0-9.]+(?:ms|s))?)");

    private RateLimitHeaders() {}

    public static RateLimitInfo parse(Function<String, String> headers, String message, Clock clock) {
        Duration retryAfter = retryAfter(headers, clock);
        if (retryAfter == null && message != null) {
            Matcher m = TRY_AGAIN.matcher(message);
            if (m.find()) {
                retryAfter = GoDuration.parse(m.group(1));
            }
        }
        return new RateLimitInfo(retryAfter,
                number(headers.apply("x-ratelimit-limit-requests")),
                number(headers.apply("x-ratelimit-remaining-requests")),
                GoDuration.parse(headers.apply("x-ratelimit-reset-requests")),
                number(headers.apply("x-ratelimit-limit-tokens")),
                number(headers.apply("x-ratelimit-remaining-tokens")),
                GoDuration.parse(headers.apply("x-ratelimit-reset-tokens")),
                false);
    }

    static Duration retryAfter(Function<String, String> headers, Clock clock) {
        String ms = headers.apply("retry-after-ms");
        if (ms != null) {
            try {
                return Duration.ofNanos(Math.round(Double.parseDouble(ms.strip()) * 1e6));
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        String value = headers.apply("retry-after");
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return Duration.ofNanos(Math.round(Double.parseDouble(v) * 1e9));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(clock.instant(), at.toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static Long number(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
