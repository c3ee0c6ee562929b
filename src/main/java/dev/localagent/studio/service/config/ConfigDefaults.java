package dev.localagent.studio.service.config;

import dev.localagent.studio.model.ProviderKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration a new user starts with: one simulated provider per protocol (so the app works
 * offline out of the box) and the four real services, which stay unavailable until they answer or
 * have a key.
 */
public final class ConfigDefaults {

    private ConfigDefaults() {}

    public static StudioConfig config() {
        List<ProviderConfig> providers = new ArrayList<>();
        for (ProviderKind kind : ProviderKind.values()) {
            providers.add(simulated(kind));
        }
        providers.add(real(ProviderKind.OLLAMA, "ollama", "http://localhost:11434"));
        providers.add(real(ProviderKind.OPENAI, "openai", "https://api.openai.com/v1"));
        providers.add(real(ProviderKind.GEMINI, "gemini", "https://generativelanguage.googleapis.com/v1beta"));
        providers.add(real(ProviderKind.PERPLEXITY, "perplexity", "https://api.perplexity.ai"));
        return new StudioConfig(StudioConfig.CURRENT_VERSION, UiSettings.DEFAULT, HttpSettings.DEFAULT,
                CacheLimits.DEFAULT, providers);
    }

    /** The template a provider the user adds by hand starts from, before their own fields. */
    public static ProviderConfig template(ProviderKind kind, String id) {
        return new ProviderConfig(id, kind, id, false, null, true, defaultModel(kind),
                TimeoutSettings.DEFAULT, PoolSettings.DEFAULT, BreakerSettings.DEFAULT,
                rateLimit(kind), RetrySettings.DEFAULT, CacheSettings.DEFAULT);
    }

    private static ProviderConfig simulated(ProviderKind kind) {
        ProviderConfig t = template(kind, "sim-" + kind.id());
        return new ProviderConfig(t.id(), kind, "Simulated " + kind.displayName(), true, null, true,
                t.defaultModel(), t.timeouts(), t.pool(), t.breaker(), t.rateLimit(), t.retry(), t.cache());
    }

    private static ProviderConfig real(ProviderKind kind, String id, String baseUrl) {
        ProviderConfig t = template(kind, id);
        return new ProviderConfig(id, kind, kind.displayName(), false, baseUrl, true,
                t.defaultModel(), t.timeouts(), t.pool(), t.breaker(), t.rateLimit(), t.retry(), t.cache());
    }

    /** Rate-limit defaults per protocol, set below each service's published entry-tier limits. */
    static RateLimitSettings rateLimit(ProviderKind kind) {
        return switch (kind) {
            case OPENAI -> RateLimitSettings.of(60, 100);
            case OLLAMA -> RateLimitSettings.of(10, 20);
            case GEMINI -> RateLimitSettings.of(15, 30);
            case PERPLEXITY -> RateLimitSettings.of(5, 10);
        };
    }

    static String defaultModel(ProviderKind kind) {
        return switch (kind) {
            case OLLAMA -> "llama3.2";
            case OPENAI -> "gpt-4o-mini";
            case GEMINI -> "gemini-2.5-flash";
            case PERPLEXITY -> "sonar";
        };
    }
}
