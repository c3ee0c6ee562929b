package dev.localagent.studio.service.config;

/**
 * One provider's retry policy: exponential back-off with jitter, bounded in attempts and time.
 *
 * @param maxAttempts attempts including the first; 1 means no retry
 * @param initialDelayMs the first back-off
 * @param maxDelayMs the longest single back-off
 * @param jitterFactor random spread of each back-off, 0 to 1
 * @param maxTotalMs the longest all attempts together may take
 * @param retryAfterPartialOutput retry even when text already reached the user (duplicates text and cost)
 */
public record RetrySettings(
        int maxAttempts,
        long initialDelayMs,
        long maxDelayMs,
        double jitterFactor,
        long maxTotalMs,
        boolean retryAfterPartialOutput) {

    public static final RetrySettings DEFAULT = new RetrySettings(3, 500, 20_000, 0.25, 60_000, false);
}
