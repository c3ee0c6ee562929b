package dev.localagent.studio.sim;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the simulator's time from a couple of platform threads ({@link #WORKERS}) sharing one
 * queue: they write due stream frames themselves and wake threads that wait for a deadline, in
 * deadline order, rounding their sleeps up to a {@link #TICK_NANOS} tick so that deadlines close
 * together are served in one wake-up.
 *
 * <p>Why the pacer writes: a stream whose virtual thread sleeps between tokens parks and unparks
 * that thread once per token (a stack chunk of garbage, scheduler work and a futex wake each, 20,000
 * times a second for 1,000 streams at a 50 ms gap). Here the request thread hands its
 * {@link StreamRun} over and parks once for the whole stream; the pacer
 * writes each frame when it is due, never before, on the exchange's own (blocking) output stream,
 * so every frame is still flushed as it is due. A request thread need not even park: with
 * {@link #start} it hands the run over and returns, and the pacer ends the stream through a callback
 * (a parked virtual thread keeps a stack chunk of ~5 KB alive for the stream's whole life, which
 * every young collection during a run copies; see docs/decisions/2026-11-29-released-stream-threads.md).
 *
 * <p>A client that stops reading would block the pacer in a write and stall every other stream.
 * A watchdog thread therefore checks, every {@link #STUCK_NANOS}, whether a pacer thread has been in
 * one write since its previous (punctual) check; if so it starts a new pacer thread in its place, and
 * the stuck one, once its write returns, hands that stream to a thread of its own (which goes on
 * writing and sleeping by itself, as all streams did before) and ends; if that write returned
 * within {@link #HAND_BACK_NANOS}, the thread had merely not been run, and the stream stays paced. Other streams are held
 * up by at most about two watchdog periods. See docs/decisions/2026-11-29-pacer-writes-frames.md.
 * Thread-safe.
 */
final class Pacer {

    /** Batching granularity: at most this many wake-ups of the pacer thread per second is 1e9 / TICK. */
    static final long TICK_NANOS = Long.getLong("sim.pacer.tickMicros", 1000) * 1000;

    /**
     * Pacer threads that take due frames from the one queue. Two by default: on two cores a single
     * writer that the scheduler pauses for a few milliseconds holds every stream up, while with two
     * the other goes on writing.
     */
    static final int WORKERS = Math.max(1, Integer.getInteger("sim.pacer.workers", 2));

    /** A write that lasts from one watchdog check to the next is taken as blocked. */
    static final long STUCK_NANOS = Long.getLong("sim.pacer.stuckMicros", 2000) * 1000;

    /**
     * A stream whose write outlasted the watchdog goes to a thread of its own only if that write
     * took longer than this in the end; otherwise it goes back into the queue.
     */
    static final long HAND_BACK_NANOS = 20 * STUCK_NANOS;

    /**
     * A diagnostic for benchmarks: log, each time the pacer runs out of streams, how late it took
     * frames from the queue (time past their deadline), to tell the server's lateness apart from
     * the client's or the machine's in a jitter figure. Off by default.
     */
    static final boolean LOG_LATENESS = Boolean.getBoolean("sim.pacer.lateness");

    private static final Logger LOG = LoggerFactory.getLogger(Pacer.class);

    /**
     * Frame buffers for request threads, which write a stream's first frames before the pacer takes
     * over: a virtual thread's thread-local would be garbage after one stream. Bounded; a buffer
     * that does not fit back is dropped.
     */
    private static final ArrayBlockingQueue<FrameBuffer> SPARE_FRAMES = new ArrayBlockingQueue<>(64);

    private static final Pacer SHARED = new Pacer();

    /** Something due at a deadline: a waiting thread or a stream's next frame. */
    private abstract static sealed class Entry implements Comparable<Entry> permits Waiter, Stream {
        long deadline;

        @Override
        public int compareTo(Entry o) {
            return Long.compare(deadline - o.deadline, 0);
        }
    }

    private static final class Waiter extends Entry {
        final Thread thread;
        volatile boolean fired;

        Waiter(long deadline, Thread thread) {
            this.deadline = deadline;
            this.thread = thread;
        }
    }

    /** Who holds a stream: the pacer (queued or being written), or its request thread again. */
    private enum Hold { PACED, ENDED, HANDED_BACK, CANCELLED }

    private static final class Stream extends Entry implements Handle {
        final StreamRun run;
        /** The request thread parked until the stream ends ({@link #play}), or null for a released stream. */
        final Thread owner;
        /** How a released stream ({@link #start}) ends: called once with the failure, or null after a normal end. */
        final Consumer<Throwable> end;
        /** Guarded by the pacer's lock: the thread that plays a released stream alone after a blocked write. */
        Thread alone;
        volatile Hold hold = Hold.PACED;
        /** What the last step threw; read by the owner after {@link #hold} left PACED. */
        Throwable failure;
        /** Guarded by the pacer's lock. */
        boolean queued;
        /** Set under the pacer's lock: the stream was cancelled while a thread wrote it. */
        volatile boolean cancelRequested;

        Stream(StreamRun run, Thread owner, Consumer<Throwable> end) {
            this.run = run;
            this.owner = owner;
            this.end = end;
        }

        @Override
        public void cancel() {
            SHARED.cancel(this);
        }
    }

    /** A stream handed to the pacer by {@link #start}. */
    interface Handle {
        /** Ends the stream early (the server is closing): its end callback gets an {@link InterruptedIOException}. */
        void cancel();
    }

    /** One pacer thread and what it is writing, for the watchdog. */
    private final class Worker implements Runnable {
        final int slot;
        final Thread thread;
        final FrameBuffer frames = new FrameBuffer();
        volatile Stream writing;
        /** Counts the steps begun, so that the watchdog can tell one long write from many short ones. */
        volatile long steps;

        Worker(int slot) {
            this.slot = slot;
            thread = Thread.ofPlatform().daemon().name("sim-pacer-" + workerCount.incrementAndGet()).unstarted(this);
            thread.setPriority(Thread.MAX_PRIORITY);
        }

        @Override
        public void run() {
            loop(this);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final AtomicInteger workerCount = new AtomicInteger();
    /** Streams the pacer holds right now; the watchdog sleeps while there are none. */
    private final AtomicInteger pacedStreams = new AtomicInteger();
    private final AtomicLong handedBack = new AtomicLong();
    private final AtomicLong replacedWorkers = new AtomicLong();
    /** With {@link #LOG_LATENESS}: frames taken per 100 µs of lateness, the last bucket for 50 ms and more. */
    private final java.util.concurrent.atomic.AtomicLongArray lateness = new java.util.concurrent.atomic.AtomicLongArray(501);
    private final Thread watchdog;
    /** The pacer threads in service; a slot is replaced when its thread is stuck in a write. Guarded by lock for writes. */
    private final AtomicReferenceArray<Worker> workers = new AtomicReferenceArray<>(WORKERS);
    /** The deadline the workers are sleeping towards; meaningful only when not idle. Guarded by lock. */
    private long sleepingUntil;
    private boolean sleepingIdle = true;

    private Pacer() {
        for (int i = 0; i < WORKERS; i++) {
            workers.set(i, new Worker(i));
            workers.get(i).thread.start();
        }
        watchdog = Thread.ofPlatform().daemon().name("sim-pacer-watchdog").unstarted(this::watch);
        watchdog.start();
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

    /**
     * Plays {@code run} to its end: what is due now on the calling thread, the rest by the pacer
     * while this thread parks. Returns once the run has {@link StreamRun#ended() ended}; throws
     * what a write threw, or {@link InterruptedIOException} if the thread was interrupted (the
     * server is closing) before the end.
     */
    static void play(StreamRun run) throws IOException {
        long next = stepNow(run);
        if (run.ended()) {
            return;
        }
        if (SHARED.drive(run, next)) {
            return;
        }
        // handed back (a write blocked the pacer): go on alone, sleeping between frames
        FrameBuffer frames = new FrameBuffer();
        while (!run.ended()) {
            sleepUntil(next);
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("stream interrupted");
            }
            next = run.step(Integer.MAX_VALUE, frames);
        }
    }

    /**
     * Plays {@code run} without keeping the calling thread: writes what is due now on it, then leaves
     * the rest to the pacer and returns. {@code end} is called exactly once when the run has ended
     * (with {@code null}), failed (with what a write threw) or been {@linkplain Handle#cancel
     * cancelled} (with an {@link InterruptedIOException}), on a virtual thread of its own once the
     * pacer held the stream (on the calling thread if it ended at once); it ends the HTTP message
     * and may block on the socket.
     */
    static Handle start(StreamRun run, Consumer<Throwable> end) {
        Stream s = new Stream(run, null, end);
        long next;
        try {
            next = stepNow(run);
        } catch (Throwable t) {
            end.accept(t);
            return s;
        }
        if (run.ended()) {
            end.accept(null);
            return s;
        }
        s.deadline = next;
        SHARED.hold(s);
        return s;
    }

    /** Writes what {@code run} has due now on the calling (request) thread, in a frame buffer borrowed for the purpose. */
    private static long stepNow(StreamRun run) throws IOException {
        FrameBuffer frames = SPARE_FRAMES.poll();
        if (frames == null) {
            frames = new FrameBuffer();
        }
        try {
            return run.step(Integer.MAX_VALUE, frames);
        } finally {
            SPARE_FRAMES.offer(frames.clear());
        }
    }

    /** How many streams a blocked write made the pacer hand back to their threads since start. */
    static long handedBack() {
        return SHARED.handedBack.get();
    }

    /** How many times the watchdog replaced a pacer thread stuck in a write since start. */
    static long replacedWorkers() {
        return SHARED.replacedWorkers.get();
    }

    /** Hands {@code run} to the pacer and parks; {@code true} when it ended, {@code false} when handed back. */
    private boolean drive(StreamRun run, long deadline) throws IOException {
        Stream s = new Stream(run, Thread.currentThread(), null);
        s.deadline = deadline;
        hold(s);
        boolean interrupted = false;
        while (s.hold == Hold.PACED) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
                cancel(s);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        switch (s.hold) {
            case ENDED -> {
                Throwable t = s.failure;
                if (t == null) {
                    return true;
                }
                if (t instanceof IOException e) {
                    throw e;
                }
                if (t instanceof RuntimeException e) {
                    throw e;
                }
                if (t instanceof Error e) {
                    throw e;
                }
                throw new UncheckedIOException(new IOException(t));
            }
            case CANCELLED -> throw new InterruptedIOException("stream interrupted");
            default -> {
                return false;
            }
        }
    }

    /** Queues a stream the pacer now holds. */
    private void hold(Stream s) {
        if (pacedStreams.getAndIncrement() == 0) {
            LockSupport.unpark(watchdog);
        }
        add(s);
    }

    /**
     * The owner was interrupted, or the server is closing: take the stream out of the queue, or ask
     * the pacer writing it to let go, or interrupt the thread that plays it alone.
     */
    private void cancel(Stream s) {
        boolean dequeued = false;
        lock.lock();
        try {
            if (s.queued) {
                queue.remove(s);
                s.queued = false;
                dequeued = true;
            } else {
                s.cancelRequested = true;
                if (s.alone != null) {
                    s.alone.interrupt();
                }
            }
        } finally {
            lock.unlock();
        }
        if (dequeued) {
            release(s, Hold.CANCELLED);
        }
    }

    /** The pacer lets go of {@code s}: wakes its parked owner, or ends a released stream. Not under the lock (an end writes). */
    private void release(Stream s, Hold hold) {
        if (pacedStreams.decrementAndGet() == 0 && LOG_LATENESS) {
            logLateness();
        }
        s.hold = hold;
        if (s.owner != null) {
            LockSupport.unpark(s.owner);
            return;
        }
        switch (hold) {
            // ending the HTTP message (the terminating chunk's write, the exchange's close, the
            // server's bookkeeping: an estimated 30-40 µs) runs on a virtual thread of its own,
            // not on a pacer thread: when a run's streams end together, a thousand of them would otherwise
            // hold up the frames still due for the others, and a client that stopped reading could
            // block the pacer in that write
            case ENDED -> {
                Throwable failure = s.failure;
                Thread.startVirtualThread(() -> end(s, failure));
            }
            case CANCELLED -> Thread.startVirtualThread(() -> end(s, new InterruptedIOException("stream cancelled")));
            default -> {
                // a write blocked the pacer: a thread of the stream's own takes over (and may block) from here
                Thread alone = Thread.ofVirtual().name("sim-stream-alone").unstarted(() -> playAlone(s));
                lock.lock();
                try {
                    s.alone = alone;
                } finally {
                    lock.unlock();
                }
                alone.start();
            }
        }
    }

    private void logLateness() {
        long[] counts = new long[lateness.length()];
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = lateness.getAndSet(i, 0);
            total += counts[i];
        }
        if (total == 0) {
            return;
        }
        StringBuilder line = new StringBuilder("Pacer idle after ").append(total).append(" frames; taken late by (ms, upper bound)");
        double[] quantiles = {0.5, 0.9, 0.99, 0.999, 1.0};
        int q = 0;
        long seen = 0;
        for (int i = 0; i < counts.length && q < quantiles.length; i++) {
            seen += counts[i];
            while (q < quantiles.length && seen >= Math.ceil(quantiles[q] * total)) {
                line.append(q == quantiles.length - 1 ? " max " : " p" + quantiles[q] * 100 + " ").append(i == 500 ? ">50" : String.format("%.1f", (i + 1) / 10.0));
                q++;
            }
        }
        LOG.info(line.toString());
    }

    private static void end(Stream s, Throwable failure) {
        try {
            s.end.accept(failure);
        } catch (RuntimeException | Error e) {
            LOG.warn("Ending a stream failed: {}", e.toString(), e);
        }
    }

    /** A released stream that a blocked write took from the pacer, played on a thread of its own to the end. */
    private static void playAlone(Stream s) {
        FrameBuffer frames = new FrameBuffer();
        Throwable failure = null;
        try {
            long next = System.nanoTime();
            while (!s.run.ended()) {
                sleepUntil(next);
                if (Thread.currentThread().isInterrupted() || s.cancelRequested) {
                    throw new InterruptedIOException("stream cancelled");
                }
                next = s.run.step(Integer.MAX_VALUE, frames);
            }
        } catch (Throwable t) {
            failure = t;
        }
        end(s, failure);
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

    private void add(Entry e) {
        boolean wake;
        lock.lock();
        try {
            wake = enqueue(e);
        } finally {
            lock.unlock();
        }
        if (wake) {
            for (int i = 0; i < WORKERS; i++) {
                Thread t = workers.get(i).thread;
                if (Thread.currentThread() != t) {
                    LockSupport.unpark(t);
                }
            }
        }
    }

    private boolean inService(Worker w) {
        return workers.get(w.slot) == w;
    }

    /** Queues {@code e}; {@code true} if the pacer sleeps past its deadline and must be woken. Holds the lock. */
    private boolean enqueue(Entry e) {
        queue.add(e);
        if (e instanceof Stream s) {
            s.queued = true;
        }
        // wake the pacer only if it sleeps past this deadline's tick
        boolean wake = sleepingIdle || e.deadline - sleepingUntil < 0;
        if (wake) {
            sleepingIdle = false;
            sleepingUntil = e.deadline;
        }
        return wake;
    }

    private void loop(Worker me) {
        while (inService(me)) {
            long now = System.nanoTime();
            Entry due = null;
            long next = 0;
            boolean idle = false;
            lock.lock();
            try {
                Entry head = queue.peek();
                if (head != null && head.deadline - now <= 0) {
                    due = queue.poll();
                    if (due instanceof Stream s) {
                        s.queued = false;
                    }
                } else {
                    idle = head == null;
                    // round up to the next tick so that deadlines close together are served together
                    next = idle ? 0 : head.deadline + (TICK_NANOS - Math.floorMod(head.deadline - now, TICK_NANOS)) % TICK_NANOS;
                    sleepingIdle = idle;
                    sleepingUntil = next;
                }
            } finally {
                lock.unlock();
            }
            if (due instanceof Waiter w) {
                w.fired = true;
                LockSupport.unpark(w.thread);
            } else if (due instanceof Stream s) {
                if (LOG_LATENESS) {
                    lateness.incrementAndGet((int) Math.min(500, (now - s.deadline) / 100_000));
                }
                write(me, s);
            } else if (idle) {
                LockSupport.park(this);
            } else {
                long left = next - System.nanoTime();
                if (left > 0) {
                    LockSupport.parkNanos(this, left);
                }
            }
        }
    }

    /** Writes what {@code s} has due, then queues it again, or gives it back to its owner. */
    private void write(Worker me, Stream s) {
        long next = 0;
        Throwable failure = null;
        me.steps++;
        me.writing = s;
        long began = System.nanoTime();
        try {
            next = s.run.step(1, me.frames);
        } catch (Throwable t) {
            failure = t;
        }
        me.writing = null;
        if (failure != null || s.run.ended()) {
            s.failure = failure;
            release(s, Hold.ENDED);
            return;
        }
        if (!inService(me) && System.nanoTime() - began > HAND_BACK_NANOS) {
            // the watchdog gave up on this thread while it was in this write, and the write lasted:
            // the client is not reading, so its own thread carries on (and may block) from here.
            // A write that returned sooner was most likely a thread the machine did not run for a
            // while (20-140 replacements a minute at a load of 3-8): that stream stays paced, as
            // a stream on a thread of its own is woken through the queue for every frame.
            handedBack.incrementAndGet();
            release(s, Hold.HANDED_BACK);
            return;
        }
        boolean wake = false;
        boolean cancelled;
        lock.lock();
        try {
            cancelled = s.cancelRequested;
            if (!cancelled) {
                s.deadline = next;
                wake = enqueue(s);
            }
        } finally {
            lock.unlock();
        }
        if (cancelled) {
            release(s, Hold.CANCELLED);
            return;
        }
        if (wake) {
            // this thread looks at the queue again before it sleeps; the others may be asleep past this deadline
            for (int i = 0; i < WORKERS; i++) {
                Thread t = workers.get(i).thread;
                if (t != me.thread) {
                    LockSupport.unpark(t);
                }
            }
        }
    }

    /** Replaces a pacer thread that has been inside one write for a whole check period. */
    private void watch() {
        Worker[] watched = new Worker[WORKERS];
        long[] seenSteps = new long[WORKERS];
        long lastCheck = System.nanoTime();
        while (true) {
            if (pacedStreams.get() == 0) {
                LockSupport.park(this);
                java.util.Arrays.fill(watched, null);
                continue;
            }
            LockSupport.parkNanos(this, STUCK_NANOS);
            long now = System.nanoTime();
            // if this thread itself woke late (a GC pause, a busy machine), the pacer was most likely
            // held up too rather than stuck in a write: look again next period before judging
            boolean onTime = now - lastCheck < 2 * STUCK_NANOS;
            lastCheck = now;
            for (int i = 0; i < WORKERS; i++) {
                Worker w = workers.get(i);
                long steps = w.steps;
                if (w.writing == null) {
                    watched[i] = null;
                } else if (w == watched[i] && steps == seenSteps[i] && onTime) {
                    replace(w);
                    watched[i] = null;
                } else {
                    watched[i] = w;
                    seenSteps[i] = steps;
                }
            }
        }
    }

    private void replace(Worker stuck) {
        Worker fresh = new Worker(stuck.slot);
        lock.lock();
        try {
            workers.set(stuck.slot, fresh);
            sleepingIdle = false; // the fresh worker looks at the queue as soon as it starts
            sleepingUntil = System.nanoTime();
        } finally {
            lock.unlock();
        }
        fresh.thread.start();
        // if the write ended just now and the old thread went to sleep, wake it so that it sees it was replaced and ends
        LockSupport.unpark(stuck.thread);
        long n = replacedWorkers.incrementAndGet();
        // a client that stopped reading, or a machine so busy that the pacer did not run for a whole period
        LOG.info("Pacer thread {} has been in one write for over {} µs; {} takes over (replacement {} since start)",
                stuck.thread.getName(), STUCK_NANOS / 1000, fresh.thread.getName(), n);
    }
}
