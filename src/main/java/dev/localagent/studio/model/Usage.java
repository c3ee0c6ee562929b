package dev.localagent.studio.model;

/**
 * Token counts of one reply. Each count is null when not known. {@code estimated} is true when the
 * server gave no usage and the counts come from our own counter.
 *
 * @param cachedPromptTokens prompt tokens the provider served from its prompt cache (billed lower)
 * @param reasoningTokens thinking tokens, billed as output where the provider reports them
 */
public record Usage(Integer promptTokens, Integer completionTokens, Integer cachedPromptTokens, Integer reasoningTokens, boolean estimated) {

    public static final Usage UNKNOWN = new Usage(null, null, null, null, false);

    public Integer totalTokens() {
        if (promptTokens == null && completionTokens == null) {
            return null;
        }
        return (promptTokens == null ? 0 : promptTokens) + (completionTokens == null ? 0 : completionTokens);
    }
}
