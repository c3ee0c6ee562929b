package dev.localagent.studio.service.cache;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Publishes the response cache's statistics as Micrometer meters, so the dashboard and a
 * Prometheus scrape read the same numbers. Meters read a snapshot when sampled.
 */
public final class CacheMeters {

    private CacheMeters() {}

    public static void bind(MeterRegistry registry, ResponseCache cache) {
        gauge(registry, "studio.cache.entries", Tags.empty(), cache, CacheStats::entries);
        gauge(registry, "studio.cache.bytes", Tags.of("form", "raw"), cache, CacheStats::rawBytes);
        gauge(registry, "studio.cache.bytes", Tags.of("form", "stored"), cache, CacheStats::storedBytes);
        gauge(registry, "studio.cache.compression.ratio", Tags.empty(), cache, CacheStats::compressionRatio);
        gauge(registry, "studio.cache.hit.ratio", Tags.empty(), cache, CacheStats::hitRate);
        counter(registry, "studio.cache.requests", Tags.of("result", "hit"), cache, CacheStats::hits);
        counter(registry, "studio.cache.requests", Tags.of("result", "miss"), cache, CacheStats::misses);
        for (EvictionCause cause : EvictionCause.values()) {
            counter(registry, "studio.cache.evictions", Tags.of("cause", cause.name().toLowerCase(Locale.ROOT)), cache, s -> s.evictions(cause));
        }
        counter(registry, "studio.cache.rejected.too.large", Tags.empty(), cache, CacheStats::rejectedTooLarge);
        counter(registry, "studio.cache.saved.tokens", Tags.empty(), cache, CacheStats::tokensSaved);
        counter(registry, "studio.cache.saved.seconds", Tags.empty(), cache, s -> s.latencySavedNanos() / 1e9);
        counter(registry, "studio.cache.saved.usd", Tags.empty(), cache, s -> s.costSavedUsd().doubleValue());
    }

    /** The same meters for one provider's share, tagged {@code provider}. */
    public static void bindProvider(MeterRegistry registry, ResponseCache cache, String providerId) {
        Tags tags = Tags.of("provider", providerId);
        providerGauge(registry, "studio.cache.provider.entries", tags, cache, providerId, CacheStats::entries);
        providerGauge(registry, "studio.cache.provider.bytes", tags.and("form", "stored"), cache, providerId, CacheStats::storedBytes);
        providerGauge(registry, "studio.cache.provider.hit.ratio", tags, cache, providerId, CacheStats::hitRate);
        providerCounter(registry, "studio.cache.provider.requests", tags.and("result", "hit"), cache, providerId, CacheStats::hits);
        providerCounter(registry, "studio.cache.provider.requests", tags.and("result", "miss"), cache, providerId, CacheStats::misses);
        for (EvictionCause cause : EvictionCause.values()) {
            providerCounter(registry, "studio.cache.provider.evictions", tags.and("cause", cause.name().toLowerCase(Locale.ROOT)), cache,
                    providerId, s -> s.evictions(cause));
        }
        providerCounter(registry, "studio.cache.provider.saved.tokens", tags, cache, providerId, CacheStats::tokensSaved);
        providerCounter(registry, "studio.cache.provider.saved.usd", tags, cache, providerId, s -> s.costSavedUsd().doubleValue());
    }

    private static void providerCounter(MeterRegistry registry, String name, Tags tags, ResponseCache cache, String providerId,
            ToDoubleFunction<CacheStats> read) {
        FunctionCounter.builder(name, cache, c -> read.applyAsDouble(c.stats(providerId))).tags(tags).register(registry);
    }

    private static void providerGauge(MeterRegistry registry, String name, Tags tags, ResponseCache cache, String providerId,
            ToDoubleFunction<CacheStats> read) {
        Gauge.builder(name, cache, c -> read.applyAsDouble(c.stats(providerId))).tags(tags).strongReference(false).register(registry);
    }

    private static void counter(MeterRegistry registry, String name, Tags tags, ResponseCache cache, ToDoubleFunction<CacheStats> read) {
        FunctionCounter.builder(name, cache, c -> read.applyAsDouble(c.stats())).tags(tags).register(registry);
    }

    private static void gauge(MeterRegistry registry, String name, Tags tags, ResponseCache cache, ToDoubleFunction<CacheStats> read) {
        Gauge.builder(name, cache, c -> read.applyAsDouble(c.stats())).tags(tags).strongReference(false).register(registry);
    }
}
