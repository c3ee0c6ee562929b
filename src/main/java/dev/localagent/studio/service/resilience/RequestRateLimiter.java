package dev.localagent.studio.service.resilience;

import dev.localagent.studio.service.config.RateLimitSettings;
import java.time.Duration;

/**
 * One provider's request limit with token-bucket semantics: at most {@code burst} calls at once,
 * refilled at {@code requestsPerSecond}. Blocking limiters wait up to {@code maxWaitMs};
 * non-blocking ones reject at once. A provider's own back-off signal (a 429, or
 * {@code x-ratelimit-remaining-requests: 0}) pauses it until the reset the provider named.
 *
 * <p>Failsafe's {@code RateLimiter} was not used: its smooth limiter has no burst and its bursty
 * one refills a whole period at once. See docs/decisions/2026-11-29-token-bucket-limiters.md.
 * Thread-safe.
 */
public final class RequestRateLimiter {

    private final String provider;
    private final TokenBucket bucket;
    private final TimeSource time;
    private final boolean blocking;
    private final long maxWaitNanos;
    private final LimiterRecorder recorder = new LimiterRecorder();

    public RequestRateLimiter(String provider, RateLimitSettings settings, TimeSource time) {
        this.provider = provider;
        this.bucket = new TokenBucket(settings.burst(), settings.requestsPerSecond(), time);
        this.time = time;
        this.blocking = settings.blocking();
        this.maxWaitNanos = blocking ? Duration.ofMillis(settings.maxWaitMs()).toNanos() : 0;
    }

    /**
     * Admits one call, waiting if the limiter blocks and the wait is short enough.
     *
     * @return how long the call waited, to show the user
     * @throws RateLimitRejectedException when the call may not wait that long
     */
    public Duration acquire() throws InterruptedException {
        long wait = bucket.reserve(1, maxWaitNanos);
        if (wait < 0) {
            recorder.recordRejected();
            throw new RateLimitRejectedException(provider, "request rate", Duration.ofNanos(bucket.peekWait(1)), Duration.ofNanos(maxWaitNanos));
        }
        if (wait > 0) {
            time.sleep(wait);
        }
        recorder.recordAdmitted(1, wait);
        return Duration.ofNanos(wait);
    }

    /** The provider asked for a pause (429 with a reset, or no requests remaining). */
    public void pauseFor(Duration pause) {
        bucket.pauseUntil(time.nanoTime() + pause.toNanos());
    }

    public RateLimiterStats stats() {
        return recorder.snapshot(bucket);
    }
}
