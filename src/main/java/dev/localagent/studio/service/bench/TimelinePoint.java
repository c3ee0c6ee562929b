package dev.localagent.studio.service.bench;

/**
 * One sample interval of a run, for the live charts and the report's timeline. Latencies are
 * milliseconds over the requests that ended in the interval; null when none did.
 *
 * @param atSeconds the end of the interval, from the start of the run
 * @param warmup whether the interval lies in the warm-up (its requests are not in the totals)
 * @param breakerState the target's breaker state at the end of the interval
 */
public record TimelinePoint(
        double atSeconds,
        boolean warmup,
        long completed,
        long errors,
        double requestsPerSecond,
        double outputTokensPerSecond,
        Double e2eP50,
        Double e2eP90,
        Double e2eP99,
        Double ttftP50,
        Double ttftP99,
        int inFlight,
        String breakerState,
        long cacheHits,
        Double targetRate) {}
