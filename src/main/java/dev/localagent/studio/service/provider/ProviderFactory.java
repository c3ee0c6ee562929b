package dev.localagent.studio.service.provider;

import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.service.config.ApiKeys;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.http.PooledHttpClient;
import dev.localagent.studio.service.provider.gemini.GeminiProvider;
import dev.localagent.studio.service.provider.ollama.OllamaProvider;
import dev.localagent.studio.service.provider.openai.OpenAiProvider;
import dev.localagent.studio.service.provider.perplexity.PerplexityProvider;
import java.time.Clock;
import java.util.Objects;

/** Makes the {@link Provider} a config entry describes, on the shared pooled client. Immutable and thread-safe. */
public final class ProviderFactory {

    private final PooledHttpClient http;
    private final ApiKeys keys;
    private final Clock clock;

    public ProviderFactory(PooledHttpClient http, ApiKeys keys, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws IllegalArgumentException when the provider has no base URL (a simulated one whose
     *     simulator has not started)
     */
    public Provider create(ProviderConfig config) {
        ProviderConfig effective = config;
        if (config.kind() == ProviderKind.OLLAMA && !config.simulator() && keys.ollamaHost().isPresent()) {
            effective = config.withBaseUrl(keys.ollamaHost().get());
        }
        if (effective.baseUrl() == null || effective.baseUrl().isBlank()) {
            throw new IllegalArgumentException(config.id() + " has no base URL"
                    + (config.simulator() ? " (its simulator is not running)" : ""));
        }
        String key = keys.keyFor(effective).orElse(null);
        return switch (effective.kind()) {
            case OLLAMA -> new OllamaProvider(effective, http, key, clock);
            case OPENAI -> new OpenAiProvider(effective, http, key, clock);
            case GEMINI -> new GeminiProvider(effective, http, key, clock);
            case PERPLEXITY -> new PerplexityProvider(effective, http, key, clock);
        };
    }
}
