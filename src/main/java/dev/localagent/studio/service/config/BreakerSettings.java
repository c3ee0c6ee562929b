package dev.localagent.studio.service.config;

/**
 * One provider's circuit breaker.
 *
 * @param mode {@code count}: {@code failureThreshold} failures among the last {@code windowCalls}
 *     calls; {@code time}: a failure rate of {@code failureRatePercent} over {@code windowMs} once
 *     at least {@code minimumCalls} were made
 * @param openDelayMs how long the breaker stays open before it lets trial calls through
 * @param successThreshold trial successes needed to close from half-open
 * @param halfOpenMaxCalls most trial calls in flight while half-open
 * @param countRateLimits whether a 429 counts as a failure (by default it is the limiter's business)
 * @param followRetryAfter whether the open delay follows a back-off the provider named
 */
public record BreakerSettings(
        boolean enabled,
        String mode,
        int failureThreshold,
        int windowCalls,
        int failureRatePercent,
        long windowMs,
        int minimumCalls,
        long openDelayMs,
        int successThreshold,
        int halfOpenMaxCalls,
        boolean countRateLimits,
        boolean followRetryAfter) {

    public static final BreakerSettings DEFAULT =
            new BreakerSettings(true, "count", 5, 10, 50, 60_000, 10, 30_000, 2, 2, false, true);
}
