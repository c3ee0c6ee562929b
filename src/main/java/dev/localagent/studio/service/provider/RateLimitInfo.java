package dev.localagent.studio.service.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * What a provider said about its limits when it refused a call. Each field is null when not given.
 *
 * @param retryAfter how long to wait: {@code retry-after-ms}, {@code retry-after} (seconds or an
 *     HTTP date), or Gemini's {@code RetryInfo.retryDelay}
 * @param resetRequests OpenAI's {@code x-ratelimit-reset-requests}, parsed from its duration string
 * @param resetTokens OpenAI's {@code x-ratelimit-reset-tokens}
 * @param quotaExhausted the account's quota is used up ({@code insufficient_quota}): waiting will not help
 */
public record RateLimitInfo(
        Duration retryAfter,
        Long limitRequests,
        Long remainingRequests,
        Duration resetRequests,
        Long limitTokens,
        Long remainingTokens,
        Duration resetTokens,
        boolean quotaExhausted) {

    public static final RateLimitInfo NONE = new RateLimitInfo(null, null, null, null, null, null, null, false);

    public Optional<Duration> retryAfterIfKnown() {
        return Optional.ofNullable(retryAfter);
    }

    public RateLimitInfo withRetryAfter(Duration value) {
        return new RateLimitInfo(value, limitRequests, remainingRequests, resetRequests, limitTokens, remainingTokens,
                resetTokens, quotaExhausted);
    }

    public RateLimitInfo withQuotaExhausted(boolean value) {
        return new RateLimitInfo(retryAfter, limitRequests, remainingRequests, resetRequests, limitTokens, remainingTokens,
                resetTokens, value);
    }
}
