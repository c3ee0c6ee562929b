package dev.localagent.studio.service.resilience;

import java.util.concurrent.TimeUnit;

/**
 * Monotonic time and waiting in one place, so a test advances time instead of sleeping through
 * it. Implementations are thread-safe.
 */
public interface TimeSource {

    /** The JVM's monotonic clock and a real sleep. */
    TimeSource SYSTEM = new TimeSource() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    };

    long nanoTime();

    void sleep(long nanos) throws InterruptedException;
}
