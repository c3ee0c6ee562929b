package dev.localagent.studio.service.http;

import dev.localagent.studio.service.config.PoolSettings;
import dev.localagent.studio.service.config.TimeoutSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How connections to one provider's host are made and kept. Immutable.
 *
 * @param connectTimeout establishing the TCP (and TLS) connection
 * @param socketTimeout the longest silence a read may wait; the precise phase timeouts (first token,
 *     idle gap, total) are enforced above this layer, this is the backstop
 * @param timeToLive a connection is retired after this long, even if healthy
 * @param maxConnections most connections open to this route at once
 */
public record RouteSettings(Duration connectTimeout, Duration socketTimeout, Duration timeToLive, int maxConnections) {

    public static final RouteSettings DEFAULT = of(TimeoutSettings.DEFAULT, PoolSettings.DEFAULT);

    public RouteSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(socketTimeout, "socketTimeout");
        Objects.requireNonNull(timeToLive, "timeToLive");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
    }

    public static RouteSettings of(TimeoutSettings timeouts, PoolSettings pool) {
        long backstop = Math.max(timeouts.firstTokenMs(), timeouts.idleMs());
        return new RouteSettings(Duration.ofMillis(timeouts.connectMs()), Duration.ofMillis(backstop),
                Duration.ofMillis(pool.connectionTtlMs()), pool.maxConnections());
    }
}
