package dev.localagent.studio.service.bench;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Turns a phase's figures and the run's settings into the report's shape. Not thread-safe; one per report. */
final class ReportAssembler {

    /** Objectives hold when at least this share of measured requests met them. */
    static final double REQUIRED_GOOD = 0.99;

    private final String id;
    private final BenchSpec spec;
    private final String provider;
    private final String model;
    private final Instant startedAt;
    private final LoadPhase.Outcome outcome;
    private final PhaseFigures f;
    private final List<TimelinePoint> timeline;
    private boolean stopped;
    private Double expectedHitRate;
    private Objectives objectives;
    private Double targetRate;
    private BenchReport.Breaker breaker;
    private BenchReport.Stress stress;
    private BenchReport.CacheComparison cacheComparison;

    ReportAssembler(String id, BenchSpec spec, String provider, String model, Instant startedAt, LoadPhase.Outcome outcome,
            PhaseFigures figures, List<TimelinePoint> timeline) {
        this.id = id;
        this.spec = spec;
        this.provider = provider;
        this.model = model;
        this.startedAt = startedAt;
        this.outcome = outcome;
        this.f = figures;
        this.timeline = timeline;
        this.objectives = spec.objectives();
        this.targetRate = spec.scenario().openLoop() ? spec.rate() : null;
    }

    ReportAssembler stopped(boolean value) {
        stopped = value;
        return this;
    }

    ReportAssembler expectedHitRate(Double value) {
        expectedHitRate = value;
        return this;
    }

    ReportAssembler objectives(Objectives value) {
        objectives = value;
        return this;
    }

    ReportAssembler targetRate(Double value) {
        targetRate = value;
        return this;
    }

    ReportAssembler breaker(BenchReport.Breaker value) {
        breaker = value;
        return this;
    }

    ReportAssembler stress(BenchReport.Stress value) {
        stress = value;
        return this;
    }

    ReportAssembler cacheComparison(BenchReport.CacheComparison value) {
        cacheComparison = value;
        return this;
    }

    BenchReport build() {
        double seconds = outcome.measuredSeconds();
        long measured = f.succeeded() + f.failed();
        double goodFraction = measured == 0 ? 0 : f.good() / (double) measured;
        Boolean met = objectives.isEmpty() ? null : measured > 0 && goodFraction >= REQUIRED_GOOD;
        String source = f.succeeded() == 0 || f.estimatedTokenReplies() == 0 ? "server"
                : f.estimatedTokenReplies() == f.succeeded() ? "estimated" : "mixed";
        long lookups = f.cacheHits() + f.cacheMisses();
        String strategy = spec.scenario() == BenchScenario.CACHE || spec.cacheStrategy() != null
                ? spec.effectiveCacheStrategy().name().toLowerCase(Locale.ROOT) : "disabled";
        return new BenchReport(
                BenchReport.FORMAT_VERSION, id, spec.scenario().id(), provider, model, startedAt.toString(), BenchRun.round(seconds),
                stopped, settings(),
                new BenchReport.Requests(f.sent(), f.succeeded(), f.failed(), f.byErrorClass(), f.warmupRequests(), f.warmupSkipped()),
                new BenchReport.Throughput(rate(f.succeeded(), seconds), rate(f.outputTokens(), seconds)),
                targetRate, outcome.achievedRate() == null ? null : BenchRun.round(outcome.achievedRate()),
                f.lateSends(),
                new BenchReport.Latency(f.e2e(), f.e2eUncorrected(), f.ttft(), f.itl(), f.tpot(), f.queueWait()),
                new BenchReport.Tokens(f.outputTokens(), f.estimatedTokenReplies(), source, f.outputTokensPerSecond()),
                new BenchReport.Goodput(objectives.asMillis(), f.good(), rate(f.good(), seconds), BenchRun.round(goodFraction),
                        REQUIRED_GOOD, met),
                breaker != null ? breaker : new BenchReport.Breaker(List.of(), f.errorsOf("BreakerOpenException"), null, null, 0,
                        timeline.isEmpty() ? "CLOSED" : timeline.getLast().breakerState(),
                        new BenchReport.UserView(f.succeeded(), f.errorsOf("BreakerOpenException"),
                                f.failed() - f.errorsOf("BreakerOpenException"))),
                new BenchReport.RateLimiter(f.errorsOf("RateLimitRejectedException"), f.rateLimitWaits(),
                        BenchRun.round(f.rateLimitWaitNanos() / 1e6)),
                new BenchReport.Cache(strategy, f.cacheHits(), f.cacheMisses(),
                        lookups == 0 ? 0 : BenchRun.round(f.cacheHits() / (double) lookups),
                        expectedHitRate == null ? null : BenchRun.round(expectedHitRate)),
                new BenchReport.Cost(BenchRun.round6(f.costUsd().doubleValue()), f.estimatedTokenReplies() > 0),
                f.serverTotal().count() == 0 && f.serverTokensPerSecond() == null ? null
                        : new BenchReport.Server(f.serverTotal(), f.serverFirstToken(),
                                f.serverMeanGapMs() == null ? null : BenchRun.round(f.serverMeanGapMs()),
                                f.serverTokensPerSecond() == null ? null : BenchRun.round(f.serverTokensPerSecond())),
                stress, cacheComparison, timeline,
                new BenchReport.Histograms("microseconds", HistogramCodec.encode(f.e2eHistogram()), HistogramCodec.encode(f.ttftHistogram()),
                        HistogramCodec.encode(f.itlHistogram()), HistogramCodec.encode(f.tpotHistogram())));
    }

    private BenchReport.Settings settings() {
        return new BenchReport.Settings(spec.scenario().id(), spec.providerId(), model, spec.baseUrl(), spec.stream(), spec.maxTokens(),
                spec.prompts().name(), spec.repeatRatio(), spec.effectiveCacheStrategy().name().toLowerCase(Locale.ROOT),
                objectives.asMillis(), spec.concurrency(), spec.scenario().openLoop() ? spec.rate() : null, spec.arrival().id(),
                spec.duration() == null ? null : spec.duration().toNanos() / 1e9, spec.requests(), spec.warmup().toNanos() / 1e9,
                spec.rampUp().toNanos() / 1e9, spec.simFaults(), spec.seed(), spec.clientLimits());
    }

    private static double rate(long count, double seconds) {
        return seconds <= 0 ? 0 : BenchRun.round(count / seconds);
    }
}
