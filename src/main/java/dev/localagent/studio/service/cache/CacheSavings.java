package dev.localagent.studio.service.cache;

import java.math.BigDecimal;

/**
 * What one cache hit did not spend.
 *
 * @param latencyNanos the original call's end-to-end time, or -1 if it was not measured
 * @param tokens prompt plus completion tokens the provider did not process
 * @param costUsd money not spent; null when the original price was unknown
 */
public record CacheSavings(long latencyNanos, long tokens, BigDecimal costUsd) {

    static CacheSavings of(CachedReply reply) {
        Integer total = reply.usage().totalTokens();
        return new CacheSavings(reply.originalLatencyNanos(), total == null ? 0 : total, reply.costUsd());
    }
}
