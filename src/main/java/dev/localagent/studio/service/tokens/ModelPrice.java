package dev.localagent.studio.service.tokens;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * One model's list prices in US dollars: per million tokens, and per thousand for requests and
 * search queries. A null optional price means the model has no such charge.
 *
 * @param cachedInput price of prompt tokens served from the provider's prompt cache; null bills them as input
 * @param longPrompt a higher tier for long prompts (Gemini 2.5 Pro above 200k tokens), or null
 * @param source where the figures come from: the bundled table's date, or the user's config
 */
public record ModelPrice(
        String model,
        BigDecimal input,
        BigDecimal cachedInput,
        BigDecimal output,
        LongPromptTier longPrompt,
        Map<SearchContextSize, BigDecimal> requestFeesPerThousand,
        BigDecimal citationPerMillion,
        BigDecimal reasoningPerMillion,
        BigDecimal searchQueriesPerThousand,
        String source) {

    public ModelPrice {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        requestFeesPerThousand = requestFeesPerThousand == null ? Map.of() : Map.copyOf(requestFeesPerThousand);
    }

    /** The prices that apply above a prompt size. */
    public record LongPromptTier(int abovePromptTokens, BigDecimal input, BigDecimal cachedInput, BigDecimal output) {}
}
