package dev.localagent.studio.sim;

/**
 * When a reply's phases happened, from {@link System#nanoTime()}: request received, prompt
 * processing begun (after any injected delay), first token, last token. Ollama reports these as
 * its nanosecond durations; measured, not computed, so they add up. Immutable.
 */
record StreamTimes(long received, long promptStart, long firstToken, long end) {

    long loadNanos() {
        return promptStart - received;
    }

    long promptEvalNanos() {
        return firstToken - promptStart;
    }

    long evalNanos() {
        return end - firstToken;
    }

    long totalNanos() {
        return end - received;
    }
}
