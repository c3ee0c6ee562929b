package dev.localagent.studio.service.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.service.config.BreakerSettings;
import dev.localagent.studio.service.config.ConfigDefaults;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.config.RateLimitSettings;
import dev.localagent.studio.service.config.RetrySettings;
import dev.localagent.studio.service.config.StudioConfig;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SettingsLintTest {

    private static StudioConfig with(String id, UnaryOperator<ProviderConfig> change) {
        StudioConfig defaults = ConfigDefaults.config();
        return defaults.withProvider(change.apply(defaults.provider(id).orElseThrow()));
    }

    private static ProviderConfig copy(ProviderConfig c, BreakerSettings breaker, RateLimitSettings rate, RetrySettings retry) {
        return new ProviderConfig(c.id(), c.kind(), c.displayName(), c.simulator(), c.baseUrl(), c.enabled(), c.defaultModel(),
                c.timeouts(), c.pool(), breaker, rate, retry, c.cache(), c.bulkhead(), c.fallback());
    }

    @Test
    void theDefaultsRaiseNoWarning() {
        assertThat(SettingsLint.check(ConfigDefaults.config())).isEmpty();
    }

    @Test
    void warnsAboutABreakerThatOpensOnASingleFailure() {
        StudioConfig config = with("openai", c -> copy(c,
                new BreakerSettings(true, "count", 1, 10, 50, 60_000, 10, 30_000, 2, 2, false, true), c.rateLimit(), c.retry()));

        assertThat(SettingsLint.check(config)).singleElement()
                .hasToString("openai breaker.failureThreshold: the breaker opens on a single failure; one dropped connection will block every call for 30 s");
    }

    @Test
    void warnsAboutARateNoAccountIsAllowed() {
        StudioConfig config = with("gemini", c -> copy(c, c.breaker(), RateLimitSettings.of(500, 1_000), c.retry()));

        assertThat(SettingsLint.check(config)).extracting(SettingsLint.Warning::field).containsExactly("rateLimit.requestsPerSecond");
    }

    @Test
    void warnsAboutARetryBudgetLongerThanTheTotalTimeoutAndRetriesThatCanNeverHappen() {
        StudioConfig config = with("perplexity", c -> copy(c, c.breaker(), c.rateLimit(),
                new RetrySettings(10, 1_000, 60_000, 0.2, 600_000, false)));

        assertThat(SettingsLint.check(config)).extracting(SettingsLint.Warning::field)
                .containsExactly("retry.maxTotalMs");

        StudioConfig tooMany = with("perplexity", c -> copy(c, c.breaker(), c.rateLimit(),
                new RetrySettings(10, 1_000, 60_000, 0.2, 10_000, false)));
        assertThat(SettingsLint.check(tooMany)).extracting(SettingsLint.Warning::field).containsExactly("retry.maxAttempts");
    }
}
