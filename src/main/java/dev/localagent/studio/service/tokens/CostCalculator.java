package dev.localagent.studio.service.tokens;

import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.model.Usage;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * Prices a reply from its usage. Prompt tokens include the cached ones (OpenAI's and Gemini's
 * usage both count them in), so cached tokens are taken out of the input and billed at the cached
 * rate. Reasoning tokens are already inside OpenAI's completion count, are billed on top as output
 * by Gemini (its {@code thoughtsTokenCount} is separate), and at their own rate by Perplexity's deep
 * research. Local models (Ollama) cost nothing. Immutable.
 */
public final class CostCalculator {

    private final PriceTable prices;

    public CostCalculator(PriceTable prices) {
        this.prices = Objects.requireNonNull(prices, "prices");
    }

    public PriceTable prices() {
        return prices;
    }

    /** The cost, or empty when the model has no price or the usage is unknown. */
    public Optional<CostBreakdown> cost(ProviderKind kind, String model, Usage usage, WebSearchUsage search) {
        if (kind == ProviderKind.OLLAMA) {
            return Optional.of(CostBreakdown.free("local model", usage.estimated()));
        }
        if (usage.promptTokens() == null && usage.completionTokens() == null) {
            return Optional.empty();
        }
        return prices.find(model).map(p -> price(kind, p, usage, search == null ? WebSearchUsage.NONE : search));
    }

    private static CostBreakdown price(ProviderKind kind, ModelPrice p, Usage usage, WebSearchUsage search) {
        int prompt = orZero(usage.promptTokens());
        int cached = Math.min(orZero(usage.cachedPromptTokens()), prompt);
        int reasoning = orZero(usage.reasoningTokens());
        boolean longPrompt = p.longPrompt() != null && prompt > p.longPrompt().abovePromptTokens();
        BigDecimal inputRate = longPrompt ? p.longPrompt().input() : p.input();
        BigDecimal cachedRate = longPrompt ? p.longPrompt().cachedInput() : p.cachedInput();
        BigDecimal outputRate = longPrompt ? p.longPrompt().output() : p.output();
        if (cachedRate == null) {
            cachedRate = inputRate;
        }

        long outputTokens = orZero(usage.completionTokens());
        BigDecimal reasoningCost = BigDecimal.ZERO;
        if (kind == ProviderKind.GEMINI) {
            outputTokens += reasoning;
        } else if (kind == ProviderKind.PERPLEXITY && p.reasoningPerMillion() != null) {
            reasoningCost = perMillion(reasoning, p.reasoningPerMillion());
        }
        BigDecimal citations = p.citationPerMillion() == null ? BigDecimal.ZERO : perMillion(search.citationTokens(), p.citationPerMillion());
        BigDecimal queries = p.searchQueriesPerThousand() == null ? BigDecimal.ZERO
                : p.searchQueriesPerThousand().multiply(BigDecimal.valueOf(search.searchQueries())).movePointLeft(3);
        BigDecimal fee = p.requestFeesPerThousand().getOrDefault(search.contextSize(), BigDecimal.ZERO).movePointLeft(3);
        return new CostBreakdown(perMillion(prompt - cached, inputRate), perMillion(cached, cachedRate), perMillion(outputTokens, outputRate),
                reasoningCost, citations, queries, fee, usage.estimated(), p.source());
    }

    private static BigDecimal perMillion(long tokens, BigDecimal rate) {
        return rate.multiply(BigDecimal.valueOf(tokens)).movePointLeft(6);
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
