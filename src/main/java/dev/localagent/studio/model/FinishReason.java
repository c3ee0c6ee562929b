package dev.localagent.studio.model;

/** Why a reply ended, normalised over the providers' {@code finish_reason}, {@code done_reason} and {@code finishReason}. */
public enum FinishReason {
    /** The model finished, or hit a stop sequence. */
    STOP,
    /** The output-token limit cut the reply. */
    LENGTH,
    /** A safety or content filter stopped or blocked the reply. */
    CONTENT_FILTER,
    /** The model asked for a tool call. */
    TOOL_CALLS,
    /** The user or the caller stopped the stream. */
    CANCELLED,
    /** The provider gave a reason this app does not know, or none. */
    OTHER
}
