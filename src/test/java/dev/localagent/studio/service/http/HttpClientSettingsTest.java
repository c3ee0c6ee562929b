package dev.localagent.studio.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.studio.service.config.ConfigDefaults;
import dev.localagent.studio.service.config.PoolSettings;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.config.StudioConfig;
import dev.localagent.studio.service.config.TimeoutSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpClientSettingsTest {

    @Test
    void takesTheUsersHttpSettingsAndTheShortestIdleTimeAnyProviderAsksFor() {
        StudioConfig defaults = ConfigDefaults.config();
        ProviderConfig c = defaults.provider("openai").orElseThrow();
        StudioConfig oneShortIdle = defaults.withProvider(new ProviderConfig(c.id(), c.kind(), c.displayName(), c.simulator(), c.baseUrl(),
                c.enabled(), c.defaultModel(), c.timeouts(), new PoolSettings(5, 60_000, 4_000), c.breaker(), c.rateLimit(), c.retry(), c.cache()));
        HttpClientSettings settings = HttpClientSettings.from(oneShortIdle);
        assertThat(settings.idleEviction()).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.maxTotalConnections()).isEqualTo(100);
        assertThat(settings.dnsCacheTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.shutdownGrace()).isEqualTo(Duration.ofSeconds(2));
        assertThat(HttpClientSettings.from(defaults).idleEviction()).isEqualTo(Duration.ofMillis(PoolSettings.DEFAULT.idleEvictMs()));
    }

    @Test
    void routeLimitsComeFromTheProvidersTimeoutsAndPool() {
        RouteSettings route = RouteSettings.of(new TimeoutSettings(1_500, 20_000, 5_000, 60_000), new PoolSettings(7, 90_000, 10_000));
        assertThat(route.connectTimeout()).isEqualTo(Duration.ofMillis(1_500));
        assertThat(route.leaseTimeout()).as("the longer of first token and idle").isEqualTo(Duration.ofSeconds(20));
        assertThat(route.timeToLive()).isEqualTo(Duration.ofSeconds(90));
        assertThat(route.maxConnections()).isEqualTo(7);
    }

    @Test
    void refusesLimitsThatCannotWork() {
        assertThatThrownBy(() -> HttpClientSettings.DEFAULT.withMaxResponseBytes(10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RouteSettings(Duration.ZERO, Duration.ZERO, Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
