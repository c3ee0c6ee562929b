package dev.localagent.studio.service.cache;

import java.time.Instant;

/**
 * One held entry as the entry list shows it. Never the reply text or anything secret.
 *
 * @param reason why the strategy kept it
 * @param hits how often it was served
 */
public record CacheEntryView(
        CacheKey key,
        String providerId,
        String model,
        Instant storedAt,
        Instant expiresAt,
        int rawBytes,
        int storedBytes,
        boolean compressed,
        String reason,
        long hits) {}
