package dev.localagent.studio.app;

import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.cache.CacheHit;
import dev.localagent.studio.service.cache.CacheRequest;
import dev.localagent.studio.service.cache.ResponseCache;
import dev.localagent.studio.service.config.ApiKeys;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.resilience.ReplyAccounting;
import dev.localagent.studio.service.tokens.CostBreakdown;
import dev.localagent.studio.service.tokens.CostCalculator;
import dev.localagent.studio.service.tokens.SearchContextSize;
import dev.localagent.studio.service.tokens.TokenCounter;
import dev.localagent.studio.service.tokens.WebSearchUsage;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The accounting of a benchmark run: its own response cache, costs at list prices, and nothing
 * else. Unlike the chat's it records no spend and checks no budget (a load test would exhaust a
 * budget meant for people, and its simulated dollars would swamp the dashboard), and it does not
 * calibrate the shared token estimator with thousands of identical replies. Thread-safe.
 */
final class BenchAccounting implements ReplyAccounting {

    private final ResponseCache cache;
    private final TokenCounter tokens;
    private final CostCalculator costs;
    private final ApiKeys keys;

    BenchAccounting(ResponseCache cache, TokenCounter tokens, CostCalculator costs, ApiKeys keys) {
        this.cache = cache;
        this.tokens = tokens;
        this.costs = costs;
        this.keys = keys;
    }

    @Override
    public void admit(ProviderConfig provider) {}

    @Override
    public Optional<CacheHit> cached(ProviderConfig provider, ChatRequest request) {
        return cache.lookup(cacheRequest(provider, request));
    }

    @Override
    public long estimateTokens(ProviderConfig provider, ChatRequest request) {
        return ReplyAccountant.estimateTokens(tokens, request);
    }

    @Override
    public Optional<CostBreakdown> settle(ProviderConfig provider, ChatRequest request, ChatResult result, String conversationId) {
        Usage usage = tokens.usageFor(request.model(), request, result);
        WebSearchUsage search = provider.kind() == ProviderKind.PERPLEXITY ? WebSearchUsage.of(SearchContextSize.LOW) : WebSearchUsage.NONE;
        Optional<CostBreakdown> cost = costs.cost(provider.kind(), result.model() != null ? result.model() : request.model(), usage, search);
        cache.store(cacheRequest(provider, request), result, cost.map(CostBreakdown::total).orElse(BigDecimal.ZERO));
        return cost;
    }

    private CacheRequest cacheRequest(ProviderConfig provider, ChatRequest request) {
        return ReplyAccountant.cacheRequest(keys, provider, request);
    }
}
