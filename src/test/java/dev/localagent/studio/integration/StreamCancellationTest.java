package dev.localagent.studio.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.app.SimulatorOptions;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.service.http.HttpClientSettings;
import dev.localagent.studio.service.provider.CancelSignal;
import dev.localagent.studio.service.provider.CancelledException;
import dev.localagent.studio.service.provider.Provider;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stop means stop: a cancelled stream ends within 100 ms and its connection is discarded, never leaked. */
class StreamCancellationTest {

    private static SimulatedProviders sim;

    @BeforeAll
    static void start() throws Exception {
        // 20 tokens a second: a 200-token reply would take ten seconds if cancel did nothing.
        sim = new SimulatedProviders(SimulatorOptions.builder().ttft(Duration.ofMillis(5)).tps(20.0).seed(3L).build(),
                HttpClientSettings.DEFAULT);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void poolIsEmptyAgain() {
        sim.faults("healthy");
        sim.assertNothingLeased();
    }

    private static ChatRequest longReply(ProviderKind kind) {
        return ChatRequest.builder(sim.config(kind).defaultModel()).user("Write a long essay about sockets.").maxOutputTokens(200).build();
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void cancellingInTheMiddleOfAStreamEndsTheCallWithin100Milliseconds(ProviderKind kind) throws Exception {
        Provider provider = sim.provider(kind);
        CancelSignal cancel = new CancelSignal();
        CountDownLatch secondPiece = new CountDownLatch(2);
        long openedBefore = sim.http.snapshot().connectionsOpened();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                provider.stream(longReply(kind), text -> secondPiece.countDown(), cancel);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        assertThat(secondPiece.await(5, TimeUnit.SECONDS)).as("the stream started").isTrue();

        long cancelledAt = System.nanoTime();
        cancel.cancel();
        Throwable t = outcome.get(2, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - cancelledAt);

        assertThat(t).isInstanceOf(CancelledException.class).hasMessageStartingWith("sim-" + kind.id() + ": cancelled");
        assertThat(took).isLessThan(Duration.ofMillis(100));
        sim.assertNothingLeased();
        // The aborted connection was discarded, not returned half-read: the next call opens a new one.
        provider.chat(longReply(kind).toBuilder().maxOutputTokens(2).build());
        assertThat(sim.http.snapshot().connectionsOpened()).isGreaterThan(openedBefore);
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void cancellingWhileWaitingForTheResponseHeadEndsTheCallAtOnce(ProviderKind kind) throws Exception {
        sim.faults("{\"faults\":{\"latency\":\"5s\"}}");
        Provider provider = sim.provider(kind);
        CancelSignal cancel = new CancelSignal();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                provider.stream(longReply(kind), text -> {}, cancel);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        Thread.sleep(150);
        long cancelledAt = System.nanoTime();
        cancel.cancel();
        Throwable t = outcome.get(2, TimeUnit.SECONDS);
        assertThat(t).isInstanceOf(CancelledException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofMillis(100));
    }

    @ParameterizedTest
    @EnumSource(value = ProviderKind.class, names = "OPENAI")
    void aSignalCancelledBeforeTheCallStartsSendsNothing(ProviderKind kind) {
        CancelSignal cancel = new CancelSignal();
        cancel.cancel();
        long requestsBefore = sim.http.snapshot().requests();
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> sim.provider(kind).stream(longReply(kind), x -> {}, cancel));
        assertThat(t).isInstanceOf(CancelledException.class);
        assertThat(sim.http.snapshot().requests()).isEqualTo(requestsBefore);
    }
}
