package dev.localagent.studio.service.cache;

import dev.localagent.studio.model.CacheStrategy;
import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.service.config.CacheLimits;
import dev.localagent.studio.service.config.CacheSettings;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory reply cache: least-recently-used order, bounded by entry count and by stored bytes,
 * replies above a size threshold kept zstd-compressed, each entry with the TTL its provider's
 * strategy chose. Thread-safe.
 *
 * <p>One lock guards the map and the byte totals; encoding, compression and decompression happen
 * outside it, so a hit holds the lock only for a map lookup. Expired entries are dropped when they
 * are looked up, when they reach the LRU end, and on {@link #cleanUp()} (which {@link #stats()} and
 * {@link #entries()} run first). Statistics are kept overall and per provider. Time comes from the
 * injected clock.
 */
public final class ResponseCache {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseCache.class);

    private final Clock clock;
    private final CacheStatsRecorder stats = new CacheStatsRecorder();
    /** The same counts split by provider, for the dashboard's per-provider tiles. */
    private final Map<String, CacheStatsRecorder> statsByProvider = new ConcurrentHashMap<>();
    private final Map<String, CacheSettings> settingsByProvider = new ConcurrentHashMap<>();
    private final CacheSettings fallbackSettings;
    private final ReentrantLock lock = new ReentrantLock();
    /** Iteration order is least recently used first; guarded by {@link #lock}. */
    private final LinkedHashMap<CacheKey, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long rawBytes;
    private long storedBytes;
    private int compressedEntries;
    private volatile CacheLimits limits;

    public ResponseCache(CacheLimits limits, CacheSettings fallbackSettings, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.fallbackSettings = Objects.requireNonNull(fallbackSettings, "fallbackSettings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ResponseCache(CacheLimits limits, Clock clock) {
        this(limits, CacheSettings.DEFAULT, clock);
    }

    /** Sets or changes one provider's strategy and TTL; takes effect for the next reply stored. */
    public void configure(String providerId, CacheSettings settings) {
        settingsByProvider.put(providerId, Objects.requireNonNull(settings, "settings"));
    }

    public CacheSettings settings(String providerId) {
        return settingsByProvider.getOrDefault(providerId, fallbackSettings);
    }

    /** Changes the bounds at run time, evicting least recently used entries until they hold. */
    public void limits(CacheLimits newLimits) {
        lock.lock();
        try {
            this.limits = Objects.requireNonNull(newLimits, "newLimits");
            evictBeyondBounds(clock.instant());
        } finally {
            lock.unlock();
        }
    }

    public CacheLimits limits() {
        return limits;
    }

    /** A lookup on behalf of a call: nothing (and no miss counted) when the provider's cache is off. */
    public Optional<CacheHit> lookup(CacheRequest call) {
        if (settings(call.providerId()).strategy() == CacheStrategy.DISABLED) {
            return Optional.empty();
        }
        return get(call.key(), call.providerId());
    }

    /** A lookup by key alone; a miss is then counted for no provider in particular. */
    public Optional<CacheHit> get(CacheKey key) {
        return get(key, null);
    }

    private Optional<CacheHit> get(CacheKey key, String askingProvider) {
        Entry found;
        lock.lock();
        try {
            found = entries.get(key);
            if (found != null && found.expiredAt(clock.instant())) {
                remove(key);
                recordEviction(found.providerId, EvictionCause.EXPIRED);
                found = null;
            } else if (found != null) {
                found.hits++;
            }
        } finally {
            lock.unlock();
        }
        if (found == null) {
            stats.recordMiss();
            if (askingProvider != null) {
                providerStats(askingProvider).recordMiss();
            }
            return Optional.empty();
        }
        CachedReply reply;
        try {
            reply = ReplyCodec.decode(found.bytes, found.compressed, found.rawLength);
        } catch (DamagedCacheEntryException e) {
            dropDamaged(key, found, askingProvider, e);
            return Optional.empty();
        }
        CacheSavings saved = CacheSavings.of(reply);
        stats.recordHit(saved);
        providerStats(found.providerId).recordHit(saved);
        return Optional.of(new CacheHit(key, reply, saved));
    }

    /** A damaged entry is a miss for the caller, and leaves the cache so the next call refills it. */
    private void dropDamaged(CacheKey key, Entry damaged, String askingProvider, DamagedCacheEntryException cause) {
        LOG.warn("A cached reply of {} could not be read back and was dropped: {}", damaged.providerId, cause.getMessage());
        lock.lock();
        try {
            // Only if it is still the same entry: another thread may have replaced it meanwhile.
            if (entries.get(key) == damaged) {
                remove(key);
                recordEviction(damaged.providerId, EvictionCause.DAMAGED);
            }
        } finally {
            lock.unlock();
        }
        stats.recordMiss();
        if (askingProvider != null) {
            providerStats(askingProvider).recordMiss();
        }
    }

    /**
     * Asks the provider's strategy about a finished call and keeps the reply if it says so.
     *
     * @param costUsd what the reply cost, remembered so hits can report the money saved; may be null
     * @return the decision, with its reason, whether or not the reply was kept
     */
    public CacheDecision store(CacheRequest call, ChatResult result, BigDecimal costUsd) {
        CacheDecision decision = CachePolicy.decide(settings(call.providerId()), call, result);
        if (decision.keep()) {
            put(call.key(), call.providerId(), CachedReply.of(result, costUsd), decision);
        }
        return decision;
    }

    /**
     * Keeps a reply under a key, replacing any earlier one, then evicts down to the bounds.
     *
     * @return false when the reply alone is larger than the byte bound (or the cache holds nothing)
     */
    public boolean put(CacheKey key, String providerId, CachedReply reply, CacheDecision decision) {
        if (!decision.keep()) {
            throw new IllegalArgumentException("the decision says not to keep this reply: " + decision.reason());
        }
        CacheLimits bounds = limits;
        ReplyCodec.Encoded encoded = ReplyCodec.encode(reply, bounds.compressAboveBytes(), bounds.compressionLevel());
        return putEncoded(key, providerId, reply.model(), encoded, decision);
    }

    /** Keeps bytes already encoded; {@link #put} is its only caller outside tests of damaged entries. */
    boolean putEncoded(CacheKey key, String providerId, String model, ReplyCodec.Encoded encoded, CacheDecision decision) {
        CacheLimits bounds = limits;
        if (encoded.bytes().length > bounds.maxBytes() || bounds.maxEntries() == 0) {
            stats.recordRejectedTooLarge();
            providerStats(providerId).recordRejectedTooLarge();
            return false;
        }
        Instant now = clock.instant();
        Entry entry = new Entry(key, providerId, model, encoded, now, now.plus(decision.ttl()), decision.reason());
        lock.lock();
        try {
            remove(key);
            entries.put(key, entry);
            account(entry, +1);
            evictBeyondBounds(now);
        } finally {
            lock.unlock();
        }
        return true;
    }

    /** Removes one entry by hand. */
    public boolean evict(CacheKey key) {
        lock.lock();
        try {
            Entry removed = remove(key);
            if (removed != null) {
                recordEviction(removed.providerId, EvictionCause.MANUAL);
            }
            return removed != null;
        } finally {
            lock.unlock();
        }
    }

    /** Empties the cache; every entry counts as a manual eviction. Returns how many there were. */
    public int clear() {
        lock.lock();
        try {
            int removed = entries.size();
            entries.values().forEach(e -> recordEviction(e.providerId, EvictionCause.MANUAL));
            entries.clear();
            rawBytes = 0;
            storedBytes = 0;
            compressedEntries = 0;
            return removed;
        } finally {
            lock.unlock();
        }
    }

    /** Drops every expired entry now. Returns how many. */
    public int cleanUp() {
        int removed = 0;
        lock.lock();
        try {
            Instant now = clock.instant();
            for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
                Entry e = it.next();
                if (e.expiredAt(now)) {
                    it.remove();
                    account(e, -1);
                    recordEviction(e.providerId, EvictionCause.EXPIRED);
                    removed++;
                }
            }
        } finally {
            lock.unlock();
        }
        return removed;
    }

    /** The live entries, most recently used first. */
    public List<CacheEntryView> entries() {
        cleanUp();
        List<CacheEntryView> views = new ArrayList<>();
        lock.lock();
        try {
            for (Entry e : entries.sequencedValues().reversed()) {
                views.add(new CacheEntryView(e.key, e.providerId, e.model, e.storedAt, e.expiresAt, e.rawLength, e.bytes.length,
                        e.compressed, e.reason, e.hits));
            }
        } finally {
            lock.unlock();
        }
        return views;
    }

    public CacheStats stats() {
        cleanUp();
        lock.lock();
        try {
            return stats.snapshot(entries.size(), rawBytes, storedBytes, compressedEntries);
        } finally {
            lock.unlock();
        }
    }

    /** One provider's statistics: its entries and bytes now, and the counts of its lookups and evictions. */
    public CacheStats stats(String providerId) {
        cleanUp();
        int held = 0;
        int compressed = 0;
        long raw = 0;
        long stored = 0;
        lock.lock();
        try {
            for (Entry e : entries.values()) {
                if (e.providerId.equals(providerId)) {
                    held++;
                    compressed += e.compressed ? 1 : 0;
                    raw += e.rawLength;
                    stored += e.bytes.length;
                }
            }
        } finally {
            lock.unlock();
        }
        return providerStats(providerId).snapshot(held, raw, stored, compressed);
    }

    private CacheStatsRecorder providerStats(String providerId) {
        return statsByProvider.computeIfAbsent(providerId, id -> new CacheStatsRecorder());
    }

    // ---- machinery; every method below runs under the lock ----

    private void recordEviction(String providerId, EvictionCause cause) {
        stats.recordEviction(cause, 1);
        providerStats(providerId).recordEviction(cause, 1);
    }

    private Entry remove(CacheKey key) {
        Entry old = entries.remove(key);
        if (old != null) {
            account(old, -1);
        }
        return old;
    }

    private void account(Entry e, int sign) {
        rawBytes += sign * (long) e.rawLength;
        storedBytes += sign * (long) e.bytes.length;
        compressedEntries += e.compressed ? sign : 0;
    }

    private void evictBeyondBounds(Instant now) {
        CacheLimits bounds = limits;
        Iterator<Entry> eldestFirst = entries.values().iterator();
        while ((entries.size() > bounds.maxEntries() || storedBytes > bounds.maxBytes()) && eldestFirst.hasNext()) {
            Entry victim = eldestFirst.next();
            eldestFirst.remove();
            account(victim, -1);
            // An entry that had already expired left because of its TTL, whatever pushed it out.
            recordEviction(victim.providerId, victim.expiredAt(now) ? EvictionCause.EXPIRED : EvictionCause.SIZE);
        }
    }

    /** One held reply. Fields are fixed at creation except the hit count, which the lock guards. */
    private static final class Entry {
        final CacheKey key;
        final String providerId;
        final String model;
        final byte[] bytes;
        final boolean compressed;
        final int rawLength;
        final Instant storedAt;
        final Instant expiresAt;
        final String reason;
        long hits;

        Entry(CacheKey key, String providerId, String model, ReplyCodec.Encoded encoded, Instant storedAt, Instant expiresAt, String reason) {
            this.key = key;
            this.providerId = providerId;
            this.model = model;
            this.bytes = encoded.bytes();
            this.compressed = encoded.compressed();
            this.rawLength = encoded.rawLength();
            this.storedAt = storedAt;
            this.expiresAt = expiresAt;
            this.reason = reason;
        }

        boolean expiredAt(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }
}
