package dev.localagent.studio.service.config;

/**
 * Settings of the one pooled HTTP client shared by every provider.
 *
 * @param maxTotalConnections upper bound over all routes
 * @param dnsCacheTtlSeconds how long a resolved address is reused
 * @param shutdownGraceMs how long in-flight requests may finish when the app closes
 * @param maxResponseBytes a reply larger than this ends with a clear error, so memory stays bounded
 */
public record HttpSettings(int maxTotalConnections, long dnsCacheTtlSeconds, long shutdownGraceMs, long maxResponseBytes) {

    public static final HttpSettings DEFAULT = new HttpSettings(100, 60, 2_000, 16L * 1024 * 1024);

    public HttpSettings(int maxTotalConnections, long dnsCacheTtlSeconds, long shutdownGraceMs) {
        this(maxTotalConnections, dnsCacheTtlSeconds, shutdownGraceMs, DEFAULT.maxResponseBytes());
    }
}
