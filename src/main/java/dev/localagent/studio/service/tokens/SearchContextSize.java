package dev.localagent.studio.service.tokens;

import java.util.Locale;

/** Perplexity's {@code search_context_size}, which sets the per-request fee. */
public enum SearchContextSize {
    LOW,
    MEDIUM,
    HIGH;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SearchContextSize fromId(String id) {
        return valueOf(id.strip().toUpperCase(Locale.ROOT));
    }
}
