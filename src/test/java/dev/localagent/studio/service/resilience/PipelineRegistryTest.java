package dev.localagent.studio.service.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.studio.model.CacheStrategy;
import dev.localagent.studio.service.config.ApiKeys;
import dev.localagent.studio.service.config.CacheSettings;
import dev.localagent.studio.service.config.ConfigDefaults;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.config.StudioConfig;
import dev.localagent.studio.service.http.HttpClientSettings;
import dev.localagent.studio.service.http.PooledHttpClient;
import dev.localagent.studio.service.provider.ProviderFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipelineRegistryTest {

    private final PooledHttpClient http = new PooledHttpClient(HttpClientSettings.DEFAULT);
    private final StudioConfig defaults = ConfigDefaults.config();

    @AfterEach
    void close() {
        http.close();
    }

    private PipelineRegistry registry(StudioConfig config) {
        return new PipelineRegistry(new ProviderFactory(http, ApiKeys.none(), Clock.systemUTC()),
                p -> p.simulator() ? p.withBaseUrl("http://127.0.0.1:9") : p, Clock.systemUTC(), TimeSource.SYSTEM, ReplyAccounting.NONE, config);
    }

    @Test
    void aPipelineKeepsItsStateWhileItsSettingsDoNotChange() {
        PipelineRegistry registry = registry(defaults);
        ProviderPipeline openai = registry.pipeline("sim-openai");
        openai.breaker().forceOpen();
        ProviderConfig gemini = defaults.provider("sim-gemini").orElseThrow();

        registry.configure(defaults.withProvider(gemini.withCache(new CacheSettings(CacheStrategy.DISABLED, 0))));

        assertThat(registry.pipeline("sim-openai")).isSameAs(openai);
        assertThat(registry.pipeline("sim-openai").breaker().state()).isEqualTo(BreakerState.FORCED_OPEN);
    }

    @Test
    void changedSettingsGiveTheNextCallANewPipeline() {
        PipelineRegistry registry = registry(defaults);
        ProviderPipeline before = registry.pipeline("sim-gemini");
        ProviderConfig gemini = defaults.provider("sim-gemini").orElseThrow();

        registry.configure(defaults.withProvider(gemini.withCache(new CacheSettings(CacheStrategy.DISABLED, 0))));

        ProviderPipeline after = registry.pipeline("sim-gemini");
        assertThat(after).isNotSameAs(before);
        assertThat(after.config().cache().strategy()).isEqualTo(CacheStrategy.DISABLED);
    }

    @Test
    void simulatedProvidersGetTheirAddressAtRunTimeAndListenersSeeEveryNewPipeline() {
        PipelineRegistry registry = registry(defaults);
        List<String> seen = new ArrayList<>();
        registry.onPipelineBuilt(p -> seen.add(p.providerId()));

        assertThat(registry.pipeline("sim-ollama").config().baseUrl()).isEqualTo("http://127.0.0.1:9");
        registry.pipeline("sim-ollama");
        registry.pipeline("openai");

        assertThat(seen).containsExactly("sim-ollama", "openai");
    }

    @Test
    void anUnknownOrDisabledProviderIsAClearError() {
        ProviderConfig ollama = defaults.provider("ollama").orElseThrow();
        ProviderConfig disabled = new ProviderConfig(ollama.id(), ollama.kind(), ollama.displayName(), false, ollama.baseUrl(), false,
                ollama.defaultModel(), ollama.timeouts(), ollama.pool(), ollama.breaker(), ollama.rateLimit(), ollama.retry(), ollama.cache());
        PipelineRegistry registry = registry(defaults.withProvider(disabled));

        assertThatThrownBy(() -> registry.pipeline("ollama")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown provider 'ollama' (configured: sim-ollama, sim-openai");
        assertThat(registry.find("nope")).isEmpty();
    }
}
