package dev.localagent.studio.service.bench;

import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.service.provider.CancelSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One stretch of load against a target: a closed loop of virtual users, or an open loop that sends
 * on schedule whatever the replies do. Blocks in {@link #run} until the stop condition, the user's
 * stop, or the drain limit. Closed-loop users and open-loop workers are virtual threads.
 */
final class LoadPhase {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LoadPhase.class);

    /** A send this much after its intended time is counted late: the generator fell behind. */
    static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Refusals the client layer gives without asking the provider. */
    static final Set<String> REFUSED_AT_ONCE = Set.of("BreakerOpenException", "RateLimitRejectedException", "BulkheadFullException");

    /** How long a closed-loop user waits after such a refusal before its next request. */
    static final long REFUSAL_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /**
     * @param open open loop (rate) or closed loop (users)
     * @param users closed loop: virtual users; open loop: the most requests in flight, 0 for
     *     {@link BenchSpec#OPEN_LOOP_CONNECTIONS}
     */
    record Shape(boolean open, int users, double rate, Arrival arrival, Duration rampUp, long seed) {}

    /** When to stop: after warm-up, a duration or a number of measured requests. */
    record Stop(Duration warmup, Duration duration, Long requests, Duration drain) {}

    /** What a phase leaves behind besides its recorder's figures. */
    record Outcome(double measuredSeconds, Double achievedRate, List<TimelinePoint> timeline, boolean stopped) {}

    private final BenchTarget target;
    private final RequestSource requests;
    private final Shape shape;
    private final Stop stop;
    private final BenchRecorder recorder;
    private final RunControl control;
    private final Duration sampleInterval;
    private final Consumer<TimelinePoint> onPoint;
    private final long runStartNanos;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<CancelSignal> cancels = ConcurrentHashMap.newKeySet();
    private final AtomicLong measuredTickets = new AtomicLong();
    private final AtomicLong lastCompletion = new AtomicLong();
    private volatile boolean abandoned;
    /** The open loop's first and last measured sends, for its achieved rate; the closed loop leaves them. */
    private volatile long firstMeasuredSend = -1;
    private volatile long lastMeasuredSend = -1;

    LoadPhase(BenchTarget target, RequestSource requests, Shape shape, Stop stop, BenchRecorder recorder, RunControl control,
            Duration sampleInterval, Consumer<TimelinePoint> onPoint, long runStartNanos) {
        this.target = target;
        this.requests = requests;
        this.shape = shape;
        this.stop = stop;
        this.recorder = recorder;
        this.control = control;
        this.sampleInterval = sampleInterval;
        this.onPoint = onPoint;
        this.runStartNanos = runStartNanos;
    }

    Outcome run() throws InterruptedException {
        long start = System.nanoTime();
        long warmupEnd = start + stop.warmup().toNanos();
        long measureEnd = stop.duration() == null ? Long.MAX_VALUE : warmupEnd + stop.duration().toNanos();
        List<TimelinePoint> timeline = new ArrayList<>();
        lastCompletion.set(start);
        Thread sampler = Thread.ofPlatform().daemon().name("bench-sampler").start(() -> sample(timeline, warmupEnd));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            if (shape.open()) {
                dispatchOnSchedule(threads, start, warmupEnd, measureEnd);
            } else {
                runUsers(threads, start, warmupEnd, measureEnd);
            }
            drain();
            abandoned = true;
            cancelInFlight();
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        long now = System.nanoTime();
        long since = lastSampleNanos == 0 ? start : lastSampleNanos;
        boolean ended = recorder.completedSoFar() > completedAtLastSample;
        if (ended || timeline.isEmpty()) {
            // The stretch since the last sample: its requests count, and its rates are stated over
            // one whole interval ending now, as every other point's are (a sliver's own rate spikes).
            double seconds = (now - since) / 1e9;
            TimelinePoint last = recorder.sample((now - runStartNanos) / 1e9, seconds, now < warmupEnd, inFlight.get(),
                    target.breakerState().name(), shape.open() ? shape.rate() : null);
            synchronized (timeline) {
                if (!timeline.isEmpty()) {
                    last = last.overInterval(timeline.getLast(), seconds, sampleInterval.toNanos() / 1e9);
                }
                timeline.add(last);
            }
            onPoint.accept(last);
        }
        long end = Math.max(lastCompletion.get(), Math.min(measureEnd, System.nanoTime()));
        double measuredSeconds = Math.max(0, (end - warmupEnd) / 1e9);
        long sent = recorder.measuredSentSoFar();
        Double achieved = null;
        if (shape.open() && sent >= 2 && lastMeasuredSend > firstMeasuredSend) {
            achieved = (sent - 1) / ((lastMeasuredSend - firstMeasuredSend) / 1e9);
        }
        synchronized (timeline) {
            return new Outcome(measuredSeconds, achieved, List.copyOf(timeline), control.stopRequested());
        }
    }

    /** One scheduled send handed from the dispatcher to a worker; {@link #END} tells a worker to stop. */
    private record Ticket(long intended, boolean measured, ChatRequest request) {
        static final Ticket END = new Ticket(0, false, null);
    }

    /**
     * The open loop: this thread keeps the schedule and hands each due send to one of a fixed set
     * of worker threads (the concurrency cap) through a FIFO queue, so requests leave the queue in
     * the order they were due and the time they wait there is the cap's queueing time.
     *
     * <p>It used to start a virtual thread per send that then waited on a fair semaphore. When the
     * target could not keep up, every waiting send was a parked thread: at 10,000 requests/s tens
     * of thousands piled up, and creating, parking and collecting them took the CPU the sends
     * needed, so the engine completed fewer requests than a closed loop on the same target. A
     * waiting send is now a small queue entry, and a worker sleeps without a timeout (no timer task
     * per send).
     */
    private void dispatchOnSchedule(ExecutorService threads, long start, long warmupEnd, long measureEnd) {
        if (!Thread.currentThread().isVirtual()) {
            // Each send's corrected latency counts from its intended time, so every microsecond
            // this thread wakes late is reported as the target's. Only this thread is tightened.
            TimerSlack.tighten();
        }
        ArrivalSchedule schedule = new ArrivalSchedule(shape.rate(), shape.arrival(), shape.rampUp().toNanos(), shape.seed());
        int workers = shape.users() > 0 ? shape.users() : BenchSpec.OPEN_LOOP_CONNECTIONS;
        BlockingQueue<Ticket> due = new LinkedBlockingQueue<>();
        for (int w = 0; w < workers; w++) {
            threads.execute(() -> work(due, warmupEnd));
        }
        try {
            Long wanted = stop.requests();
            while (!control.stopRequested()) {
                long intended = start + schedule.nextOffsetNanos();
                if (intended >= measureEnd) {
                    return;
                }
                boolean measured = intended >= warmupEnd;
                if (measured && wanted != null && measuredTickets.incrementAndGet() > wanted) {
                    return;
                }
                if (!waitUntil(intended)) {
                    return;
                }
                long now = System.nanoTime();
                recorder.dispatched(measured, now - intended, LATE_NANOS);
                if (measured) {
                    if (firstMeasuredSend < 0) {
                        firstMeasuredSend = now;
                    }
                    lastMeasuredSend = now;
                }
                inFlight.incrementAndGet();
                due.add(new Ticket(intended, measured, requests.next()));
            }
        } finally {
            // Behind whatever is still queued, so the workers send (or, once abandoned, skip) it first.
            for (int w = 0; w < workers; w++) {
                due.add(Ticket.END);
            }
        }
    }

    /**
     * Sends queued tickets in order. A warm-up ticket still queued once the measurement has begun
     * is dropped unsent: the warm-up exists to keep start-up effects (a cold JIT, first
     * connections) out of the figures, and a backlog built while the client was cold would
     * otherwise hold every measured send behind it, to be reported as the target's queue. A
     * backlog the warm target builds by itself is still measured in full.
     */
    private void work(BlockingQueue<Ticket> due, long warmupEnd) {
        try {
            while (true) {
                Ticket t = due.take();
                if (t == Ticket.END) {
                    return;
                }
                try {
                    if (!t.measured() && System.nanoTime() >= warmupEnd) {
                        recorder.warmupSkipped();
                    } else if (!control.stopRequested() && !abandoned) {
                        send(t.request(), System.nanoTime() - t.intended(), t.measured());
                    }
                } catch (RuntimeException e) {
                    // A bug here would otherwise end a worker silently and shrink the load unseen.
                    LOG.warn("A benchmark worker's request failed unexpectedly", e);
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runUsers(ExecutorService threads, long start, long warmupEnd, long measureEnd) throws InterruptedException {
        int users = shape.users();
        CountDownLatch done = new CountDownLatch(users);
        long rampStep = users > 1 ? shape.rampUp().toNanos() / users : 0;
        Long wanted = stop.requests();
        for (int u = 0; u < users; u++) {
            long firstAt = start + u * rampStep;
            threads.execute(() -> {
                try {
                    if (!waitUntil(firstAt)) {
                        return;
                    }
                    while (!control.stopRequested()) {
                        long now = System.nanoTime();
                        if (now >= measureEnd) {
                            return;
                        }
                        boolean measured = now >= warmupEnd;
                        if (measured && wanted != null && measuredTickets.incrementAndGet() > wanted) {
                            return;
                        }
                        // (no send span here: only the open loop's achieved rate reads it, and two
                        // volatile writes per send from every user were a shared cache line)
                        recorder.dispatched(measured, 0, LATE_NANOS);
                        inFlight.incrementAndGet();
                        RequestOutcome outcome;
                        try {
                            outcome = send(requests.next(), 0, measured);
                        } finally {
                            inFlight.decrementAndGet();
                        }
                        if (outcome != null && !outcome.succeeded() && REFUSED_AT_ONCE.contains(outcome.errorClass())) {
                            // A user refused on the spot (open breaker, full limiter) waits before trying
                            // again, as a client honouring the refusal would; otherwise a closed loop spins,
                            // sending millions of refusals a minute and taking the CPU from everything else.
                            if (!waitUntil(System.nanoTime() + REFUSAL_PAUSE_NANOS)) {
                                return;
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    // A bug here would otherwise end a user silently and shrink the load unseen.
                    LOG.warn("A benchmark user stopped on an unexpected error", e);
                } finally {
                    done.countDown();
                }
            });
        }
        // A closed loop ends when its users do; a stop request cancels what they are waiting on.
        while (!done.await(50, TimeUnit.MILLISECONDS)) {
            if (control.stopRequested()) {
                cancelInFlight();
            }
        }
    }

    /** The outcome, or null when the request was not sent or was cancelled by a stop. */
    private RequestOutcome send(ChatRequest request, long queuedNanos, boolean measured) {
        CancelSignal cancel = new CancelSignal();
        cancels.add(cancel);
        try {
            if (control.stopRequested() || abandoned) {
                return null;
            }
            RequestOutcome outcome = target.send(request, cancel);
            if (cancel.isCancelled()) {
                return null; // stopped by the user or the drain limit: not a provider's failure
            }
            recorder.record(outcome, queuedNanos, measured);
            lastCompletion.accumulateAndGet(System.nanoTime(), Math::max);
            return outcome;
        } finally {
            cancels.remove(cancel);
        }
    }

    /** Waits for requests still in flight, up to the drain limit or a stop request. */
    private void drain() throws InterruptedException {
        long deadline = System.nanoTime() + stop.drain().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline && !control.stopRequested()) {
            Thread.sleep(5);
        }
    }

    private void cancelInFlight() {
        for (CancelSignal c : cancels) {
            c.cancel();
        }
    }

    /** Parks until the given time; false when the run was stopped meanwhile. */
    private boolean waitUntil(long nanoTime) {
        while (true) {
            if (control.stopRequested()) {
                return false;
            }
            long left = nanoTime - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            LockSupport.parkNanos(Math.min(left, 50_000_000L));
        }
    }

    private void sample(List<TimelinePoint> timeline, long warmupEnd) {
        long interval = sampleInterval.toNanos();
        long next = System.nanoTime() + interval;
        long last = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            long left = next - System.nanoTime();
            if (left > 0) {
                LockSupport.parkNanos(left);
                continue;
            }
            long now = System.nanoTime();
            TimelinePoint p = recorder.sample((now - runStartNanos) / 1e9, (now - last) / 1e9, now < warmupEnd, inFlight.get(),
                    target.breakerState().name(), shape.open() ? shape.rate() : null);
            completedAtLastSample = recorder.completedSoFar();
            last = now;
            next += interval;
            synchronized (timeline) {
                timeline.add(p);
            }
            onPoint.accept(p);
        }
        lastSampleNanos = last;
    }

    private volatile long lastSampleNanos;
    private volatile long completedAtLastSample;
}
