package dev.localagent.studio.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.app.SimulatorHost;
import dev.localagent.studio.app.SimulatorOptions;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.service.config.ApiKeys;
import dev.localagent.studio.service.config.ConfigDefaults;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.config.TimeoutSettings;
import dev.localagent.studio.service.http.HttpClientSettings;
import dev.localagent.studio.service.http.PooledHttpClient;
import dev.localagent.studio.service.provider.Provider;
import dev.localagent.studio.service.provider.ProviderFactory;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * The real simulator on a free loopback port and the real provider clients on one pooled client,
 * as the app wires them. No mocks: every test byte crosses a socket.
 */
final class SimulatedProviders implements AutoCloseable {

    final SimulatorHost sim;
    final PooledHttpClient http;

    SimulatedProviders(SimulatorOptions options, HttpClientSettings settings) throws IOException {
        this.sim = SimulatorHost.start(options);
        this.http = new PooledHttpClient(settings);
    }

    static SimulatedProviders instant() throws IOException {
        return new SimulatedProviders(SimulatorOptions.builder().instant(true).seed(7L).build(),
                HttpClientSettings.DEFAULT.withMaxResponseBytes(256 * 1024));
    }

    ProviderConfig config(ProviderKind kind) {
        ProviderConfig sim = ConfigDefaults.config().provider("sim-" + kind.id()).orElseThrow();
        return sim.withBaseUrl(this.sim.baseUrl(kind));
    }

    Provider provider(ProviderKind kind) {
        return provider(kind, TimeoutSettings.DEFAULT);
    }

    Provider provider(ProviderKind kind, TimeoutSettings timeouts) {
        ProviderConfig c = config(kind);
        ProviderConfig withTimeouts = new ProviderConfig(c.id(), c.kind(), c.displayName(), c.simulator(), c.baseUrl(), c.enabled(),
                c.defaultModel(), timeouts, c.pool(), c.breaker(), c.rateLimit(), c.retry(), c.cache());
        return new ProviderFactory(http, ApiKeys.none(), Clock.systemUTC()).create(withTimeouts);
    }

    /** Sets the simulator's faults: a preset name or a fault plan in JSON. */
    void faults(String presetOrJson) {
        sim.applyFaults(presetOrJson);
    }

    /**
     * The pool's promise: once a call has returned or thrown, no connection is leased. A
     * connection being discarded by a cancel on another thread gets a moment to finish.
     */
    void assertNothingLeased() {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (http.leasedConnections() != 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(http.leasedConnections()).as("leased connections after the call").isZero();
        assertThat(http.snapshot().inFlight()).as("exchanges in flight after the call").isZero();
    }

    @Override
    public void close() {
        http.close();
        sim.close();
    }
}
