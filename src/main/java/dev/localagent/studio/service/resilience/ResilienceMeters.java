package dev.localagent.studio.service.resilience;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a pipeline's statistics as Micrometer meters tagged with the provider, so the
 * dashboard and a Prometheus scrape read the same numbers. Meters read the snapshot when sampled;
 * nothing is counted twice.
 */
public final class ResilienceMeters {

    private static final java.util.Set<String> NAMES = java.util.Set.of(
            "studio.breaker.calls",
            "studio.breaker.failure.rate",
            "studio.breaker.state",
            "studio.bulkhead.in.flight",
            "studio.bulkhead.queued",
            "studio.bulkhead.rejected",
            "studio.calls",
            "studio.fallbacks",
            "studio.ratelimit.admitted",
            "studio.ratelimit.rejected",
            "studio.ratelimit.wait.seconds",
            "studio.retries",
            "studio.retries.wait.seconds");

    private ResilienceMeters() {}

    /** Binds a pipeline's meters, replacing those of an earlier pipeline of the same provider. */
    public static void bind(MeterRegistry registry, ProviderPipeline pipeline) {
        Tags tags = Tags.of("provider", pipeline.providerId());
        registry.getMeters().stream()
                .filter(m -> NAMES.contains(m.getId().getName()) && pipeline.providerId().equals(m.getId().getTag("provider")))
                .toList()
                .forEach(registry::remove);
        counter(registry, "studio.calls", tags.and("outcome", "succeeded"), pipeline, s -> s.succeeded());
        counter(registry, "studio.calls", tags.and("outcome", "failed"), pipeline, s -> s.failed());
        counter(registry, "studio.retries", tags, pipeline, s -> s.retries());
        counter(registry, "studio.retries.wait.seconds", tags, pipeline, s -> s.retryWait().toNanos() / 1e9);
        counter(registry, "studio.fallbacks", tags, pipeline, s -> s.fallbacks());
        counter(registry, "studio.breaker.calls", tags.and("decision", "permitted"), pipeline, s -> s.breaker().permitted());
        counter(registry, "studio.breaker.calls", tags.and("decision", "rejected"), pipeline, s -> s.breaker().rejected());
        gauge(registry, "studio.breaker.state", tags, pipeline, s -> s.breaker().state().ordinal());
        gauge(registry, "studio.breaker.failure.rate", tags, pipeline, s -> s.breaker().failureRatePercent() / 100.0);
        for (String limiter : new String[] {"requests", "tokens"}) {
            Tags t = tags.and("limiter", limiter);
            boolean requests = limiter.equals("requests");
            counter(registry, "studio.ratelimit.admitted", t, pipeline, s -> (requests ? s.requestLimiter() : s.tokenLimiter()).admitted());
            counter(registry, "studio.ratelimit.rejected", t, pipeline, s -> (requests ? s.requestLimiter() : s.tokenLimiter()).rejected());
            counter(registry, "studio.ratelimit.wait.seconds", t, pipeline,
                    s -> (requests ? s.requestLimiter() : s.tokenLimiter()).totalWait().toNanos() / 1e9);
        }
        gauge(registry, "studio.bulkhead.in.flight", tags, pipeline, s -> s.inFlight());
        gauge(registry, "studio.bulkhead.queued", tags, pipeline, s -> s.queued());
        counter(registry, "studio.bulkhead.rejected", tags, pipeline, s -> s.bulkheadRejected());
    }

    private static void counter(MeterRegistry registry, String name, Tags tags, ProviderPipeline pipeline, ToDoubleFunction<PipelineStats> read) {
        FunctionCounter.builder(name, pipeline, p -> read.applyAsDouble(p.stats())).tags(tags).register(registry);
    }

    private static void gauge(MeterRegistry registry, String name, Tags tags, ProviderPipeline pipeline, ToDoubleFunction<PipelineStats> read) {
        Gauge.builder(name, pipeline, p -> read.applyAsDouble(p.stats())).tags(tags).strongReference(false).register(registry);
    }
}
