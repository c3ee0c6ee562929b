package dev.localagent.studio.service.config;

import dev.localagent.studio.model.ProviderKind;
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
        BudgetSettings budget) {

    public ProviderConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(cache, "cache");
        budget = budget == null ? BudgetSettings.DEFAULT : budget;
    }

    /** A provider without a budget. */
    public ProviderConfig(String id, ProviderKind kind, String displayName, boolean simulator, String baseUrl, boolean enabled,
            String defaultModel, TimeoutSettings timeouts, PoolSettings pool, BreakerSettings breaker, RateLimitSettings rateLimit,
            RetrySettings retry, CacheSettings cache) {
        this(id, kind, displayName, simulator, baseUrl, enabled, defaultModel, timeouts, pool, breaker, rateLimit, retry, cache,
                BudgetSettings.DEFAULT);
    }

    public ProviderConfig withCache(CacheSettings newCache) {
        return new ProviderConfig(id, kind, displayName, simulator, baseUrl, enabled, defaultModel,
                timeouts, pool, breaker, rateLimit, retry, newCache, budget);
    }

    public ProviderConfig withBaseUrl(String newBaseUrl) {
        return new ProviderConfig(id, kind, displayName, simulator, newBaseUrl, enabled, defaultModel,
                timeouts, pool, breaker, rateLimit, retry, cache, budget);
    }

    public ProviderConfig withBudget(BudgetSettings newBudget) {
        return new ProviderConfig(id, kind, displayName, simulator, baseUrl, enabled, defaultModel,
                timeouts, pool, breaker, rateLimit, retry, cache, newBudget);
    }
}
