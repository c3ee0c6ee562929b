package dev.localagent.studio.model;

import java.util.Locale;

/** The four wire protocols the app speaks. An OpenAI-compatible server (LM Studio, vLLM) is {@link #OPENAI}. */
public enum ProviderKind {
    OLLAMA("Ollama"),
    OPENAI("OpenAI"),
    GEMINI("Gemini"),
    PERPLEXITY("Perplexity");

    private final String displayName;

    ProviderKind(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** The lower-case id used in config files and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ProviderKind fromId(String id) {
        for (ProviderKind kind : values()) {
            if (kind.id().equalsIgnoreCase(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown provider kind '" + id + "' (expected ollama, openai, gemini or perplexity)");
    }
}
