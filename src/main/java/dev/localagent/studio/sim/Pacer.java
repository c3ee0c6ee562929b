package dev.localagent.studio.sim;

import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes waiting virtual threads at their deadlines from one platform thread, in batches.
 *
 * <p>A timed {@link LockSupport#parkNanos} on a virtual thread schedules (and on wake-up cancels)
 * a task on the JDK's timer executor, whose platform thread then wakes for every single deadline;
 * with 1,000 streams at a 50 ms gap that is 20,000 timer wake-ups a second and about half the CPU
 * of a streamed frame. Here a waiting thread registers its deadline and parks without a timeout;
 * the pacer thread sleeps until the earliest deadline, rounded up to the next {@link #TICK_NANOS}
 * tick, and unparks every thread that is then due. Deadlines are never brought forward: a thread
 * is woken at or after its deadline, at most about a tick late (plus scheduling latency), so every
 * frame still goes out when it is due. Thread-safe.
 */
final class Pacer {

    /** Batching granularity: at most this many wake-ups of the pacer thread per second is 1e9 / TICK. */
    static final long TICK_NANOS = Long.getLong("sim.pacer.tickMicros", 1000) * 1000;

    private static final Pacer SHARED = new Pacer();

    private static final class Waiter implements Comparable<Waiter> {
        final long deadline;
        final Thread thread;
        volatile boolean fired;

        Waiter(long deadline, Thread thread) {
            this.deadline = deadline;
            this.thread = thread;
        }

        @Override
        public int compareTo(Waiter o) {
            return Long.compare(deadline - o.deadline, 0);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Waiter> queue = new PriorityQueue<>();
    private final Thread thread;
    /** The deadline the pacer thread is sleeping towards, or Long.MAX_VALUE-ish sentinel when idle. */
    private long sleepingUntil;
    private boolean sleepingIdle = true;

    private Pacer() {
        thread = Thread.ofPlatform().daemon().name("sim-pacer").unstarted(this::run);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    /**
     * Parks the calling thread until {@code deadline} (a {@link System#nanoTime()} value); returns
     * at once if it passed, and early only if the thread is interrupted (the flag stays set).
     * Platform threads park on their own; virtual threads are woken by the pacer.
     */
    static void sleepUntil(long deadline) {
        if (deadline - System.nanoTime() <= 0) {
            return;
        }
        if (Thread.currentThread().isVirtual()) {
            SHARED.await(deadline);
        } else {
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        }
    }

    private void await(long deadline) {
        Waiter w = new Waiter(deadline, Thread.currentThread());
        add(w);
        while (deadline - System.nanoTime() > 0) {
            if (Thread.currentThread().isInterrupted()) {
                return; // an entry may remain; waking a thread that no longer waits is harmless
            }
            if (w.fired) { // woken on time but the clock disagrees by a hair, or spuriously after firing
                w = new Waiter(deadline, Thread.currentThread());
                add(w);
            }
            LockSupport.park(this);
        }
    }

    private void add(Waiter w) {
        boolean wake;
        lock.lock();
        try {
            queue.add(w);
            // wake the pacer only if it sleeps past this deadline's tick
            wake = sleepingIdle || w.deadline - sleepingUntil < 0;
            if (wake) {
                sleepingIdle = false;
                sleepingUntil = w.deadline;
            }
        } finally {
            lock.unlock();
        }
        if (wake) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        Waiter[] due = new Waiter[64];
        while (true) {
            long now = System.nanoTime();
            int n = 0;
            long next;
            boolean idle;
            lock.lock();
            try {
                Waiter head;
                while ((head = queue.peek()) != null && head.deadline - now <= 0) {
                    queue.poll();
                    if (n == due.length) {
                        due = java.util.Arrays.copyOf(due, n * 2);
                    }
                    due[n++] = head;
                }
                idle = head == null;
                // round up to the next tick so that deadlines close together are served together
                next = idle ? 0 : head.deadline + (TICK_NANOS - Math.floorMod(head.deadline - now, TICK_NANOS)) % TICK_NANOS;
                sleepingIdle = idle;
                sleepingUntil = idle ? 0 : next;
            } finally {
                lock.unlock();
            }
            for (int i = 0; i < n; i++) {
                due[i].fired = true;
                LockSupport.unpark(due[i].thread);
                due[i] = null;
            }
            if (idle) {
                LockSupport.park(this);
            } else {
                long left = next - System.nanoTime();
                if (left > 0) {
                    LockSupport.parkNanos(this, left);
                }
            }
        }
    }
}
