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
        Double targetRate) {

    /**
     * This point, taken over a stretch shorter than the sample interval (the end of a run), with
     * its rates restated over one whole interval ending at it: the stretch's own requests plus the
     * previous point's rate for the rest of that interval. A sliver's own rate is mostly noise:
     * eight replies that happen to end in 0.3 s read as 27/s on a chart whose other points say 13.
     */
    TimelinePoint overInterval(TimelinePoint previous, double stretchSeconds, double intervalSeconds) {
        if (stretchSeconds >= intervalSeconds) {
            return this;
        }
        double rest = intervalSeconds - stretchSeconds;
        double requests = (completed + previous.requestsPerSecond * rest) / intervalSeconds;
        double tokens = (outputTokensPerSecond * stretchSeconds + previous.outputTokensPerSecond * rest) / intervalSeconds;
        return new TimelinePoint(atSeconds, warmup, completed, errors, requests, tokens, e2eP50, e2eP90, e2eP99, ttftP50, ttftP99,
                inFlight, breakerState, cacheHits, targetRate);
    }
}
