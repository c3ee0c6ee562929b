package dev.localagent.studio.service.tokens;

import java.util.Objects;

/**
 * The web-search part of a Perplexity reply's usage, which the shared {@code Usage} record does not
 * carry: the context size that sets the request fee, and deep research's citation tokens and
 * search queries.
 */
public record WebSearchUsage(SearchContextSize contextSize, int citationTokens, int searchQueries) {

    /** A reply with no search (every provider but Perplexity). */
    public static final WebSearchUsage NONE = new WebSearchUsage(SearchContextSize.LOW, 0, 0);

    public WebSearchUsage {
        Objects.requireNonNull(contextSize, "contextSize");
    }

    public static WebSearchUsage of(SearchContextSize size) {
        return new WebSearchUsage(size, 0, 0);
    }
}
