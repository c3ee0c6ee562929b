package dev.localagent.studio.service.resilience;

import dev.localagent.studio.service.cache.CacheSavings;
import java.time.Duration;
import java.util.List;

/**
 * What the resilience layer did for one call, shown under a reply and in {@code chat --json}.
 *
 * @param attempts calls sent to providers, retries and fallbacks included
 * @param retryDelays each wait before a retry, in order
 * @param rateLimitWait total time spent waiting in client-side limiters
 * @param breakerStateAtSend the first provider's breaker state when the call was sent
 * @param fallbackProvider the provider that answered instead of the one asked, or null
 * @param cacheHit whether the reply came from the response cache
 * @param cacheSaved what the cached reply saved (latency, tokens, money), or null on a miss
 */
public record CallRecord(
        int attempts,
        List<RetryDelay> retryDelays,
        Duration rateLimitWait,
        BreakerState breakerStateAtSend,
        String fallbackProvider,
        boolean cacheHit,
        CacheSavings cacheSaved) {

    public CallRecord {
        retryDelays = List.copyOf(retryDelays);
    }
}
