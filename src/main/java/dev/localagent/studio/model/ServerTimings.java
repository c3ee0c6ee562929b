package dev.localagent.studio.model;

/**
 * The server's own account of a call, where it gives one (Ollama's nanosecond durations). Each
 * field is null when the server omitted it (Ollama omits zero metrics).
 */
public record ServerTimings(Long totalNanos, Long loadNanos, Long promptEvalNanos, Integer promptEvalCount, Long evalNanos, Integer evalCount) {

    public static final ServerTimings NONE = new ServerTimings(null, null, null, null, null, null);
}
