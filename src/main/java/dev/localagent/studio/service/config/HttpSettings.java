package dev.localagent.studio.service.config;

/**
 * Settings of the one pooled HTTP client shared by every provider.
 *
 * @param maxTotalConnections upper bound over all routes
 * @param dnsCacheTtlSeconds how long a resolved address is reused
 * @param shutdownGraceMs how long in-flight requests may finish when the app closes
 */
public record HttpSettings(int maxTotalConnections, long dnsCacheTtlSeconds, long shutdownGraceMs) {

    public static final HttpSettings DEFAULT = new HttpSettings(100, 60, 2_000);
}
