package dev.localagent.studio.service.resilience;

import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.service.cache.CacheHit;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.tokens.CostBreakdown;
import java.util.Optional;

/**
 * What the pipeline asks of the cache and the cost accounting, so it needs neither's wiring:
 * budget admission before anything is sent, the cached reply if there is one, the token estimate
 * the limiter reserves, and the settling of a finished reply (cost, spend record, caching).
 */
public interface ReplyAccounting {

    /** No cache, no budgets, a rough estimate: for tests and benchmarks of the bare stack. */
    ReplyAccounting NONE = new ReplyAccounting() {
        @Override
        public void admit(ProviderConfig provider) {}

        @Override
        public Optional<CacheHit> cached(ProviderConfig provider, ChatRequest request) {
            return Optional.empty();
        }

        @Override
        public long estimateTokens(ProviderConfig provider, ChatRequest request) {
            return 0;
        }

        @Override
        public Optional<CostBreakdown> settle(ProviderConfig provider, ChatRequest request, ChatResult result, String conversationId) {
            return Optional.empty();
        }
    };

    /**
     * @throws dev.localagent.studio.service.tokens.BudgetExceededException when the provider's daily
     *     budget is spent and set to block
     */
    void admit(ProviderConfig provider);

    Optional<CacheHit> cached(ProviderConfig provider, ChatRequest request);

    /** Tokens the call may use (prompt plus output allowance), for the tokens-per-minute limiter. */
    long estimateTokens(ProviderConfig provider, ChatRequest request);

    /**
     * Costs a successful reply, records the spend (against the conversation, when there is one) and
     * keeps it in the cache if its strategy says so.
     */
    Optional<CostBreakdown> settle(ProviderConfig provider, ChatRequest request, ChatResult result, String conversationId);
}
