package dev.localagent.studio.service.config;

import dev.localagent.studio.model.ProviderKind;
import java.util.List;
import java.util.Objects;

/**
 * One configured provider: which protocol it speaks, where, and the policies its calls run under.
 * Immutable; a changed setting is a new instance swapped into a new {@link StudioConfig}.
 *
 * @param id the name used on the command line and in stored conversations ({@code sim-openai})
 * @param kind the wire protocol
 * @param simulator true when the built-in simulator serves it; then {@code baseUrl} is assigned at start
 * @param baseUrl the root the provider's official client uses (OpenAI's includes {@code /v1})
 * @param enabled disabled providers are kept in the file but not offered
 * @param fallback providers to try, in order, when a call fails before any output
 * @param budget the daily spending budget; {@link BudgetSettings#DEFAULT} has none
 */
public record ProviderConfig(
        String id,
        ProviderKind kind,
        String displayName,
        boolean simulator,
        String baseUrl,
        boolean enabled,
        String defaultModel,
        TimeoutSettings timeouts,
        PoolSettings pool,
        BreakerSettings breaker,
        RateLimitSettings rateLimit,
        RetrySettings retry,
        CacheSettings cache,
        BulkheadSettings bulkhead,
        List<String> fallback,
        BudgetSettings budget) {

    /** A provider without a bulkhead setting, fallback chain or budget of its own: the defaults. */
    public ProviderConfig(String id, ProviderKind kind, String displayName, boolean simulator, String baseUrl, boolean enabled,
            String defaultModel, TimeoutSettings timeouts, PoolSettings pool, BreakerSettings breaker, RateLimitSettings rateLimit,
            RetrySettings retry, CacheSettings cache) {
        this(id, kind, displayName, simulator, baseUrl, enabled, defaultModel, timeouts, pool, breaker, rateLimit, retry, cache,
                BulkheadSettings.DEFAULT, List.of(), BudgetSettings.DEFAULT);
    }

    /** A provider without a budget: none. */
    public ProviderConfig(String id, ProviderKind kind, String displayName, boolean simulator, String baseUrl, boolean enabled,
            String defaultModel, TimeoutSettings timeouts, PoolSettings pool, BreakerSettings breaker, RateLimitSettings rateLimit,
            RetrySettings retry, CacheSettings cache, BulkheadSettings bulkhead, List<String> fallback) {
        this(id, kind, displayName, simulator, baseUrl, enabled, defaultModel, timeouts, pool, breaker, rateLimit, retry, cache,
                bulkhead, fallback, BudgetSettings.DEFAULT);
    }

    public ProviderConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(cache, "cache");
        bulkhead = bulkhead == null ? BulkheadSettings.DEFAULT : bulkhead;
        fallback = fallback == null ? List.of() : List.copyOf(fallback);
        budget = budget == null ? BudgetSettings.DEFAULT : budget;
    }

    public ProviderConfig withCache(CacheSettings newCache) {
        return new ProviderConfig(id, kind, displayName, simulator, baseUrl, enabled, defaultModel,
                timeouts, pool, breaker, rateLimit, retry, newCache, bulkhead, fallback, budget);
    }

    public ProviderConfig withBaseUrl(String newBaseUrl) {
        return new ProviderConfig(id, kind, displayName, simulator, newBaseUrl, enabled, defaultModel,
                timeouts, pool, breaker, rateLimit, retry, cache, bulkhead, fallback, budget);
    }

    public ProviderConfig withFallback(List<String> providerIds) {
        return new ProviderConfig(id, kind, displayName, simulator, baseUrl, enabled, defaultModel,
                timeouts, pool, breaker, rateLimit, retry, cache, bulkhead, providerIds, budget);
    }

    public ProviderConfig withBudget(BudgetSettings newBudget) {
        return new ProviderConfig(id, kind, displayName, simulator, baseUrl, enabled, defaultModel,
                timeouts, pool, breaker, rateLimit, retry, cache, bulkhead, fallback, newBudget);
    }
}
