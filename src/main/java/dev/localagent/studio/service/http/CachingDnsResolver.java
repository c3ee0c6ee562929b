package dev.localagent.studio.service.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Reuses each lookup for a TTL, so a burst of new connections to one provider costs one DNS query.
 * Failed lookups are not cached: the next attempt asks again. Thread-safe; time comes from the
 * given nanosecond clock so tests can move it.
 */
public final class CachingDnsResolver implements DnsResolver {

    private record Entry(InetAddress[] addresses, long expiresAtNanos) {}

    private final DnsResolver delegate;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public CachingDnsResolver(DnsResolver delegate, Duration ttl, LongSupplier nanoClock) {
        this.delegate = delegate;
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
    }

    public static CachingDnsResolver system(Duration ttl) {
        return new CachingDnsResolver(SystemDefaultDnsResolver.INSTANCE, ttl, System::nanoTime);
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        long now = nanoClock.getAsLong();
        Entry cached = entries.get(host);
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            hits.increment();
            return cached.addresses().clone();
        }
        misses.increment();
        InetAddress[] fresh = delegate.resolve(host);
        if (ttlNanos > 0) {
            entries.put(host, new Entry(fresh.clone(), now + ttlNanos));
        }
        return fresh;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return delegate.resolveCanonicalHostname(host);
    }

    public DnsCacheStats stats() {
        return new DnsCacheStats(hits.sum(), misses.sum(), entries.size());
    }

    /** An immutable reading of the cache's counters. */
    public record DnsCacheStats(long hits, long misses, int entries) {
        /** Hits over lookups, 0 when nothing was looked up yet. */
        public double hitRate() {
            long lookups = hits + misses;
            return lookups == 0 ? 0.0 : (double) hits / lookups;
        }
    }
}
