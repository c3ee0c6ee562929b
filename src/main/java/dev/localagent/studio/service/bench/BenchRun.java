package dev.localagent.studio.service.bench;

import dev.localagent.studio.model.CacheStrategy;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.service.provider.CancelSignal;
import dev.localagent.studio.service.resilience.BreakerState;
import dev.localagent.studio.service.resilience.BreakerTransition;
import dev.localagent.studio.service.resilience.PipelineEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One benchmark run in progress: started by {@link BenchEngine#start}, it runs on its own thread,
 * reports live points and progress to listeners (on its threads: hand them to the UI thread
 * yourself), and completes {@link #result()} with the report, partial when stopped. Thread-safe.
 */
public final class BenchRun {

    private static final Logger LOG = LoggerFactory.getLogger(BenchRun.class);
    /** How long requests still in flight at the end may take before they are cancelled. */
    static final Duration DRAIN = Duration.ofSeconds(30);
    /** A stress step that sends less than this share of its rate is not holding it. */
    static final double RATE_HELD = 0.95;

    private final BenchSpec spec;
    private final BenchTarget.Factory targets;
    private final Clock clock;
    private final String id = UUID.randomUUID().toString();
    private final RunControl control = new RunControl();
    private final CompletableFuture<BenchReport> result = new CompletableFuture<>();
    private final List<Consumer<TimelinePoint>> pointListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<BreakerTransition>> transitionListeners = new CopyOnWriteArrayList<>();
    private final List<TimelinePoint> points = new CopyOnWriteArrayList<>();
    private final List<BenchReport.Transition> transitions = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Long> failureTimes = new ConcurrentLinkedQueue<>();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile BenchProgress.State state = BenchProgress.State.STARTING;
    private volatile String label = "starting";
    private volatile long startNanos;
    private volatile boolean loadStarted;
    private volatile Instant startedAt;

    BenchRun(BenchSpec spec, BenchTarget.Factory targets, Clock clock) {
        this.spec = spec;
        this.targets = targets;
        this.clock = clock;
    }

    void start() {
        Thread.ofPlatform().name("bench-run").daemon().start(this::run);
    }

    public String id() {
        return id;
    }

    public BenchSpec spec() {
        return spec;
    }

    /** Called with each live point (every sample interval) on the sampler thread. */
    public void onPoint(Consumer<TimelinePoint> listener) {
        pointListeners.add(listener);
    }

    /** Called with each breaker transition of the target, on the thread that caused it. */
    public void onTransition(Consumer<BreakerTransition> listener) {
        transitionListeners.add(listener);
    }

    /** The live points so far. */
    public List<TimelinePoint> points() {
        return List.copyOf(points);
    }

    /** Asks the run to stop: requests in flight are cancelled and the report covers what finished. */
    public void stop() {
        if (!state.finished()) {
            state = BenchProgress.State.STOPPING;
            label = "stopping";
        }
        control.requestStop();
    }

    /** The report; completes exceptionally (with a one-line message) when the run could not start. */
    public CompletableFuture<BenchReport> result() {
        return result;
    }

    public BenchProgress progress() {
        double elapsed = startNanos == 0 ? 0 : (System.nanoTime() - startNanos) / 1e9;
        Double planned = plannedSeconds();
        double fraction;
        if (state.finished()) {
            fraction = 1;
        } else if (spec.requests() != null && spec.scenario() != BenchScenario.STRESS) {
            long total = spec.requests() * (spec.scenario() == BenchScenario.CACHE ? 2 : 1);
            fraction = Math.min(1, completed.get() / (double) total);
        } else {
            fraction = planned == null || planned <= 0 ? 0 : Math.min(1, elapsed / planned);
        }
        return new BenchProgress(state, elapsed, planned, fraction, label, completed.get(), errors.get());
    }

    private Double plannedSeconds() {
        double warmup = spec.warmup().toNanos() / 1e9;
        return switch (spec.scenario()) {
            case STRESS -> spec.maxSteps() * (spec.stepDuration().toNanos() / 1e9);
            case CACHE -> spec.duration() == null ? null : 2 * spec.duration().toNanos() / 1e9;
            default -> spec.duration() == null ? null : warmup + spec.duration().toNanos() / 1e9;
        };
    }

    private void run() {
        startedAt = clock.instant();
        startNanos = System.nanoTime();
        try {
            BenchReport report = switch (spec.scenario()) {
                case LOAD, RATE, BREAKER -> single();
                case STRESS -> stress();
                case CACHE -> cache();
            };
            state = control.stopRequested() ? BenchProgress.State.STOPPED : BenchProgress.State.DONE;
            label = state == BenchProgress.State.STOPPED ? "stopped" : "done";
            result.complete(report);
        } catch (IllegalArgumentException e) {
            fail(e);
        } catch (Exception e) {
            LOG.warn("Benchmark run {} failed", id, e);
            fail(e);
        }
    }

    private void fail(Exception e) {
        state = BenchProgress.State.FAILED;
        label = "failed: " + e.getMessage();
        result.completeExceptionally(e);
    }

    private BenchTarget open(CacheStrategy strategy) throws java.io.IOException {
        BenchTarget opened = targets.open(spec, strategy);
        prime(opened);
        if (!loadStarted) {
            // The run's clock (timeline, transitions) starts when the load does, not with the priming.
            loadStarted = true;
            startNanos = System.nanoTime();
        }
        BenchTarget target = new ObservedTarget(opened);
        target.onBreakerTransition(t -> {
            transitions.add(new BenchReport.Transition(round((System.nanoTime() - startNanos) / 1e9), t.from().name(), t.to().name(),
                    t.reason()));
            transitionListeners.forEach(l -> l.accept(t));
        });
        return target;
    }

    /**
     * Sends one request before the clock starts, and waits for it: the first call pays for class
     * loading, token tables and the first connection, which on a cold JVM takes seconds and would
     * otherwise pile a backlog onto the start of an open loop. Its prompt is never part of a run,
     * so it cannot feed the cache scenario a hit.
     */
    private void prime(BenchTarget target) {
        label = "connecting";
        ChatRequest first = ChatRequest.builder(target.model()).user("Benchmark priming request: say ok.").maxOutputTokens(4)
                .stream(spec.stream()).build();
        RequestOutcome o = target.send(first, new CancelSignal());
        if (!o.succeeded()) {
            LOG.info("Benchmark priming request to {} failed ({}); the run goes on", target.providerId(), o.errorClass());
        }
    }

    private BenchReport single() throws Exception {
        try (BenchTarget target = open(spec.effectiveCacheStrategy())) {
            state = BenchProgress.State.RUNNING;
            label = spec.warmup().isZero() ? "measuring" : "warm-up, then measuring";
            BenchRecorder recorder = new BenchRecorder(spec.objectives());
            RequestSource source = requests(target, spec.seed());
            LoadPhase.Shape shape = spec.scenario().openLoop()
                    ? new LoadPhase.Shape(true, spec.concurrency(), spec.rate(), spec.arrival(), spec.rampUp(), spec.seed())
                    : new LoadPhase.Shape(false, spec.concurrency(), 0, spec.arrival(), spec.rampUp(), spec.seed());
            LoadPhase.Outcome outcome = phase(target, source, shape, stopOf(spec.warmup(), spec.duration(), spec.requests()), recorder);
            PhaseFigures figures = recorder.figures();
            ReportAssembler report = assembler(target, outcome, figures, source);
            if (spec.scenario() == BenchScenario.BREAKER || !transitions.isEmpty()) {
                report.breaker(breakerReport(figures, target.breakerState(), outcome));
            }
            return report.build();
        }
    }

    private BenchReport stress() throws Exception {
        try (BenchTarget target = open(spec.effectiveCacheStrategy())) {
            state = BenchProgress.State.RUNNING;
            Objectives objectives = spec.objectives().isEmpty() ? Objectives.STRESS_DEFAULT : spec.objectives();
            RequestSource source = requests(target, spec.seed());
            List<BenchReport.Step> steps = new ArrayList<>();
            PhaseFigures kneeFigures = null;
            LoadPhase.Outcome kneeOutcome = null;
            Double knee = null;
            PhaseFigures firstFigures = null;
            LoadPhase.Outcome firstOutcome = null;
            double firstRate = spec.rate();
            for (int step = 1; step <= spec.maxSteps() && !control.stopRequested(); step++) {
                double rate = spec.rate() + (step - 1) * spec.rateStep();
                label = String.format(java.util.Locale.ROOT, "step %d at %.4g req/s", step, rate);
                BenchRecorder recorder = new BenchRecorder(objectives);
                LoadPhase.Shape shape = new LoadPhase.Shape(true, spec.concurrency(), rate, spec.arrival(), Duration.ZERO, spec.seed() + step);
                LoadPhase.Outcome outcome = phase(target, source, shape, stopOf(Duration.ZERO, spec.stepDuration(), null), recorder);
                PhaseFigures f = recorder.figures();
                if (firstFigures == null) {
                    firstFigures = f;
                    firstOutcome = outcome;
                }
                long measured = f.succeeded() + f.failed();
                double goodFraction = measured == 0 ? 0 : f.good() / (double) measured;
                boolean rateHeld = outcome.achievedRate() != null && outcome.achievedRate() >= RATE_HELD * rate;
                boolean met = !outcome.stopped() && measured > 0 && goodFraction >= ReportAssembler.REQUIRED_GOOD && rateHeld;
                steps.add(new BenchReport.Step(step, rate, outcome.achievedRate(), f.sent(), f.succeeded(), f.failed(), round(goodFraction),
                        f.e2e(), f.ttft(), met));
                if (!met) {
                    break;
                }
                knee = rate;
                kneeFigures = f;
                kneeOutcome = outcome;
            }
            PhaseFigures shown = kneeFigures != null ? kneeFigures : firstFigures;
            LoadPhase.Outcome shownOutcome = kneeOutcome != null ? kneeOutcome : firstOutcome;
            if (shown == null) {
                shown = new BenchRecorder(objectives).figures();
                shownOutcome = new LoadPhase.Outcome(0, null, List.of(), true);
            }
            ReportAssembler report = assembler(target, shownOutcome, shown, source)
                    .objectives(objectives)
                    .targetRate(knee != null ? knee : firstRate)
                    .stress(new BenchReport.Stress(objectives.asMillis(), steps, knee));
            if (!transitions.isEmpty()) {
                report.breaker(breakerReport(shown, target.breakerState(), shownOutcome));
            }
            return report.build();
        }
    }

    private BenchReport cache() throws Exception {
        CacheStrategy strategy = spec.effectiveCacheStrategy();
        if (strategy == CacheStrategy.DISABLED) {
            throw new IllegalArgumentException("the cache scenario compares a cache strategy against no cache; choose one other than disabled");
        }
        LoadPhase.Shape shape = new LoadPhase.Shape(false, spec.concurrency(), 0, spec.arrival(), Duration.ZERO, spec.seed());
        LoadPhase.Stop stop = stopOf(Duration.ZERO, spec.duration(), spec.requests());
        PhaseFigures off;
        try (BenchTarget baseline = open(CacheStrategy.DISABLED)) {
            state = BenchProgress.State.RUNNING;
            label = "cache off";
            BenchRecorder recorder = new BenchRecorder(spec.objectives());
            phase(baseline, requests(baseline, spec.seed()), shape, stop, recorder);
            off = recorder.figures();
        }
        if (control.stopRequested()) {
            throw new IllegalStateException("the cache run was stopped before its cached pass started; nothing to compare");
        }
        try (BenchTarget target = open(strategy)) {
            label = "cache " + strategy.name().toLowerCase(java.util.Locale.ROOT);
            BenchRecorder recorder = new BenchRecorder(spec.objectives());
            RequestSource source = requests(target, spec.seed());
            LoadPhase.Outcome outcome = phase(target, source, shape, stop, recorder);
            PhaseFigures on = recorder.figures();
            long offRequests = off.succeeded();
            double offPerRequest = offRequests == 0 ? 0 : off.costUsd().doubleValue() / offRequests;
            double offForSameCount = offPerRequest * on.succeeded();
            Double speedUp = off.e2e().p50() != null && on.e2e().p50() != null && on.e2e().p50() > 0
                    ? round(off.e2e().p50() / on.e2e().p50()) : null;
            return assembler(target, outcome, on, source)
                    .cacheComparison(new BenchReport.CacheComparison(off.e2e(), round6(offForSameCount),
                            round6(offForSameCount - on.costUsd().doubleValue()), speedUp))
                    .build();
        }
    }

    private RequestSource requests(BenchTarget target, long seed) {
        // A cache run fixes the sampling seed so that every strategy may keep the replies.
        Long requestSeed = spec.scenario() == BenchScenario.CACHE ? Long.valueOf(spec.seed()) : null;
        double repeat = spec.repeatRatio();
        return new RequestSource(spec.prompts(), repeat, target.model(), spec.stream(), spec.maxTokens(), requestSeed, seed);
    }

    private static LoadPhase.Stop stopOf(Duration warmup, Duration duration, Long requests) {
        return new LoadPhase.Stop(warmup, duration, requests, DRAIN);
    }

    private LoadPhase.Outcome phase(BenchTarget target, RequestSource source, LoadPhase.Shape shape, LoadPhase.Stop stop,
            BenchRecorder recorder) throws InterruptedException {
        return new LoadPhase(target, source, shape, stop, recorder, control, spec.sampleInterval(), p -> {
            points.add(p);
            for (Consumer<TimelinePoint> l : pointListeners) {
                try {
                    l.accept(p);
                } catch (RuntimeException e) {
                    LOG.warn("A benchmark point listener failed", e);
                }
            }
        }, startNanos).run();
    }

    private ReportAssembler assembler(BenchTarget target, LoadPhase.Outcome outcome, PhaseFigures figures, RequestSource source) {
        return new ReportAssembler(id, spec, target.providerId(), target.model(), startedAt, outcome, figures, points())
                .stopped(control.stopRequested())
                .expectedHitRate(source.total() == 0 ? null : source.repeats() / (double) source.total());
    }

    private BenchReport.Breaker breakerReport(PhaseFigures figures, BreakerState finalState, LoadPhase.Outcome outcome) {
        List<BenchReport.Transition> all = List.copyOf(transitions);
        List<Double> failures = failureTimes.stream().map(t -> (t - startNanos) / 1e9).sorted().toList();
        Double firstOpen = all.stream().filter(t -> t.to().equals("OPEN")).map(BenchReport.Transition::at).findFirst().orElse(null);
        Double timeToOpen = null;
        if (firstOpen != null && !failures.isEmpty() && failures.getFirst() <= firstOpen) {
            timeToOpen = round(firstOpen - failures.getFirst());
        }
        Double timeToRecover = null;
        if (!all.isEmpty() && all.getLast().to().equals("CLOSED") && firstOpen != null) {
            double closedAt = all.getLast().at();
            Double lastFailure = failures.stream().filter(f -> f <= closedAt).reduce((a, b) -> b).orElse(null);
            if (lastFailure != null) {
                timeToRecover = round(closedAt - lastFailure);
            }
        }
        double open = 0;
        Double openedAt = null;
        for (BenchReport.Transition t : all) {
            if (t.to().equals("OPEN") && openedAt == null) {
                openedAt = t.at();
            } else if (!t.to().equals("OPEN") && openedAt != null) {
                open += t.at() - openedAt;
                openedAt = null;
            }
        }
        if (openedAt != null) {
            open += (System.nanoTime() - startNanos) / 1e9 - openedAt;
        }
        long fast = figures.errorsOf("BreakerOpenException");
        return new BenchReport.Breaker(all, fast, timeToOpen, timeToRecover, round(open), finalState.name(),
                new BenchReport.UserView(figures.succeeded(), fast, figures.failed() - fast));
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    /** Counts what the run's progress shows, and when the provider (not the breaker) failed. */
    private final class ObservedTarget implements BenchTarget {
        private final BenchTarget inner;

        ObservedTarget(BenchTarget inner) {
            this.inner = inner;
        }

        @Override
        public String providerId() {
            return inner.providerId();
        }

        @Override
        public String model() {
            return inner.model();
        }

        @Override
        public RequestOutcome send(ChatRequest request, CancelSignal cancel) {
            RequestOutcome o = inner.send(request, cancel);
            if (!cancel.isCancelled()) {
                completed.incrementAndGet();
                if (!o.succeeded()) {
                    errors.incrementAndGet();
                    if (spec.scenario() == BenchScenario.BREAKER && !"BreakerOpenException".equals(o.errorClass())) {
                        failureTimes.add(System.nanoTime());
                    }
                }
            }
            return o;
        }

        @Override
        public BreakerState breakerState() {
            return inner.breakerState();
        }

        @Override
        public void onBreakerTransition(Consumer<BreakerTransition> listener) {
            inner.onBreakerTransition(listener);
        }

        @Override
        public void onPipelineEvent(Consumer<PipelineEvent> listener) {
            inner.onPipelineEvent(listener);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
