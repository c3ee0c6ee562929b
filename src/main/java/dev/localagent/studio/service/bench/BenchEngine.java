package dev.localagent.studio.service.bench;

import java.time.Clock;

/**
 * Starts benchmark runs. Each run opens its own target (a fresh pipeline, and a simulator of its
 * own when the provider is simulated), so runs never share a breaker, limiter or cache with the
 * chat or with each other. Thread-safe.
 * <pre>{@code
 * BenchRun run = engine.start(BenchSpec.builder(BenchScenario.LOAD, "sim-openai").concurrency(16).build());
 * run.onPoint(point -> ...);          // live, every sample interval
 * BenchReport report = run.result().join();
 * }</pre>
 */
public final class BenchEngine {

    private final BenchTarget.Factory targets;
    private final Clock clock;

    public BenchEngine(BenchTarget.Factory targets, Clock clock) {
        this.targets = targets;
        this.clock = clock;
    }

    /** Starts a run on its own thread and returns at once. */
    public BenchRun start(BenchSpec spec) {
        BenchRun run = new BenchRun(spec, targets, clock);
        run.start();
        return run;
    }
}
