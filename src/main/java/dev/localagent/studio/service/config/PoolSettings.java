package dev.localagent.studio.service.config;

/**
 * Connection-pool limits for one provider's route.
 *
 * @param maxConnections most connections open to this provider at once
 * @param connectionTtlMs a connection is retired after this long, even if healthy
 * @param idleEvictMs idle connections are closed after this long
 */
public record PoolSettings(int maxConnections, long connectionTtlMs, long idleEvictMs) {

    public static final PoolSettings DEFAULT = new PoolSettings(20, 300_000, 30_000);
}
