package dev.localagent.studio.service.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Time that moves only when told to, or when someone "sleeps" on it. */
final class FakeTime implements TimeSource {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void sleep(long nanos) {
        now.addAndGet(nanos);
    }

    void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }
}
