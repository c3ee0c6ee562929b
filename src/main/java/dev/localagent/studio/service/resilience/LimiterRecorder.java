package dev.localagent.studio.service.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counts a limiter's decisions; {@link #snapshot} reads them at once. Thread-safe. */
final class LimiterRecorder {

    private final LongAdder admitted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder waits = new LongAdder();
    private final LongAdder totalWaitNanos = new LongAdder();
    private final AtomicLong longestWaitNanos = new AtomicLong();

    void recordAdmitted(long amount, long waitNanos) {
        admitted.add(amount);
        if (waitNanos > 0) {
            waits.increment();
            totalWaitNanos.add(waitNanos);
            longestWaitNanos.accumulateAndGet(waitNanos, Math::max);
        }
    }

    void recordRejected() {
        rejected.increment();
    }

    RateLimiterStats snapshot(TokenBucket bucket) {
        return new RateLimiterStats(admitted.sum(), rejected.sum(), waits.sum(), Duration.ofNanos(totalWaitNanos.sum()),
                Duration.ofNanos(longestWaitNanos.get()), bucket.available(), Duration.ofNanos(bucket.pausedForNanos()));
    }
}
