package dev.localagent.studio.service.resilience;

import dev.failsafe.Bulkhead;
import dev.localagent.studio.service.config.BulkheadSettings;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One provider's bulkhead: Failsafe's permits for the calls in flight, plus the bound on the wait
 * queue that Failsafe lacks (it bounds only the wait time). Thread-safe.
 */
final class ProviderBulkhead {

    private final String provider;
    private final Bulkhead<Object> permits;
    private final int maxConcurrent;
    private final int maxQueued;
    private final Duration maxWait;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder rejected = new LongAdder();

    ProviderBulkhead(String provider, BulkheadSettings settings) {
        this.provider = provider;
        this.maxConcurrent = settings.maxConcurrentCalls();
        this.maxQueued = settings.maxQueuedCalls();
        this.maxWait = Duration.ofMillis(settings.maxWaitMs());
        this.permits = Bulkhead.builder(settings.maxConcurrentCalls()).withMaxWaitTime(maxWait).build();
    }

    void acquire() throws InterruptedException {
        if (permits.tryAcquirePermit()) {
            inFlight.incrementAndGet();
            return;
        }
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            rejected.increment();
            throw new BulkheadFullException(provider, maxConcurrent, maxQueued == 0 ? "this provider queues none" : maxQueued + " more already queued");
        }
        try {
            if (!permits.tryAcquirePermit(maxWait)) {
                rejected.increment();
                throw new BulkheadFullException(provider, maxConcurrent, "no slot freed within " + maxWait.toMillis() + " ms");
            }
            inFlight.incrementAndGet();
        } finally {
            queued.decrementAndGet();
        }
    }

    void release() {
        inFlight.decrementAndGet();
        permits.releasePermit();
    }

    int inFlight() {
        return inFlight.get();
    }

    int queued() {
        return queued.get();
    }

    long rejected() {
        return rejected.sum();
    }
}
