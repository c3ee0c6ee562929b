package dev.localagent.studio.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.localagent.studio.app.SimulatorOptions;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.service.config.TimeoutSettings;
import dev.localagent.studio.service.http.HttpClientSettings;
import dev.localagent.studio.service.provider.AuthenticationException;
import dev.localagent.studio.service.provider.ConnectionLostException;
import dev.localagent.studio.service.provider.MalformedStreamException;
import dev.localagent.studio.service.provider.ModelNotFoundException;
import dev.localagent.studio.service.provider.Provider;
import dev.localagent.studio.service.provider.ProviderException;
import dev.localagent.studio.service.provider.ProviderTimeoutException;
import dev.localagent.studio.service.provider.RateLimitedException;
import dev.localagent.studio.service.provider.ResponseTooLargeException;
import dev.localagent.studio.service.provider.ServerErrorException;
import dev.localagent.studio.service.provider.TruncatedStreamException;
import dev.localagent.studio.service.provider.UnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every fault the simulator injects ends a call with the error type that names it, and leaves the pool empty. */
class FaultsAgainstSimulatorTest {

    /** For the tests about other faults: generous, so a busy machine cannot turn them into timeouts. */
    private static final TimeoutSettings GENEROUS = new TimeoutSettings(5_000, 20_000, 20_000, 60_000);
    /** For the timeout tests: far below the simulator's injected delays (5 s), far above its normal pace. */
    private static final TimeoutSettings SHORT = new TimeoutSettings(5_000, 1_000, 1_000, 60_000);
    private static SimulatedProviders sim;

    @BeforeAll
    static void start() throws Exception {
        sim = SimulatedProviders.instant();
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

    private static ChatRequest request(ProviderKind kind, boolean stream) {
        return ChatRequest.builder(sim.config(kind).defaultModel()).user("Explain keep-alive in a few sentences.").maxOutputTokens(40)
                .stream(stream).build();
    }

    private static ProviderException streamFailure(ProviderKind kind) {
        return streamFailure(kind, GENEROUS);
    }

    private static ProviderException streamFailure(ProviderKind kind, TimeoutSettings timeouts) {
        Provider provider = sim.provider(kind, timeouts);
        Throwable t = catchThrowable(() -> provider.stream(request(kind, true), text -> {}));
        assertThat(t).isInstanceOf(ProviderException.class);
        ProviderException e = (ProviderException) t;
        assertThat(e.getMessage()).startsWith("sim-" + kind.id() + ": ").doesNotContain("\n");
        return e;
    }

    private static ProviderException chatFailure(ProviderKind kind) {
        Provider provider = sim.provider(kind, GENEROUS);
        Throwable t = catchThrowable(() -> provider.chat(request(kind, false)));
        assertThat(t).isInstanceOf(ProviderException.class);
        return (ProviderException) t;
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void aServerErrorBeforeTheReplyIsServerErrorAndRetryable(ProviderKind kind) {
        sim.faults("{\"faults\":{\"errorRate\":1,\"errorStatus\":[500]}}");
        ProviderException e = streamFailure(kind);
        assertThat(e).isInstanceOf(ServerErrorException.class);
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.retryable()).isTrue();
        assertThat(e.midStream()).isFalse();
        assertThat(chatFailure(kind)).isInstanceOf(ServerErrorException.class);
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void anOverloaded503IsUnavailable(ProviderKind kind) {
        sim.faults("{\"faults\":{\"errorRate\":1,\"errorStatus\":[503]}}");
        assertThat(streamFailure(kind)).isInstanceOf(UnavailableException.class);
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void a429CarriesTheRetryDelayFromHeadersOrBody(ProviderKind kind) {
        sim.faults("{\"faults\":{\"errorRate\":1,\"errorStatus\":[429],\"retryAfter\":\"3s\"}}");
        ProviderException e = streamFailure(kind);
        assertThat(e).isInstanceOfSatisfying(RateLimitedException.class,
                r -> assertThat(r.limits().retryAfter()).isEqualTo(Duration.ofSeconds(3)));
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void theRequestRateLimiterAnswers429OnceTheBudgetIsSpent(ProviderKind kind) {
        sim.faults("{\"faults\":{\"rpm\":1}}");
        sim.provider(kind, GENEROUS).chat(request(kind, false));
        ProviderException e = chatFailure(kind);
        assertThat(e).isInstanceOf(RateLimitedException.class);
        assertThat(((RateLimitedException) e).limits().retryAfter()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void anErrorAfterSomeTokensArrivesInsideThe200StreamInTheProvidersForm(ProviderKind kind) {
        sim.faults("{\"faults\":{\"errorRate\":1,\"errorStatus\":[500],\"errorAfterTokens\":2}}");
        ProviderException e = streamFailure(kind);
        assertThat(e).isInstanceOf(ServerErrorException.class);
        assertThat(e.midStream()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void aMalformedFrameIsMalformedStream(ProviderKind kind) {
        sim.faults("{\"faults\":{\"malformedAfterTokens\":2}}");
        assertThat(streamFailure(kind)).isInstanceOf(MalformedStreamException.class);
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void aStreamCutBeforeItsEndIsTruncated(ProviderKind kind) {
        sim.faults("{\"faults\":{\"truncateRate\":1}}");
        assertThat(streamFailure(kind)).isInstanceOf(TruncatedStreamException.class);
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void aKilledConnectionIsConnectionLost(ProviderKind kind) {
        sim.faults("{\"faults\":{\"dropAfterTokens\":2}}");
        ProviderException e = streamFailure(kind);
        assertThat(e).isInstanceOf(ConnectionLostException.class);
        assertThat(e.retryable()).isTrue();
        assertThat(chatFailure(kind)).isInstanceOf(ConnectionLostException.class);
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void aReplyLargerThanTheLimitEndsWithTooLarge(ProviderKind kind) {
        sim.faults("{\"faults\":{\"oversizedRate\":1,\"oversizedBytes\":600000}}");
        assertThat(streamFailure(kind)).isInstanceOf(ResponseTooLargeException.class);
        assertThat(chatFailure(kind)).isInstanceOf(ResponseTooLargeException.class);
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void aStallBetweenChunksIsAnIdleTimeout(ProviderKind kind) {
        sim.faults("{\"faults\":{\"stallAfterTokens\":2,\"stall\":\"5s\"}}");
        long start = System.nanoTime();
        ProviderException e = streamFailure(kind, SHORT);
        assertThat(e).isInstanceOfSatisfying(ProviderTimeoutException.class,
                t -> assertThat(t.phase()).isEqualTo(ProviderTimeoutException.Phase.IDLE));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("ended before the stall did").isLessThan(Duration.ofMillis(4_500));
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void aSlowFirstTokenIsAFirstTokenTimeout(ProviderKind kind) {
        sim.faults("{\"faults\":{\"latency\":\"5s\"}}");
        ProviderException e = streamFailure(kind, SHORT);
        assertThat(e).isInstanceOfSatisfying(ProviderTimeoutException.class,
                t -> assertThat(t.phase()).isEqualTo(ProviderTimeoutException.Phase.FIRST_TOKEN));
    }

    /**
     * Reads carry no socket timeout of their own, so a whole reply that never starts must be cut
     * by the call's watchdog at the total limit, not left waiting for the server.
     */
    @ParameterizedTest
    @EnumSource(value = ProviderKind.class, names = {"OPENAI", "GEMINI"})
    void aWholeReplyThatNeverStartsIsCutAtTheTotalLimit(ProviderKind kind) {
        sim.faults("{\"faults\":{\"latency\":\"5s\"}}");
        Provider provider = sim.provider(kind, new TimeoutSettings(5_000, 20_000, 20_000, 1_000));
        long start = System.nanoTime();
        Throwable t = catchThrowable(() -> provider.chat(request(kind, false)));
        assertThat(t).isInstanceOfSatisfying(ProviderTimeoutException.class,
                e -> assertThat(e.phase()).isEqualTo(ProviderTimeoutException.Phase.TOTAL));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("ended before the server answered").isLessThan(Duration.ofMillis(4_500));
    }

    /** The total limit is provider-independent machinery: one SSE and one NDJSON provider show it. */
    @ParameterizedTest
    @EnumSource(value = ProviderKind.class, names = {"OPENAI", "OLLAMA"})
    void aReplyThatKeepsComingPastTheTotalLimitIsATotalTimeout(ProviderKind kind) {
        sim.faults("{\"faults\":{\"tps\":20}}");
        Provider provider = sim.provider(kind, new TimeoutSettings(5_000, 20_000, 20_000, 1_000));
        long start = System.nanoTime();
        // 200 tokens at 20 a second would take 10 s.
        Throwable t = catchThrowable(() -> provider.stream(request(kind, true).toBuilder().maxOutputTokens(200).build(), text -> {}));
        assertThat(t).isInstanceOfSatisfying(ProviderTimeoutException.class, e -> {
            assertThat(e.phase()).isEqualTo(ProviderTimeoutException.Phase.TOTAL);
            assertThat(e.limit()).isEqualTo(Duration.ofSeconds(1));
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(5_000));
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void anUnknownModelIsModelNotFound(ProviderKind kind) {
        Provider provider = sim.provider(kind, GENEROUS);
        Throwable t = catchThrowable(() -> provider.stream(request(kind, true).toBuilder().model("no-such-model").build(), text -> {}));
        assertThat(t).isInstanceOf(ModelNotFoundException.class);
        assertThat(((ProviderException) t).retryable()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void anOutageRefusesConnectionsAndIsUnavailable(ProviderKind kind) throws Exception {
        sim.faults("{\"timeline\":[{\"for\":\"30s\",\"outage\":true}],\"start\":\"now\"}");
        Provider provider = sim.provider(kind, GENEROUS);
        try {
            Throwable t = null;
            for (int attempt = 0; attempt < 50 && !(t instanceof UnavailableException); attempt++) {
                sim.http.closeIdleConnections();
                t = catchThrowable(() -> provider.chat(request(kind, false)));
                if (!(t instanceof UnavailableException)) {
                    Thread.sleep(20); // the simulator switches its listener off on a short timer
                }
            }
            assertThat(t).isInstanceOf(UnavailableException.class);
        } finally {
            // Leave a listening simulator and no connection the outage killed for the next test.
            sim.faults("healthy");
            for (int attempt = 0; attempt < 100 && !provider.health().up(); attempt++) {
                sim.http.closeIdleConnections();
                Thread.sleep(20);
            }
            sim.http.closeIdleConnections();
        }
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void aWrongKeyIsAuthenticationEvenWhenTheProviderAnswersWithHtmlOrA400(ProviderKind kind) throws Exception {
        try (SimulatedProviders guarded = new SimulatedProviders(
                SimulatorOptions.builder().instant(true).apiKey("right-key-123").build(), HttpClientSettings.DEFAULT)) {
            var config = guarded.config(kind);
            Provider wrong = switch (kind) {
                case OLLAMA -> new dev.localagent.studio.service.provider.ollama.OllamaProvider(config, guarded.http, "wrong-key-456", java.time.Clock.systemUTC());
                case OPENAI -> new dev.localagent.studio.service.provider.openai.OpenAiProvider(config, guarded.http, "wrong-key-456", java.time.Clock.systemUTC());
                case GEMINI -> new dev.localagent.studio.service.provider.gemini.GeminiProvider(config, guarded.http, "wrong-key-456", java.time.Clock.systemUTC());
                case PERPLEXITY -> new dev.localagent.studio.service.provider.perplexity.PerplexityProvider(config, guarded.http, "wrong-key-456", java.time.Clock.systemUTC());
            };
            Throwable t = catchThrowable(() -> wrong.stream(request(kind, true), text -> {}));
            assertThat(t).isInstanceOf(AuthenticationException.class);
            assertThat(t.getMessage()).doesNotContain("wrong-key-456").doesNotContain("right-key-123");
            guarded.assertNothingLeased();
        }
    }
}
