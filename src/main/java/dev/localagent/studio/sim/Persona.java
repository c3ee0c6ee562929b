package dev.localagent.studio.sim;

import java.util.Locale;

/** The four providers the simulator impersonates, each on its own paths of the one port. */
public enum Persona {
    OLLAMA("ollama", ""),
    OPENAI("openai", "/v1"),
    GEMINI("gemini", "/v1beta"),
    PERPLEXITY("perplexity", "");

    private final String id;
    private final String basePath;

    Persona(String id, String basePath) {
        this.id = id;
        this.basePath = basePath;
    }

    /** The lower-case name used in fault files, statistics and settings. */
    public String id() {
        return id;
    }

    /** What the provider's official client puts after the host in its base URL. */
    public String basePath() {
        return basePath;
    }

    public static Persona fromId(String id) {
        for (Persona p : values()) {
            if (p.id.equals(id.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown persona '" + id + "' (known: ollama, openai, gemini, perplexity)");
    }
}
