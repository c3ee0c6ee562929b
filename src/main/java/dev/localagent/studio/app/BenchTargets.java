package dev.localagent.studio.app;

import dev.localagent.studio.model.CacheStrategy;
import dev.localagent.studio.service.bench.BenchSpec;
import dev.localagent.studio.service.bench.BenchTarget;
import dev.localagent.studio.service.bench.PipelineTarget;
import dev.localagent.studio.service.cache.ResponseCache;
import dev.localagent.studio.service.config.BulkheadSettings;
import dev.localagent.studio.service.config.CacheSettings;
import dev.localagent.studio.service.config.PoolSettings;
import dev.localagent.studio.service.config.RateLimitSettings;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.provider.ProviderFactory;
import dev.localagent.studio.service.resilience.ProviderPipeline;
import dev.localagent.studio.service.resilience.TimeSource;
import dev.localagent.studio.service.tokens.UnknownModelException;
import dev.localagent.studio.service.http.HttpClientSettings;
import dev.localagent.studio.service.http.PooledHttpClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import java.util.Optional;

/**
 * Opens benchmark targets from the settings: a fresh pipeline per target, with its own cache, and,
 * for a simulated provider without {@code --base-url}, a simulator of its own with the run's
 * faults, so a breaker run never disturbs the chat and its fault timeline starts with the run.
 */
final class BenchTargets implements BenchTarget.Factory {

    private final Studio studio;

    BenchTargets(Studio studio) {
        this.studio = studio;
    }

    /** Connections a run may hold: its concurrency, or this many for an open loop without a cap. */
    static int connections(BenchSpec spec) {
        return spec.concurrency() == 0 ? BenchSpec.OPEN_LOOP_CONNECTIONS : spec.concurrency();
    }

    /** Closes in reverse order of opening: the client before the simulator it talks to. */
    private static void closeAll(List<AutoCloseable> owned) {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                LoggerFactory.getLogger(BenchTargets.class).warn("Closing a benchmark resource failed", e);
            }
        }
    }

    /**
     * The run's provider settings. The connection pool always has room for the run's concurrency
     * (a pool of 20 would quietly cap a 64-user run). The rate limiter and bulkhead stay as the
     * user configured them unless the run lifts them: they are part of what a run shows.
     */
    static ProviderConfig forRun(ProviderConfig c, BenchSpec spec) {
        int connections = Math.max(c.pool().maxConnections(), connections(spec));
        PoolSettings pool = new PoolSettings(connections, c.pool().connectionTtlMs(), c.pool().idleEvictMs());
        RateLimitSettings limit = c.rateLimit();
        BulkheadSettings bulkhead = c.bulkhead();
        if (!spec.clientLimits()) {
            limit = new RateLimitSettings(1e9, Integer.MAX_VALUE, 0, true, limit.maxWaitMs());
            bulkhead = new BulkheadSettings(100_000, 100_000, bulkhead.maxWaitMs());
        }
        return new ProviderConfig(c.id(), c.kind(), c.displayName(), c.simulator(), c.baseUrl(), c.enabled(), c.defaultModel(),
                c.timeouts(), pool, c.breaker(), limit, c.retry(), c.cache(), bulkhead, c.fallback(), c.budget());
    }

    @Override
    public BenchTarget open(BenchSpec spec, CacheStrategy strategy) throws IOException {
        ProviderConfig config = studio.config().requireProvider(spec.providerId());
        List<AutoCloseable> owned = new ArrayList<>();
        if (spec.baseUrl() != null && !spec.baseUrl().isBlank()) {
            if (spec.simFaults() != null) {
                throw new IllegalArgumentException("simulator faults apply to the built-in simulator only; with a base URL, start "
                        + "that simulator with --faults instead");
            }
            config = config.withBaseUrl(spec.baseUrl());
        } else if (config.simulator()) {
            SimulatorOptions.Builder options = SimulatorOptions.builder().faults(spec.simFaults()).seed(spec.seed());
            SimulatorHost sim = SimulatorHost.start(options.build());
            owned.add(sim);
            config = config.withBaseUrl(sim.baseUrl(config.kind()));
        } else if (spec.simFaults() != null) {
            throw new IllegalArgumentException("simulator faults need a simulated provider (sim-ollama, sim-openai, sim-gemini, "
                    + "sim-perplexity); " + config.id() + " is a real one");
        }
        try {
            config = forRun(config.withCache(new CacheSettings(strategy, config.cache().ttlSeconds())), spec);
            ResponseCache cache = new ResponseCache(studio.config().cache(), config.cache(), Clock.systemUTC());
            BenchAccounting accounting = new BenchAccounting(cache, studio.cacheAndCosts().tokenCounter(),
                    studio.cacheAndCosts().costs(), studio.apiKeys());
            // No fallback chain: a benchmark measures the provider it names.
            // A pool of the run's own: a thousand-connection load test must neither starve the chat's
            // connections nor queue behind them, and its connection figures are its own.
            PooledHttpClient http = new PooledHttpClient(HttpClientSettings.from(studio.config())
                    .withMaxTotalConnections(config.pool().maxConnections()));
            owned.add(http);
            ProviderFactory providers = new ProviderFactory(http, studio.apiKeys(), Clock.systemUTC());
            ProviderPipeline pipeline = new ProviderPipeline(providers.create(config), config, Clock.systemUTC(), TimeSource.SYSTEM,
                    accounting, id -> Optional.empty());
            String model = spec.model() != null && !spec.model().isBlank() ? spec.model() : config.defaultModel();
            var counter = studio.cacheAndCosts().tokenCounter();
            return new PipelineTarget(pipeline, model, (m, text) -> {
                try {
                    return counter.count(m, text).tokens();
                } catch (UnknownModelException e) {
                    return Math.max(1, text.length() / 4);
                }
            }, () -> closeAll(owned));
        } catch (RuntimeException e) {
            closeAll(owned);
            throw e;
        }
    }
}
