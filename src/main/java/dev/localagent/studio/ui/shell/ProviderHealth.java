package dev.localagent.studio.ui.shell;

/** One provider as the status bar shows it: a dot, a name and the last latency. */
public record ProviderHealth(String id, String name, State state, String latency, String detail) {

    /** The dot's colour. */
    public enum State {
        UNKNOWN,
        UP,
        DEGRADED,
        DOWN
    }
}
