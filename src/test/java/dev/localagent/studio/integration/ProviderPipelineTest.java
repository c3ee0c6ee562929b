package dev.localagent.studio.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.service.config.BreakerSettings;
import dev.localagent.studio.service.config.BulkheadSettings;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.config.RateLimitSettings;
import dev.localagent.studio.service.config.RetrySettings;
import dev.localagent.studio.service.config.TimeoutSettings;
import dev.localagent.studio.service.config.ApiKeys;
import dev.localagent.studio.service.provider.CancelSignal;
import dev.localagent.studio.service.provider.ModelNotFoundException;
import dev.localagent.studio.service.provider.ProviderTimeoutException;
import dev.localagent.studio.service.provider.ProviderFactory;
import dev.localagent.studio.service.provider.ServerErrorException;
import dev.localagent.studio.service.resilience.BreakerOpenException;
import dev.localagent.studio.service.resilience.BreakerState;
import dev.localagent.studio.service.resilience.BulkheadFullException;
import dev.localagent.studio.service.resilience.CallFailedException;
import dev.localagent.studio.service.resilience.PipelineResult;
import dev.localagent.studio.service.resilience.ProviderPipeline;
import dev.localagent.studio.service.resilience.ReplyAccounting;
import dev.localagent.studio.service.resilience.TimeSource;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole policy stack against the real simulator's faults, over loopback. */
class ProviderPipelineTest {

    private static final TimeoutSettings SHORT = new TimeoutSettings(1_000, 2_000, 1_000, 10_000);
    private static final RetrySettings QUICK_RETRIES = new RetrySettings(3, 50, 200, 0.1, 20_000, false);
    private static final BreakerSettings LENIENT = new BreakerSettings(true, "count", 50, 50, 50, 60_000, 10, 30_000, 1, 1, false, true);

    private static SimulatedProviders sim;
    private final Map<String, ProviderPipeline> pipelines = new HashMap<>();

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

    private ProviderPipeline pipeline(ProviderKind kind, RetrySettings retry, BreakerSettings breaker, BulkheadSettings bulkhead,
            List<String> fallback) {
        ProviderConfig c = sim.config(kind);
        ProviderConfig config = new ProviderConfig(c.id(), c.kind(), c.displayName(), c.simulator(), c.baseUrl(), c.enabled(),
                c.defaultModel(), SHORT, c.pool(), breaker, RateLimitSettings.of(1_000, 1_000), retry, c.cache(), bulkhead, fallback);
        ProviderPipeline pipeline = new ProviderPipeline(new ProviderFactory(sim.http, ApiKeys.none(), Clock.systemUTC()).create(config),
                config, Clock.systemUTC(), TimeSource.SYSTEM, ReplyAccounting.NONE, id -> Optional.ofNullable(pipelines.get(id)));
        pipelines.put(config.id(), pipeline);
        return pipeline;
    }

    private ProviderPipeline pipeline(ProviderKind kind, RetrySettings retry) {
        return pipeline(kind, retry, LENIENT, BulkheadSettings.DEFAULT, List.of());
    }

    private static ChatRequest request(ProviderKind kind) {
        return ChatRequest.builder(sim.config(kind).defaultModel()).user("Explain keep-alive in a few sentences.").maxOutputTokens(40).build();
    }

    private static PipelineResult send(ProviderPipeline pipeline, ProviderKind kind) {
        return pipeline.call(request(kind), text -> {}, new CancelSignal());
    }

    @Test
    void aHealthyCallGoesThroughOnceAndSaysSo() {
        ProviderPipeline pipeline = pipeline(ProviderKind.OPENAI, QUICK_RETRIES);
        StringBuilder streamed = new StringBuilder();

        PipelineResult result = pipeline.call(request(ProviderKind.OPENAI), streamed::append, new CancelSignal());

        assertThat(streamed.toString()).isEqualTo(result.result().text()).isNotEmpty();
        assertThat(result.record().attempts()).isEqualTo(1);
        assertThat(result.record().retryDelays()).isEmpty();
        assertThat(result.record().breakerStateAtSend()).isEqualTo(BreakerState.CLOSED);
        assertThat(result.record().fallbackProvider()).isNull();
        assertThat(pipeline.stats().succeeded()).isEqualTo(1);
    }

    @Test
    void everyDecisionIsAMeterTaggedWithTheProvider() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        ProviderPipeline pipeline = pipeline(ProviderKind.OPENAI, QUICK_RETRIES);
        dev.localagent.studio.service.resilience.ResilienceMeters.bind(meters, pipeline);
        send(pipeline, ProviderKind.OPENAI);
        sim.faults("{\"faults\":{\"errorRate\":1,\"errorStatus\":[500]}}");
        catchThrowableOfType(CallFailedException.class, () -> send(pipeline, ProviderKind.OPENAI));

        assertThat(meters.get("studio.calls").tags("provider", "sim-openai", "outcome", "succeeded").functionCounter().count()).isEqualTo(1);
        assertThat(meters.get("studio.calls").tags("provider", "sim-openai", "outcome", "failed").functionCounter().count()).isEqualTo(1);
        assertThat(meters.get("studio.retries").tags("provider", "sim-openai").functionCounter().count()).isEqualTo(2);
        assertThat(meters.get("studio.breaker.calls").tags("decision", "permitted").functionCounter().count()).isEqualTo(4);
        assertThat(meters.get("studio.breaker.state").tags("provider", "sim-openai").gauge().value()).isZero();
        assertThat(meters.get("studio.ratelimit.admitted").tags("limiter", "requests").functionCounter().count()).isEqualTo(4);
    }

    @Test
    void serverErrorsAreRetriedWithBackOffUntilTheProviderRecovers() {
        ProviderPipeline pipeline = pipeline(ProviderKind.OLLAMA, new RetrySettings(6, 100, 400, 0.1, 20_000, false));
        sim.faults("{\"timeline\":[{\"for\":\"250ms\",\"faults\":{\"errorRate\":1,\"errorStatus\":[503]}}],\"start\":\"now\"}");

        PipelineResult result = send(pipeline, ProviderKind.OLLAMA);

        assertThat(result.record().attempts()).isBetween(2, 6);
        assertThat(result.record().retryDelays()).hasSize(result.record().attempts() - 1)
                .allSatisfy(d -> assertThat(d.reason()).startsWith("back-off ").contains("after UnavailableException (HTTP 503)"));
        assertThat(result.record().retryDelays().getFirst().delay()).isBetween(Duration.ofMillis(90), Duration.ofMillis(110));
    }

    @Test
    void whenASuccessfulReplyAnnouncesNoRequestsLeftTheLimiterPausesInsteadOfSendingACallThatWouldBeRefused() {
        ProviderConfig c = sim.config(ProviderKind.OPENAI);
        ProviderConfig config = new ProviderConfig(c.id(), c.kind(), c.displayName(), c.simulator(), c.baseUrl(), c.enabled(),
                c.defaultModel(), SHORT, c.pool(), LENIENT, new RateLimitSettings(1_000, 1_000, 0, true, 500), QUICK_RETRIES, c.cache(),
                BulkheadSettings.DEFAULT, List.of());
        ProviderPipeline pipeline = new ProviderPipeline(new ProviderFactory(sim.http, ApiKeys.none(), Clock.systemUTC()).create(config),
                config, Clock.systemUTC(), TimeSource.SYSTEM, ReplyAccounting.NONE, id -> Optional.empty());
        sim.faults("{\"faults\":{\"rpm\":2}}");
        send(pipeline, ProviderKind.OPENAI);
        send(pipeline, ProviderKind.OPENAI);

        CallFailedException third = catchThrowableOfType(CallFailedException.class, () -> send(pipeline, ProviderKind.OPENAI));

        assertThat(third.getCause()).isInstanceOf(dev.localagent.studio.service.resilience.RateLimitRejectedException.class)
                .hasMessageContaining("request rate limit reached");
        assertThat(third.record().attempts()).as("the refused call was never sent").isZero();
        assertThat(pipeline.stats().requestLimiter().pausedFor()).isPositive();
    }

    @Test
    void aRetryWaitsWhatRetryAfterSays() {
        ProviderPipeline pipeline = pipeline(ProviderKind.OPENAI, new RetrySettings(3, 10, 50, 0, 20_000, false));
        sim.faults("{\"timeline\":[{\"for\":\"300ms\",\"faults\":{\"errorRate\":1,\"errorStatus\":[429],\"retryAfter\":\"1s\"}}],\"start\":\"now\"}");
        long start = System.nanoTime();

        PipelineResult result = send(pipeline, ProviderKind.OPENAI);

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(result.record().attempts()).isEqualTo(2);
        assertThat(result.record().retryDelays()).singleElement().satisfies(d -> {
            assertThat(d.delay()).isEqualTo(Duration.ofSeconds(1));
            assertThat(d.reason()).isEqualTo("the provider asked to wait 1000 ms");
        });
        assertThat(elapsed).isBetween(Duration.ofMillis(900), Duration.ofMillis(1_100 + 400));
    }

    @Test
    void retriesGiveUpAtTheAttemptLimit() {
        ProviderPipeline pipeline = pipeline(ProviderKind.GEMINI, QUICK_RETRIES);
        sim.faults("{\"faults\":{\"errorRate\":1,\"errorStatus\":[500]}}");

        CallFailedException failure = catchThrowableOfType(CallFailedException.class, () -> send(pipeline, ProviderKind.GEMINI));

        assertThat(failure.getCause()).isInstanceOf(ServerErrorException.class);
        assertThat(failure.record().attempts()).isEqualTo(3);
        assertThat(failure.record().retryDelays()).hasSize(2);
        assertThat(pipeline.stats().failuresByClass()).containsEntry("ServerErrorException", 1L);
    }

    @Test
    void aRequestTheProviderRefusesIsNotRetried() {
        ProviderPipeline pipeline = pipeline(ProviderKind.PERPLEXITY, QUICK_RETRIES);

        CallFailedException failure = catchThrowableOfType(CallFailedException.class,
                () -> pipeline.call(ChatRequest.builder("no-such-model").user("hi").build(), text -> {}, new CancelSignal()));

        assertThat(failure.getCause()).isInstanceOf(ModelNotFoundException.class);
        assertThat(failure.record().attempts()).isEqualTo(1);
        assertThat(pipeline.breaker().stats().failures()).isZero();
    }

    @Test
    void aStreamCutHalfwayIsAFailureTheBreakerCountsAndIsNotRetriedAfterText() {
        ProviderPipeline pipeline = pipeline(ProviderKind.OPENAI, QUICK_RETRIES);
        sim.faults("{\"faults\":{\"dropAfterTokens\":3}}");
        StringBuilder partial = new StringBuilder();

        CallFailedException failure = catchThrowableOfType(CallFailedException.class,
                () -> pipeline.call(request(ProviderKind.OPENAI), partial::append, new CancelSignal()));

        assertThat(failure.outputSeen()).isTrue();
        assertThat(partial).isNotEmpty();
        assertThat(failure.record().attempts()).as("a retry would duplicate the text already shown").isEqualTo(1);
        assertThat(pipeline.breaker().stats().failures()).isEqualTo(1);
    }

    @Test
    void theBreakerOpensUnderAStormAndThenRejectsWithoutSending() {
        BreakerSettings twoStrikes = new BreakerSettings(true, "count", 2, 2, 50, 60_000, 2, 30_000, 1, 1, false, true);
        ProviderPipeline pipeline = pipeline(ProviderKind.OLLAMA, new RetrySettings(1, 10, 10, 0, 1_000, false), twoStrikes,
                BulkheadSettings.DEFAULT, List.of());
        sim.faults("{\"faults\":{\"errorRate\":1,\"errorStatus\":[500]}}");

        catchThrowableOfType(CallFailedException.class, () -> send(pipeline, ProviderKind.OLLAMA));
        catchThrowableOfType(CallFailedException.class, () -> send(pipeline, ProviderKind.OLLAMA));
        CallFailedException rejected = catchThrowableOfType(CallFailedException.class, () -> send(pipeline, ProviderKind.OLLAMA));

        assertThat(rejected.getCause()).isInstanceOf(BreakerOpenException.class);
        assertThat(rejected.record().attempts()).as("nothing was sent").isZero();
        assertThat(rejected.record().breakerStateAtSend()).isEqualTo(BreakerState.OPEN);
        assertThat(pipeline.breaker().stats().recentTransitions()).singleElement()
                .satisfies(t -> assertThat(t.reason()).startsWith("sim-ollama: ").contains("HTTP 500"));
    }

    @Test
    void aFailureBeforeAnyOutputFallsBackToTheNextProviderAndSaysSo() {
        pipeline(ProviderKind.OLLAMA, QUICK_RETRIES);
        ProviderPipeline openai = pipeline(ProviderKind.OPENAI, new RetrySettings(1, 10, 10, 0, 1_000, false), LENIENT,
                BulkheadSettings.DEFAULT, List.of("sim-ollama"));
        sim.faults("{\"personas\":{\"openai\":{\"errorRate\":1,\"errorStatus\":[503]}}}");

        PipelineResult result = send(openai, ProviderKind.OPENAI);

        assertThat(result.record().fallbackProvider()).isEqualTo("sim-ollama");
        assertThat(result.record().attempts()).isEqualTo(2);
        assertThat(result.result().model()).isEqualTo(sim.config(ProviderKind.OLLAMA).defaultModel());
        assertThat(openai.stats().fallbacks()).isEqualTo(1);
    }

    @Test
    void aSlowFirstTokenTimesOutInItsPhaseIsRetriedAndCounts() {
        ProviderPipeline pipeline = pipeline(ProviderKind.OLLAMA, new RetrySettings(2, 10, 10, 0, 20_000, false));
        sim.faults("{\"faults\":{\"latency\":\"3s\"}}");

        CallFailedException failure = catchThrowableOfType(CallFailedException.class, () -> send(pipeline, ProviderKind.OLLAMA));

        assertThat(failure.getCause()).isInstanceOf(ProviderTimeoutException.class)
                .satisfies(e -> assertThat(((ProviderTimeoutException) e).phase()).isEqualTo(ProviderTimeoutException.Phase.FIRST_TOKEN));
        assertThat(failure.record().attempts()).isEqualTo(2);
        assertThat(pipeline.breaker().stats().failures()).isEqualTo(2);
    }

    @Test
    void aStallMidStreamTimesOutOnTheIdleGapAndKeepsThePartialText() {
        ProviderPipeline pipeline = pipeline(ProviderKind.GEMINI, QUICK_RETRIES);
        sim.faults("{\"faults\":{\"stallAfterTokens\":2,\"stall\":\"3s\"}}");
        StringBuilder partial = new StringBuilder();

        CallFailedException failure = catchThrowableOfType(CallFailedException.class,
                () -> pipeline.call(request(ProviderKind.GEMINI), partial::append, new CancelSignal()));

        assertThat(failure.getCause()).isInstanceOf(ProviderTimeoutException.class)
                .satisfies(e -> assertThat(((ProviderTimeoutException) e).phase()).isEqualTo(ProviderTimeoutException.Phase.IDLE));
        assertThat(failure.outputSeen()).isTrue();
        assertThat(partial).isNotEmpty();
        assertThat(failure.record().attempts()).isEqualTo(1);
    }

    @Test
    void afterAStormOfFaultsNoConnectionIsLeasedAndNoThreadIsLeft() throws Exception {
        ProviderPipeline pipeline = pipeline(ProviderKind.OPENAI, QUICK_RETRIES);
        sim.faults("{\"preset\":\"chaos\",\"seed\":11}");
        int platformThreadsBefore = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();

        List<CompletableFuture<Void>> storm = new java.util.ArrayList<>();
        try (var callers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 60; i++) {
                storm.add(CompletableFuture.runAsync(() -> {
                    try {
                        send(pipeline, ProviderKind.OPENAI);
                    } catch (CallFailedException expected) {
                        // chaos: many calls fail, which is the point
                    }
                }, callers));
            }
            CompletableFuture.allOf(storm.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }

        sim.faults("healthy");
        sim.assertNothingLeased();
        assertThat(pipeline.stats().calls()).isEqualTo(60);
        assertThat(pipeline.stats().inFlight()).isZero();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount() > platformThreadsBefore + 2
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount()).isLessThanOrEqualTo(platformThreadsBefore + 2);
    }

    @Test
    void theBulkheadRejectsACallBeyondItsSizeAtOnce() throws Exception {
        ProviderPipeline pipeline = pipeline(ProviderKind.GEMINI, QUICK_RETRIES, LENIENT, new BulkheadSettings(1, 0, 0), List.of());
        sim.faults("{\"faults\":{\"latency\":\"800ms\"}}");
        CompletableFuture<PipelineResult> first = CompletableFuture.supplyAsync(() -> send(pipeline, ProviderKind.GEMINI));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (pipeline.stats().inFlight() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        CallFailedException second = catchThrowableOfType(CallFailedException.class, () -> send(pipeline, ProviderKind.GEMINI));

        assertThat(second.getCause()).isInstanceOf(BulkheadFullException.class).hasMessageContaining("1 calls already in flight");
        assertThat(first.get(5, TimeUnit.SECONDS).record().attempts()).isEqualTo(1);
        assertThat(pipeline.stats().bulkheadRejected()).isEqualTo(1);
    }
}
