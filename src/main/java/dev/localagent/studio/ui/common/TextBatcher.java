package dev.localagent.studio.ui.common;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Carries streamed text to the FX thread in batches: pieces arriving on a network thread are
 * collected, and at most one hand-over is pending at a time, no sooner than one interval after the
 * last. A 200 tokens/s stream thus costs the FX thread about 33 updates a second, not 200.
 * Thread-safe.
 */
public final class TextBatcher {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("text-batcher").factory());

    private final Executor fx;
    private final long intervalNanos;
    private final Consumer<String> sink;
    private final StringBuilder pending = new StringBuilder();
    private boolean scheduled;
    private long lastHandOver;

    /**
     * @param fx runs a task on the FX thread ({@code Platform::runLater}; {@code Runnable::run} in tests)
     * @param sink receives each batch, on the FX thread
     */
    public TextBatcher(Executor fx, Duration interval, Consumer<String> sink) {
        this.fx = fx;
        this.intervalNanos = interval.toNanos();
        this.sink = sink;
    }

    public void add(String text) {
        long wait;
        synchronized (this) {
            pending.append(text);
            if (scheduled) {
                return;
            }
            scheduled = true;
            wait = intervalNanos - (System.nanoTime() - lastHandOver);
        }
        if (wait <= 0) {
            fx.execute(this::handOver);
        } else {
            TIMER.schedule(() -> fx.execute(this::handOver), wait, TimeUnit.NANOSECONDS);
        }
    }

    /** Hands over whatever is left now (the stream ended); runs the sink on the FX thread. */
    public void flush() {
        fx.execute(this::handOver);
    }

    private void handOver() {
        String batch;
        synchronized (this) {
            scheduled = false;
            lastHandOver = System.nanoTime();
            if (pending.isEmpty()) {
                return;
            }
            batch = pending.toString();
            pending.setLength(0);
        }
        sink.accept(batch);
    }
}
