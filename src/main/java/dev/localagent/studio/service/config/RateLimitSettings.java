package dev.localagent.studio.service.config;

/**
 * One provider's client-side rate limits.
 *
 * @param requestsPerSecond sustained request rate (token-bucket refill)
 * @param burst most requests admitted at once (bucket capacity)
 * @param tokensPerMinute estimated tokens admitted per minute; 0 means no token limit
 * @param blocking wait for a permit (up to {@code maxWaitMs}) instead of rejecting at once
 * @param maxWaitMs the longest a call waits for a permit
 */
public record RateLimitSettings(
        double requestsPerSecond, int burst, long tokensPerMinute, boolean blocking, long maxWaitMs) {

    public static RateLimitSettings of(double requestsPerSecond, int burst) {
        return new RateLimitSettings(requestsPerSecond, burst, 0, true, 10_000);
    }
}
