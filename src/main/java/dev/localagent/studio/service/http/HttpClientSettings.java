package dev.localagent.studio.service.http;

import dev.localagent.studio.service.config.HttpSettings;
import dev.localagent.studio.service.config.PoolSettings;
import dev.localagent.studio.service.config.StudioConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the one pooled client, immutable. Built from the user's {@link HttpSettings} plus the
 * limits the config file does not expose yet.
 *
 * @param maxTotalConnections upper bound over all routes
 * @param dnsCacheTtl how long a resolved address is reused
 * @param shutdownGrace how long in-flight exchanges may finish when the client closes
 * @param idleEviction idle pooled connections are closed after this long by a background thread
 * @param maxResponseBytes a response body larger than this ends with an error; bounds memory
 */
public record HttpClientSettings(
        int maxTotalConnections, Duration dnsCacheTtl, Duration shutdownGrace, Duration idleEviction, long maxResponseBytes) {

    /** 16 MiB: far above any chat reply, small enough that a runaway stream cannot exhaust the heap. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = HttpSettings.DEFAULT.maxResponseBytes();

    public static final HttpClientSettings DEFAULT = from(HttpSettings.DEFAULT);

    public HttpClientSettings {
        Objects.requireNonNull(dnsCacheTtl, "dnsCacheTtl");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(idleEviction, "idleEviction");
        if (maxTotalConnections < 1) {
            throw new IllegalArgumentException("maxTotalConnections must be at least 1, was " + maxTotalConnections);
        }
        if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1024, was " + maxResponseBytes);
        }
    }

    public static HttpClientSettings from(HttpSettings http) {
        return new HttpClientSettings(http.maxTotalConnections(), Duration.ofSeconds(http.dnsCacheTtlSeconds()),
                Duration.ofMillis(http.shutdownGraceMs()), Duration.ofSeconds(30), http.maxResponseBytes());
    }

    /**
     * The client for a whole configuration. Idle connections are evicted by one background thread
     * for all routes, so it runs at the shortest idle time any provider asks for.
     */
    public static HttpClientSettings from(StudioConfig config) {
        long idleMs = config.providers().stream().mapToLong(p -> p.pool().idleEvictMs()).filter(ms -> ms > 0).min()
                .orElse(PoolSettings.DEFAULT.idleEvictMs());
        return from(config.http()).withIdleEviction(Duration.ofMillis(idleMs));
    }

    public HttpClientSettings withMaxTotalConnections(int value) {
        return new HttpClientSettings(value, dnsCacheTtl, shutdownGrace, idleEviction, maxResponseBytes);
    }

    public HttpClientSettings withMaxResponseBytes(long value) {
        return new HttpClientSettings(maxTotalConnections, dnsCacheTtl, shutdownGrace, idleEviction, value);
    }

    public HttpClientSettings withIdleEviction(Duration value) {
        return new HttpClientSettings(maxTotalConnections, dnsCacheTtl, shutdownGrace, value, maxResponseBytes);
    }
}
