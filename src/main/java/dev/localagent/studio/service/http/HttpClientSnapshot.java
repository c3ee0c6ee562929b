package dev.localagent.studio.service.http;

import java.util.List;

/**
 * What the pooled client has done and holds, read at one moment. Immutable.
 *
 * @param requests exchanges started (each leases one connection)
 * @param failures exchanges that ended in an I/O error before a response, or were cancelled
 * @param connectionsOpened new TCP connections; {@link #connectionsReused()} is the rest
 * @param routes one line per host the pool knows
 * @param total the pool over all routes
 */
public record HttpClientSnapshot(
        long requests,
        long failures,
        long cancelled,
        long bytesSent,
        long bytesReceived,
        long connectionsOpened,
        CachingDnsResolver.DnsCacheStats dns,
        List<RouteStats> routes,
        RouteStats total,
        int inFlight) {

    public HttpClientSnapshot {
        routes = List.copyOf(routes);
    }

    /** Requests served on a connection that was already open. */
    public long connectionsReused() {
        return Math.max(0, requests - connectionsOpened);
    }

    /**
     * The pool's state for one route (or all of them).
     *
     * @param route {@code scheme://host:port}, or {@code total}
     */
    public record RouteStats(String route, int leased, int available, int pending, int max) {}
}
