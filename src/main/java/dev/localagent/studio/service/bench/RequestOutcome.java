package dev.localagent.studio.service.bench;

import dev.localagent.studio.model.ServerTimings;
import java.math.BigDecimal;

/**
 * What one benchmark request came to, measured from the moment it was actually sent. Times are
 * nanoseconds; a phase that did not happen is -1.
 *
 * @param errorClass null on success; otherwise the class the report groups it under
 *     ({@code ServerErrorException}, {@code BreakerOpenException}, ...)
 * @param ttftNanos send to first token; -1 for a reply that was not streamed or had no text
 * @param interTokenGapsNanos each gap between consecutive text chunks
 * @param outputTokens the server's count, or our counter's when it gave none (see {@link #tokensEstimated})
 * @param costUsd what the reply cost at list prices; zero when unknown or cached
 * @param rateLimitWaitNanos time spent waiting in client-side limiters
 */
public record RequestOutcome(
        String errorClass,
        long ttftNanos,
        long[] interTokenGapsNanos,
        long e2eNanos,
        int outputTokens,
        boolean tokensEstimated,
        boolean cacheHit,
        BigDecimal costUsd,
        long rateLimitWaitNanos,
        ServerTimings serverTimings) {

    public static RequestOutcome failed(String errorClass, long e2eNanos, long rateLimitWaitNanos) {
        return new RequestOutcome(errorClass, -1, new long[0], e2eNanos, 0, false, false, BigDecimal.ZERO, rateLimitWaitNanos,
                ServerTimings.NONE);
    }

    public boolean succeeded() {
        return errorClass == null;
    }

    /** vLLM's TPOT: time after the first token over the tokens after it; -1 when it cannot be told. */
    public long tpotNanos() {
        if (ttftNanos < 0 || outputTokens < 2) {
            return -1;
        }
        return (e2eNanos - ttftNanos) / (outputTokens - 1);
    }
}
