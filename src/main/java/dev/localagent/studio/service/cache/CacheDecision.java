package dev.localagent.studio.service.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * What a strategy decided about one reply, and why. The reason is kept with the entry and shown
 * in the entry list, so "why was this not cached?" has an answer.
 *
 * @param ttl how long the reply may be served; zero when it is not kept
 */
public record CacheDecision(boolean keep, Duration ttl, String reason) {

    public CacheDecision {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(reason, "reason");
        if (keep && (ttl.isZero() || ttl.isNegative())) {
            throw new IllegalArgumentException("a kept reply needs a positive TTL");
        }
    }

    public static CacheDecision keep(Duration ttl, String reason) {
        return new CacheDecision(true, ttl, reason);
    }

    public static CacheDecision skip(String reason) {
        return new CacheDecision(false, Duration.ZERO, reason);
    }
}
