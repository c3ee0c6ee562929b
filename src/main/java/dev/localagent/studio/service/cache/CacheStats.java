package dev.localagent.studio.service.cache;

import java.math.BigDecimal;
import java.util.Map;

/**
 * An immutable snapshot of the cache's statistics. Entry and byte figures describe the entries held
 * at the moment of the snapshot; counters run from the cache's creation.
 *
 * @param rawBytes what the held entries would take uncompressed
 * @param storedBytes what they take as stored (the byte bound counts this)
 * @param rejectedTooLarge replies not kept because one alone exceeds the byte bound
 * @param latencySavedNanos provider time the hits did not spend
 * @param costSavedUsd money the hits did not spend, where the price was known
 */
public record CacheStats(
        int entries,
        long rawBytes,
        long storedBytes,
        int compressedEntries,
        long hits,
        long misses,
        Map<EvictionCause, Long> evictions,
        long rejectedTooLarge,
        long tokensSaved,
        long latencySavedNanos,
        BigDecimal costSavedUsd) {

    public CacheStats {
        evictions = Map.copyOf(evictions);
    }

    public long requests() {
        return hits + misses;
    }

    /** Hits over lookups; 0 before the first lookup. */
    public double hitRate() {
        long requests = requests();
        return requests == 0 ? 0.0 : (double) hits / requests;
    }

    public long evictions(EvictionCause cause) {
        return evictions.getOrDefault(cause, 0L);
    }

    /** Raw over stored bytes of the held entries: 1.0 when nothing is compressed (or nothing is held). */
    public double compressionRatio() {
        return storedBytes == 0 ? 1.0 : (double) rawBytes / storedBytes;
    }

    public long bytesSaved() {
        return rawBytes - storedBytes;
    }
}
