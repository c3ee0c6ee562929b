package dev.localagent.studio.service.provider.wire;

import dev.localagent.studio.service.provider.ProviderTimeoutException.Phase;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the phase limits of every call in flight from one daemon thread.
 *
 * <p>It replaced a virtual thread per call that slept until its call's next limit. That cost, per
 * call, a thread start, a timed park (which schedules and then cancels a task on the JDK's timer
 * executor) and an unpark at the end; together with reading whole replies without a tree,
 * removing it cut the benchmark client's CPU per request by about a fifth (docs/PERFORMANCE.md,
 * "Session 3"). Here a call only adds itself to a set and removes itself when done; the thread
 * sleeps until the earliest limit any call could reach (at most {@link #MAX_SLEEP_NANOS}, which
 * also bounds how late a test's stepped clock is noticed), checks every call, and aborts those
 * whose limit passed. Limits are seconds long, so scanning the calls in flight (a few, or the
 * benchmark's hundred) a few times a second is cheap. Thread-safe.
 */
final class CallWatchdog {

    static final long MAX_SLEEP_NANOS = 50_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(CallWatchdog.class);
    private static final CallWatchdog SHARED = new CallWatchdog();

    /** One call being watched; {@link #close()} when the call ends, whatever its outcome. */
    static final class Watch implements AutoCloseable {
        private final CallDeadlines deadlines;
        private final LongSupplier nanoClock;
        private final Runnable abort;
        private final CallWatchdog owner;
        private volatile Phase expired;

        private Watch(CallDeadlines deadlines, LongSupplier nanoClock, Runnable abort, CallWatchdog owner) {
            this.deadlines = deadlines;
            this.nanoClock = nanoClock;
            this.abort = abort;
            this.owner = owner;
        }

        /** The phase whose limit passed and aborted the call, or null. */
        Phase expired() {
            return expired;
        }

        @Override
        public void close() {
            owner.watches.remove(this);
        }
    }

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    /** The System.nanoTime() the thread sleeps until; a call due earlier wakes it. */
    private volatile long wakeAt = Long.MAX_VALUE;

    private CallWatchdog() {
        thread = Thread.ofPlatform().daemon().name("call-watchdog").unstarted(this::run);
        thread.start();
    }

    /** Starts watching a call; the abort runs on the watchdog's thread and must not block. */
    static Watch watch(CallDeadlines deadlines, LongSupplier nanoClock, Runnable abort) {
        return SHARED.add(new Watch(deadlines, nanoClock, abort, SHARED));
    }

    private Watch add(Watch w) {
        watches.add(w);
        long due = System.nanoTime() + w.deadlines.untilNextCheck(w.nanoClock.getAsLong());
        if (due - wakeAt < 0) {
            LockSupport.unpark(thread);
        }
        return w;
    }

    private void run() {
        while (true) {
            long sleep = watches.isEmpty() ? Long.MAX_VALUE : MAX_SLEEP_NANOS;
            for (Watch w : watches) {
                long now = w.nanoClock.getAsLong();
                Phase phase = w.deadlines.expired(now);
                if (phase != null) {
                    w.expired = phase;
                    watches.remove(w);
                    try {
                        w.abort.run();
                    } catch (RuntimeException e) {
                        LOG.warn("Aborting a call past its {} limit failed", phase, e);
                    }
                } else {
                    sleep = Math.min(sleep, w.deadlines.untilNextCheck(now));
                }
            }
            long start = System.nanoTime();
            wakeAt = sleep == Long.MAX_VALUE ? Long.MAX_VALUE : start + sleep;
            // A call added between the scan and this line has already compared itself with the
            // previous wakeAt; re-check so it cannot be left unseen for a whole idle park.
            if (sleep == Long.MAX_VALUE && !watches.isEmpty()) {
                continue;
            }
            if (sleep == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, sleep);
            }
            wakeAt = Long.MAX_VALUE;
            Thread.interrupted();
        }
    }
}
