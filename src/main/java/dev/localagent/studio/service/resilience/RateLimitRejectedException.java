package dev.localagent.studio.service.resilience;

import java.time.Duration;

/**
 * A call was not sent because a client-side limit would have made it wait too long (or at all,
 * for a non-blocking limiter). Nothing reached the provider, so nothing was spent.
 */
public final class RateLimitRejectedException extends RuntimeException {

    private final String provider;
    private final Duration wouldWait;

    public RateLimitRejectedException(String provider, String limit, Duration wouldWait, Duration maxWait) {
        super(provider + ": " + limit + " limit reached; the next permit is " + millis(wouldWait) + " away"
                + (maxWait.isZero() ? " and this limiter does not wait" : ", longer than the " + millis(maxWait) + " a call may wait"));
        this.provider = provider;
        this.wouldWait = wouldWait;
    }

    public String provider() {
        return provider;
    }

    /** How long the caller would have had to wait; a retry after this long will be admitted. */
    public Duration wouldWait() {
        return wouldWait;
    }

    private static String millis(Duration d) {
        long ms = d.toMillis();
        return ms < 10_000 ? ms + " ms" : (ms / 1000) + " s";
    }
}
