package dev.localagent.studio.service.http;

import dev.localagent.studio.service.config.PoolSettings;
import dev.localagent.studio.service.config.TimeoutSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How connections to one provider's host are made and kept. Immutable.
 *
 * @param connectTimeout establishing the TCP (and TLS) connection
 * @param leaseTimeout the longest a call waits for a pooled connection when the route is at its limit.
 *     Reads carry no timeout of their own: the phase limits (first token, idle gap, total) are
 *     enforced above this layer by aborting the exchange, which a per-read socket timeout would only
 *     duplicate at a cost (see docs/decisions/2026-11-29-no-per-read-socket-timeout.md)
 * @param timeToLive a connection is retired after this long, even if healthy
 * @param maxConnections most connections open to this route at once
 */
public record RouteSettings(Duration connectTimeout, Duration leaseTimeout, Duration timeToLive, int maxConnections) {

    public static final RouteSettings DEFAULT = of(TimeoutSettings.DEFAULT, PoolSettings.DEFAULT);

    public RouteSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(leaseTimeout, "leaseTimeout");
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
