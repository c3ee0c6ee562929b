package dev.localagent.studio.service.bench;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records every request of one load phase, from many threads at once, without locks on the hot
 * path (HdrHistogram {@link Recorder}s and adders). A sampler thread calls {@link #sample} each
 * interval for the live figures; {@link #figures} is the immutable result. Requests sent during the
 * warm-up feed the live figures only. Thread-safe.
 */
final class BenchRecorder {

    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(2);
    private static final int DIGITS = 3;

    private final Objectives objectives;

    // Measured requests: their interval histograms are folded into the totals at each sample.
    private final Recorder e2e = recorder();
    private final Recorder e2eUncorrected = recorder();
    private final Recorder ttft = recorder();
    private final Recorder itl = recorder();
    private final Recorder tpot = recorder();
    private final Recorder queueWait = recorder();
    private final Recorder tokensPerSecondMilli = recorder();
    private final Recorder serverTotal = recorder();
    private final Recorder serverFirstToken = recorder();
    private final Histogram totalE2e = histogram();
    private final Histogram totalE2eUncorrected = histogram();
    private final Histogram totalTtft = histogram();
    private final Histogram totalItl = histogram();
    private final Histogram totalTpot = histogram();
    private final Histogram totalQueueWait = histogram();
    private final Histogram totalTokensPerSecondMilli = histogram();
    private final Histogram totalServer = histogram();
    private final Histogram totalServerFirstToken = histogram();

    // Every request, warm-up included, for the live charts.
    private final Recorder liveE2e = recorder();
    private final Recorder liveTtft = recorder();
    private final LongAdder liveCompleted = new LongAdder();
    private final LongAdder liveErrors = new LongAdder();
    private final LongAdder liveTokens = new LongAdder();
    private final LongAdder liveCacheHits = new LongAdder();
    private Histogram liveE2eInterval;
    private Histogram liveTtftInterval;
    private long liveCompletedSeen;
    private long liveErrorsSeen;
    private long liveTokensSeen;

    private final LongAdder sent = new LongAdder();
    private final LongAdder warmupRequests = new LongAdder();
    private final LongAdder warmupSkipped = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder good = new LongAdder();
    private final LongAdder outputTokens = new LongAdder();
    private final LongAdder estimatedTokenReplies = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();
    private final LongAdder lateSends = new LongAdder();
    private final LongAdder rateLimitWaits = new LongAdder();
    private final LongAdder rateLimitWaitNanos = new LongAdder();
    private final LongAdder serverEvalTokens = new LongAdder();
    private final LongAdder serverEvalNanos = new LongAdder();
    private final LongAdder serverGaps = new LongAdder();
    private final Map<String, LongAdder> byErrorClass = new ConcurrentHashMap<>();
    private BigDecimal cost = BigDecimal.ZERO;

    BenchRecorder(Objectives objectives) {
        this.objectives = objectives;
    }

    private static Recorder recorder() {
        return new Recorder(HIGHEST_MICROS, DIGITS);
    }

    private static Histogram histogram() {
        return new Histogram(HIGHEST_MICROS, DIGITS);
    }

    /** A measured request was dispatched this long after its intended time; counted late past the threshold. */
    void dispatched(boolean measured, long latenessNanos, long lateThresholdNanos) {
        if (measured) {
            sent.increment();
            if (latenessNanos > lateThresholdNanos) {
                lateSends.increment();
            }
        } else {
            warmupRequests.increment();
        }
    }

    /** A warm-up send was still waiting for the concurrency cap when the measurement began, and was dropped. */
    void warmupSkipped() {
        warmupRequests.decrement();
        warmupSkipped.increment();
    }

    /**
     * One request ended.
     *
     * @param queuedNanos from the intended send time to the actual send (schedule lag plus the
     *     concurrency cap's queue); zero in a closed loop
     */
    void record(RequestOutcome o, long queuedNanos, boolean measured) {
        liveCompleted.increment();
        if (!o.succeeded()) {
            liveErrors.increment();
            if (measured) {
                failed.increment();
                byErrorClass.computeIfAbsent(o.errorClass(), k -> new LongAdder()).increment();
                recordWaits(o);
            }
            return;
        }
        long corrected = o.e2eNanos() + queuedNanos;
        long correctedTtft = o.ttftNanos() < 0 ? -1 : o.ttftNanos() + queuedNanos;
        liveE2e.recordValue(micros(corrected));
        if (correctedTtft >= 0) {
            liveTtft.recordValue(micros(correctedTtft));
        }
        liveTokens.add(o.outputTokens());
        if (o.cacheHit()) {
            liveCacheHits.increment();
        }
        if (!measured) {
            return;
        }
        succeeded.increment();
        e2e.recordValue(micros(corrected));
        e2eUncorrected.recordValue(micros(o.e2eNanos()));
        queueWait.recordValue(micros(queuedNanos));
        if (correctedTtft >= 0) {
            ttft.recordValue(micros(correctedTtft));
        }
        for (long gap : o.interTokenGapsNanos()) {
            itl.recordValue(micros(gap));
        }
        long tpotNanos = o.tpotNanos();
        if (tpotNanos >= 0) {
            tpot.recordValue(micros(tpotNanos));
        }
        if (o.outputTokens() > 0 && o.e2eNanos() > 0) {
            tokensPerSecondMilli.recordValue(Math.min(HIGHEST_MICROS, Math.round(o.outputTokens() * 1e12 / o.e2eNanos())));
        }
        outputTokens.add(o.outputTokens());
        if (o.tokensEstimated()) {
            estimatedTokenReplies.increment();
        }
        if (o.cacheHit()) {
            cacheHits.increment();
        } else {
            cacheMisses.increment();
        }
        if (objectives.metBy(correctedTtft, tpotNanos, corrected)) {
            good.increment();
        }
        recordWaits(o);
        if (o.costUsd() != null && o.costUsd().signum() != 0) {
            synchronized (this) {
                cost = cost.add(o.costUsd());
            }
        }
        var server = o.serverTimings();
        if (server.totalNanos() != null) {
            serverTotal.recordValue(micros(server.totalNanos()));
        }
        if (server.promptEvalNanos() != null) {
            // Ollama omits a zero load time; the server's own time to first token is load + prompt evaluation.
            long load = server.loadNanos() == null ? 0 : server.loadNanos();
            serverFirstToken.recordValue(micros(load + server.promptEvalNanos()));
        }
        if (server.evalNanos() != null && server.evalCount() != null && server.evalNanos() > 0) {
            serverEvalTokens.add(server.evalCount());
            serverEvalNanos.add(server.evalNanos());
            serverGaps.add(Math.max(0, server.evalCount() - 1));
        }
    }

    private void recordWaits(RequestOutcome o) {
        if (o.rateLimitWaitNanos() > 0) {
            rateLimitWaits.increment();
            rateLimitWaitNanos.add(o.rateLimitWaitNanos());
        }
    }

    private static long micros(long nanos) {
        return Math.max(0, Math.min(HIGHEST_MICROS, nanos / 1_000));
    }

    /**
     * Closes an interval: folds the measured histograms into the totals and returns the live point.
     * Called by one sampler thread at a time.
     */
    synchronized TimelinePoint sample(double atSeconds, double intervalSeconds, boolean warmup, int inFlight, String breakerState,
            Double targetRate) {
        foldIntoTotals();
        liveE2eInterval = liveE2e.getIntervalHistogram(liveE2eInterval);
        liveTtftInterval = liveTtft.getIntervalHistogram(liveTtftInterval);
        long completed = liveCompleted.sum();
        long errors = liveErrors.sum();
        long tokens = liveTokens.sum();
        long dCompleted = completed - liveCompletedSeen;
        long dErrors = errors - liveErrorsSeen;
        long dTokens = tokens - liveTokensSeen;
        liveCompletedSeen = completed;
        liveErrorsSeen = errors;
        liveTokensSeen = tokens;
        double seconds = Math.max(1e-3, intervalSeconds);
        return new TimelinePoint(Math.round(atSeconds * 1000) / 1000.0, warmup, dCompleted, dErrors, dCompleted / seconds,
                dTokens / seconds, percentile(liveE2eInterval, 50), percentile(liveE2eInterval, 90),
                percentile(liveE2eInterval, 99), percentile(liveTtftInterval, 50), percentile(liveTtftInterval, 99), inFlight,
                breakerState, liveCacheHits.sum(), targetRate);
    }

    private void foldIntoTotals() {
        totalE2e.add(e2e.getIntervalHistogram());
        totalE2eUncorrected.add(e2eUncorrected.getIntervalHistogram());
        totalTtft.add(ttft.getIntervalHistogram());
        totalItl.add(itl.getIntervalHistogram());
        totalTpot.add(tpot.getIntervalHistogram());
        totalQueueWait.add(queueWait.getIntervalHistogram());
        totalTokensPerSecondMilli.add(tokensPerSecondMilli.getIntervalHistogram());
        totalServer.add(serverTotal.getIntervalHistogram());
        totalServerFirstToken.add(serverFirstToken.getIntervalHistogram());
    }

    private static Double percentile(Histogram h, double p) {
        return h.getTotalCount() == 0 ? null : Math.round(h.getValueAtPercentile(p)) / 1000.0;
    }

    long completedSoFar() {
        return liveCompleted.sum();
    }

    long measuredSentSoFar() {
        return sent.sum();
    }

    /** Everything measured so far, as immutable figures; takes the histograms' latest values first. */
    synchronized PhaseFigures figures() {
        foldIntoTotals();
        Map<String, Long> errors = new TreeMap<>();
        byErrorClass.forEach((k, v) -> errors.put(k, v.sum()));
        long evalNanos = serverEvalNanos.sum();
        return new PhaseFigures(sent.sum(), warmupRequests.sum(), warmupSkipped.sum(), succeeded.sum(), failed.sum(), errors, good.sum(),
                outputTokens.sum(), estimatedTokenReplies.sum(), cacheHits.sum(), cacheMisses.sum(), lateSends.sum(),
                rateLimitWaits.sum(), rateLimitWaitNanos.sum(), cost,
                LatencySummary.ofMicros(totalE2e), LatencySummary.ofMicros(totalE2eUncorrected), LatencySummary.ofMicros(totalTtft),
                LatencySummary.ofMicros(totalItl), LatencySummary.ofMicros(totalTpot), LatencySummary.ofMicros(totalQueueWait),
                LatencySummary.of(totalTokensPerSecondMilli, 1e3), LatencySummary.ofMicros(totalServer),
                LatencySummary.ofMicros(totalServerFirstToken),
                evalNanos > 0 ? serverEvalTokens.sum() / (evalNanos / 1e9) : null,
                serverGaps.sum() > 0 ? evalNanos / 1e6 / serverGaps.sum() : null,
                totalE2e.copy(), totalTtft.copy(), totalItl.copy(), totalTpot.copy());
    }
}
