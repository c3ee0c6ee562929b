package dev.localagent.studio.service.bench;

import java.math.BigDecimal;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The measured figures of one load phase (warm-up excluded): counts, money and the latency
 * distributions, with the main histograms kept whole so runs can be stored and compared.
 *
 * @param warmupRequests requests sent during the warm-up, not counted anywhere else
 * @param warmupSkipped open loop: warm-up sends still queued when the measurement began, never sent
 * @param good succeeded requests that met every objective
 * @param estimatedTokenReplies replies whose output tokens came from our counter, not the server
 * @param outputTokensPerSecond each request's own output tokens per second of its E2E latency
 * @param serverTotal the server's own total duration per request (Ollama), when it reported one
 * @param serverFirstToken the server's own load plus prompt evaluation time (Ollama): its time to first token
 * @param serverMeanGapMs the server's generation time over the gaps between its tokens
 * @param serverTokensPerSecond the server's generation rate over all replies that reported one
 */
public record PhaseFigures(
        long sent,
        long warmupRequests,
        long warmupSkipped,
        long succeeded,
        long failed,
        Map<String, Long> byErrorClass,
        long good,
        long outputTokens,
        long estimatedTokenReplies,
        long cacheHits,
        long cacheMisses,
        long lateSends,
        long rateLimitWaits,
        long rateLimitWaitNanos,
        BigDecimal costUsd,
        LatencySummary e2e,
        LatencySummary e2eUncorrected,
        LatencySummary ttft,
        LatencySummary itl,
        LatencySummary tpot,
        LatencySummary queueWait,
        LatencySummary outputTokensPerSecond,
        LatencySummary serverTotal,
        LatencySummary serverFirstToken,
        Double serverTokensPerSecond,
        Double serverMeanGapMs,
        Histogram e2eHistogram,
        Histogram ttftHistogram,
        Histogram itlHistogram,
        Histogram tpotHistogram) {

    public PhaseFigures {
        byErrorClass = Map.copyOf(byErrorClass);
    }

    public long errorsOf(String errorClass) {
        return byErrorClass.getOrDefault(errorClass, 0L);
    }
}
