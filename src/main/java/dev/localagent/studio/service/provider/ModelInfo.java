package dev.localagent.studio.service.provider;

import java.util.Objects;

/**
 * A model a provider offers.
 *
 * @param id the name to put in a request ({@code gpt-4o-mini}, {@code llama3.2:latest}, {@code gemini-2.5-flash})
 * @param contextTokens the input window where the service tells it, else null
 * @param maxOutputTokens the output limit where the service tells it, else null
 */
public record ModelInfo(String id, String displayName, Integer contextTokens, Integer maxOutputTokens) {

    public ModelInfo {
        Objects.requireNonNull(id, "id");
        displayName = displayName == null ? id : displayName;
    }

    public static ModelInfo named(String id) {
        return new ModelInfo(id, id, null, null);
    }
}
