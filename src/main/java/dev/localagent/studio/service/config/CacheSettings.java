package dev.localagent.studio.service.config;

import dev.localagent.studio.model.CacheStrategy;
import java.util.Objects;

/**
 * One provider's use of the response cache.
 *
 * @param strategy which replies are kept, and for how long
 * @param ttlSeconds the longest a kept reply is served; the strategy may choose less
 */
public record CacheSettings(CacheStrategy strategy, long ttlSeconds) {

    public static final CacheSettings DEFAULT = new CacheSettings(CacheStrategy.SELECTIVE, 3_600);

    public CacheSettings {
        Objects.requireNonNull(strategy, "strategy");
    }
}
