package dev.localagent.studio.service.cache;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counting half of the cache statistics, in the manner of Caffeine's StatsCounter: cheap
 * {@code record*} calls from any thread, and {@link #snapshot} for readers. Money is counted in
 * nano-dollars so adding many small costs never drifts. Thread-safe.
 */
public final class CacheStatsRecorder {

    private static final BigDecimal NANOS_PER_DOLLAR = BigDecimal.valueOf(1_000_000_000L);

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final Map<EvictionCause, LongAdder> evictions = new EnumMap<>(EvictionCause.class);
    private final LongAdder rejectedTooLarge = new LongAdder();
    private final LongAdder tokensSaved = new LongAdder();
    private final LongAdder latencySavedNanos = new LongAdder();
    private final LongAdder costSavedNanoUsd = new LongAdder();

    public CacheStatsRecorder() {
        for (EvictionCause cause : EvictionCause.values()) {
            evictions.put(cause, new LongAdder());
        }
    }

    public void recordHit(CacheSavings saved) {
        hits.increment();
        tokensSaved.add(saved.tokens());
        latencySavedNanos.add(Math.max(0, saved.latencyNanos()));
        if (saved.costUsd() != null) {
            costSavedNanoUsd.add(saved.costUsd().multiply(NANOS_PER_DOLLAR).longValue());
        }
    }

    public void recordMiss() {
        misses.increment();
    }

    public void recordEviction(EvictionCause cause, int count) {
        evictions.get(cause).add(count);
    }

    public void recordRejectedTooLarge() {
        rejectedTooLarge.increment();
    }

    /** The counters plus the given picture of what is held now. */
    public CacheStats snapshot(int entries, long rawBytes, long storedBytes, int compressedEntries) {
        Map<EvictionCause, Long> byCause = new EnumMap<>(EvictionCause.class);
        evictions.forEach((cause, n) -> byCause.put(cause, n.sum()));
        return new CacheStats(entries, rawBytes, storedBytes, compressedEntries, hits.sum(), misses.sum(), byCause,
                rejectedTooLarge.sum(), tokensSaved.sum(), latencySavedNanos.sum(),
                BigDecimal.valueOf(costSavedNanoUsd.sum()).divide(NANOS_PER_DOLLAR).stripTrailingZeros());
    }
}
