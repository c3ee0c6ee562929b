package dev.localagent.studio.service.resilience;

import java.time.Duration;
import java.util.Map;

/**
 * An immutable snapshot of one provider's pipeline, for the dashboard and the benchmark.
 *
 * @param cacheHits calls answered from the response cache (counted in {@code succeeded} too)
 * @param failuresByClass final failures by error class ({@code ServerErrorException}, {@code BreakerOpenException})
 * @param retries retries scheduled
 * @param retryWait total time waited before retries
 * @param fallbacks calls answered by another provider of the chain
 */
public record PipelineStats(
        long calls,
        long succeeded,
        long cacheHits,
        long failed,
        Map<String, Long> failuresByClass,
        long retries,
        Duration retryWait,
        long fallbacks,
        int inFlight,
        int queued,
        long bulkheadRejected,
        BreakerStats breaker,
        RateLimiterStats requestLimiter,
        RateLimiterStats tokenLimiter) {

    public PipelineStats {
        failuresByClass = Map.copyOf(failuresByClass);
    }
}
