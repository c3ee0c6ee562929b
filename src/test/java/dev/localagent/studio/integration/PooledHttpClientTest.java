package dev.localagent.studio.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.app.SimulatorOptions;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.service.config.PoolSettings;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.config.ApiKeys;
import dev.localagent.studio.service.http.HttpClientMeters;
import dev.localagent.studio.service.http.HttpClientSettings;
import dev.localagent.studio.service.http.HttpClientSnapshot;
import dev.localagent.studio.service.provider.CancelledException;
import dev.localagent.studio.service.provider.Provider;
import dev.localagent.studio.service.provider.ProviderFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pool against the simulator: reuse, per-route limits, statistics, meters and graceful shutdown. */
class PooledHttpClientTest {

    private static ChatRequest shortReply(SimulatedProviders sim, ProviderKind kind) {
        return ChatRequest.builder(sim.config(kind).defaultModel()).user("hi").maxOutputTokens(5).build();
    }

    @Test
    void sequentialCallsReuseOneKeptAliveConnection() throws Exception {
        try (SimulatedProviders sim = SimulatedProviders.instant()) {
            Provider openAi = sim.provider(ProviderKind.OPENAI);
            for (int i = 0; i < 5; i++) {
                openAi.stream(shortReply(sim, ProviderKind.OPENAI), text -> {});
                openAi.chat(shortReply(sim, ProviderKind.OPENAI));
            }
            HttpClientSnapshot s = sim.http.snapshot();
            assertThat(s.requests()).isEqualTo(10);
            assertThat(s.connectionsOpened()).isEqualTo(1);
            assertThat(s.connectionsReused()).isEqualTo(9);
            assertThat(s.bytesSent()).isPositive();
            assertThat(s.bytesReceived()).isPositive();
            assertThat(s.failures()).isZero();
            assertThat(s.total().available()).isEqualTo(1);
            sim.assertNothingLeased();
        }
    }

    @Test
    void theRouteLimitQueuesCallsBeyondItAndTheSnapshotShowsThemPending() throws Exception {
        try (SimulatedProviders sim = new SimulatedProviders(SimulatorOptions.builder().ttft(Duration.ofMillis(5)).tps(25.0).build(),
                HttpClientSettings.DEFAULT)) {
            ProviderConfig c = sim.config(ProviderKind.OLLAMA);
            ProviderConfig twoConnections = new ProviderConfig(c.id(), c.kind(), c.displayName(), c.simulator(), c.baseUrl(), c.enabled(),
                    c.defaultModel(), c.timeouts(), new PoolSettings(2, 300_000, 30_000), c.breaker(), c.rateLimit(), c.retry(), c.cache());
            Provider ollama = new ProviderFactory(sim.http, ApiKeys.none(), Clock.systemUTC()).create(twoConnections);
            ChatRequest tenTokens = ChatRequest.builder(c.defaultModel()).user("count").maxOutputTokens(10).build();
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(CompletableFuture.runAsync(() -> ollama.stream(tenTokens, text -> {}), r -> Thread.ofVirtual().start(r)));
            }
            int maxLeased = 0;
            int maxPending = 0;
            // The pool lists a route from its first lease on; the 300 ms of watching start there,
            // so a slow start on a busy machine does not use them up before any call is made.
            long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sim.http.snapshot().routes().isEmpty() && System.nanoTime() < giveUp) {
                Thread.sleep(1);
            }
            long until = System.nanoTime() + Duration.ofMillis(300).toNanos();
            while (System.nanoTime() < until) {
                List<HttpClientSnapshot.RouteStats> routes = sim.http.snapshot().routes();
                if (routes.isEmpty()) {
                    continue;
                }
                HttpClientSnapshot.RouteStats route = routes.getFirst();
                maxLeased = Math.max(maxLeased, route.leased());
                maxPending = Math.max(maxPending, route.pending());
                assertThat(route.max()).isEqualTo(2);
                Thread.sleep(5);
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertThat(maxLeased).isEqualTo(2);
            assertThat(maxPending).isPositive();
            assertThat(sim.http.snapshot().connectionsOpened()).isEqualTo(2);
            sim.assertNothingLeased();
        }
    }

    @Test
    void publishesItsCountersAndPerRouteGaugesAsMicrometerMeters() throws Exception {
        try (SimulatedProviders sim = SimulatedProviders.instant()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new HttpClientMeters(sim.http).bindTo(registry);
            Provider gemini = sim.provider(ProviderKind.GEMINI);
            gemini.chat(shortReply(sim, ProviderKind.GEMINI));
            gemini.chat(shortReply(sim, ProviderKind.GEMINI));
            assertThat(registry.get("studio.http.requests").functionCounter().count()).isEqualTo(2);
            assertThat(registry.get("studio.http.connections.reused").functionCounter().count()).isEqualTo(1);
            String route = sim.sim.baseUrl();
            assertThat(registry.get("studio.http.pool.available").tag("route", route).gauge().value()).isEqualTo(1);
            assertThat(registry.get("studio.http.pool.max").tag("route", route).gauge().value()).isEqualTo(20);
            assertThat(registry.get("studio.http.pool.leased").tag("route", "total").gauge().value()).isZero();
            assertThat(registry.get("studio.http.dns.hit.ratio").gauge().value()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void shutdownLetsQuickCallsFinishAndCancelsTheRestAfterTheGracePeriod() throws Exception {
        HttpClientSettings settings = new HttpClientSettings(100, Duration.ofSeconds(60), Duration.ofMillis(200), Duration.ofSeconds(30),
                HttpClientSettings.DEFAULT_MAX_RESPONSE_BYTES);
        try (SimulatedProviders sim = new SimulatedProviders(SimulatorOptions.builder().ttft(Duration.ofMillis(5)).tps(20.0).build(), settings)) {
            Provider openAi = sim.provider(ProviderKind.OPENAI);
            CompletableFuture<Throwable> longCall = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    openAi.stream(ChatRequest.builder("gpt-4o-mini").user("long").maxOutputTokens(400).build(), text -> {});
                    longCall.complete(null);
                } catch (Throwable t) {
                    longCall.complete(t);
                }
            });
            long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sim.http.snapshot().inFlight() == 0 && !longCall.isDone() && System.nanoTime() < giveUp) {
                Thread.sleep(5);
            }
            assertThat(longCall).as("the long call failed before it was under way").isNotDone();
            long start = System.nanoTime();
            sim.http.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(longCall.get(2, TimeUnit.SECONDS)).isInstanceOf(CancelledException.class)
                    .hasMessageContaining("shutting down");
            assertThat(took).isBetween(Duration.ofMillis(200), Duration.ofMillis(1_000));
        }
    }
}
