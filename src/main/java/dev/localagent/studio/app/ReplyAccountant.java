package dev.localagent.studio.app;

import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.cache.ApiKeyFingerprint;
import dev.localagent.studio.service.cache.CacheHit;
import dev.localagent.studio.service.cache.CacheRequest;
import dev.localagent.studio.service.config.ApiKeys;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.resilience.ReplyAccounting;
import dev.localagent.studio.service.tokens.CostBreakdown;
import dev.localagent.studio.service.tokens.SearchContextSize;
import dev.localagent.studio.service.tokens.TokenCounter;
import dev.localagent.studio.service.tokens.UnknownModelException;
import dev.localagent.studio.service.tokens.WebSearchUsage;
import java.math.BigDecimal;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the pipeline to the cache and the cost accounting: budgets are checked before a call, the
 * cache is asked under the key of the provider, address, API-key fingerprint and request, and a
 * finished reply is costed, recorded as spend, used to calibrate the token estimator and offered
 * to the cache. Thread-safe.
 */
final class ReplyAccountant implements ReplyAccounting {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyAccountant.class);
    private static final int DEFAULT_OUTPUT_ALLOWANCE = 256;

    private final CacheAndCosts books;
    private final ApiKeys keys;

    ReplyAccountant(CacheAndCosts books, ApiKeys keys) {
        this.books = books;
        this.keys = keys;
    }

    @Override
    public void admit(ProviderConfig provider) {
        books.budgets().admit(provider.id());
    }

    @Override
    public Optional<CacheHit> cached(ProviderConfig provider, ChatRequest request) {
        return books.responseCache().lookup(cacheRequest(provider, request));
    }

    @Override
    public long estimateTokens(ProviderConfig provider, ChatRequest request) {
        return estimateTokens(books.tokenCounter(), request);
    }

    /** Prompt tokens plus the most the reply may take, for a token limit; shared with the benchmark's accounting. */
    static long estimateTokens(TokenCounter tokens, ChatRequest request) {
        long output = request.maxOutputTokens() == null ? DEFAULT_OUTPUT_ALLOWANCE : request.maxOutputTokens();
        try {
            return tokens.countPrompt(request.model(), request).tokens() + output;
        } catch (UnknownModelException e) {
            long chars = request.messages().stream().mapToLong(m -> m.content().length()).sum();
            return chars / 4 + output;
        }
    }

    @Override
    public Optional<CostBreakdown> settle(ProviderConfig provider, ChatRequest request, ChatResult result, String conversationId) {
        Usage reported = result.usage();
        if (reported.promptTokens() != null && reported.completionTokens() != null) {
            books.tokenCounter().calibrate(request.model(), request, result.text(), reported);
        }
        Usage usage = books.tokenCounter().usageFor(request.model(), request, result);
        WebSearchUsage search = provider.kind() == ProviderKind.PERPLEXITY ? WebSearchUsage.of(SearchContextSize.LOW) : WebSearchUsage.NONE;
        Optional<CostBreakdown> cost = books.costs().cost(provider.kind(), result.model() != null ? result.model() : request.model(), usage, search);
        try {
            cost.ifPresent(c -> books.ledger().record(provider.id(), conversationId, request.model(), usage, c));
        } catch (RuntimeException e) {
            LOG.warn("Spend of a {} reply not recorded: {}", provider.id(), e.getMessage());
        }
        books.responseCache().store(cacheRequest(provider, request), result, cost.map(CostBreakdown::total).orElse(BigDecimal.ZERO));
        return cost;
    }

    private CacheRequest cacheRequest(ProviderConfig provider, ChatRequest request) {
        return cacheRequest(keys, provider, request);
    }

    /** The cache's view of a call: provider, address, API-key fingerprint (never the key) and request. */
    static CacheRequest cacheRequest(ApiKeys keys, ProviderConfig provider, ChatRequest request) {
        ApiKeyFingerprint key = keys.keyFor(provider).map(ApiKeyFingerprint::of).orElse(ApiKeyFingerprint.NONE);
        return new CacheRequest(provider.id(), provider.kind(), provider.baseUrl(), key, request);
    }
}
