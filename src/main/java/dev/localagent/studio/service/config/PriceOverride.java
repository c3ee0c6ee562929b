package dev.localagent.studio.service.config;

import java.util.Map;

/**
 * A user's price for one model, laid over the bundled dated price table (or adding a model it
 * lacks). Prices in US dollars per million tokens; a null field keeps the bundled value.
 *
 * @param requestFeesPerThousand Perplexity-style fees per 1,000 requests by search context size
 *     ({@code low}, {@code medium}, {@code high}); null keeps the bundled fees
 */
public record PriceOverride(Double input, Double cachedInput, Double output, Map<String, Double> requestFeesPerThousand) {

    public PriceOverride {
        requestFeesPerThousand = requestFeesPerThousand == null ? null : Map.copyOf(requestFeesPerThousand);
    }
}
