package dev.localagent.studio.service.bench;

import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.model.ClientTimings;
import dev.localagent.studio.service.provider.CancelSignal;
import dev.localagent.studio.service.provider.ProviderException;
import dev.localagent.studio.service.resilience.BreakerState;
import dev.localagent.studio.service.resilience.BreakerTransition;
import dev.localagent.studio.service.resilience.CallFailedException;
import dev.localagent.studio.service.resilience.PipelineEvent;
import dev.localagent.studio.service.resilience.PipelineResult;
import dev.localagent.studio.service.resilience.ProviderPipeline;
import dev.localagent.studio.service.provider.StreamListener;
import dev.localagent.studio.service.tokens.CostBreakdown;
import java.math.BigDecimal;
import java.util.function.Consumer;
import java.util.function.ToIntBiFunction;

/**
 * A benchmark target over a {@link ProviderPipeline} built for the run: the full client stack
 * (pool, breaker, limiters, bulkhead, retries, cache) exactly as the chat uses it, fallbacks aside.
 * Thread-safe.
 */
public final class PipelineTarget implements BenchTarget {

    private final ProviderPipeline pipeline;
    private final String model;
    private final ToIntBiFunction<String, String> countTokens;
    private final AutoCloseable owned;

    /**
     * @param countTokens counts a reply's tokens (model, text) when the server reported none
     * @param owned closed with the target (the run's simulator), or null
     */
    public PipelineTarget(ProviderPipeline pipeline, String model, ToIntBiFunction<String, String> countTokens, AutoCloseable owned) {
        this.pipeline = pipeline;
        this.model = model;
        this.countTokens = countTokens;
        this.owned = owned;
    }

    @Override
    public String providerId() {
        return pipeline.providerId();
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public RequestOutcome send(ChatRequest request, CancelSignal cancel) {
        long start = System.nanoTime();
        try {
            PipelineResult answered = pipeline.call(request, StreamListener.IGNORE, cancel);
            return outcome(request, answered, System.nanoTime() - start);
        } catch (CallFailedException e) {
            Throwable cause = e.getCause();
            String errorClass = cause instanceof ProviderException p ? p.errorClass() : cause.getClass().getSimpleName();
            return RequestOutcome.failed(errorClass, System.nanoTime() - start, e.record().rateLimitWait().toNanos());
        } catch (RuntimeException e) {
            return RequestOutcome.failed(e.getClass().getSimpleName(), System.nanoTime() - start, 0);
        }
    }

    private RequestOutcome outcome(ChatRequest request, PipelineResult answered, long measuredNanos) {
        ChatResult r = answered.result();
        ClientTimings t = r.clientTimings();
        Integer reported = r.usage().completionTokens();
        boolean estimated = reported == null || r.usage().estimated();
        int tokens = reported != null ? reported : countTokens.applyAsInt(r.model() != null ? r.model() : request.model(), r.text());
        // The pipeline's own clock starts after the cache and the limiters; ours starts at the call,
        // so limiter waits and retries are inside the end-to-end figure, as the user feels them.
        long e2e = Math.max(measuredNanos, t.endToEndNanos());
        long ttft = t.timeToFirstTokenNanos() < 0 ? -1 : t.timeToFirstTokenNanos() + Math.max(0, measuredNanos - t.endToEndNanos());
        BigDecimal cost = answered.record().cacheHit() ? BigDecimal.ZERO : answered.cost().map(CostBreakdown::total).orElse(BigDecimal.ZERO);
        return new RequestOutcome(null, request.stream() ? ttft : -1, t.interTokenGapsNanos(), e2e, tokens, estimated,
                answered.record().cacheHit(), cost, answered.record().rateLimitWait().toNanos(), r.serverTimings());
    }

    @Override
    public BreakerState breakerState() {
        return pipeline.breaker().state();
    }

    @Override
    public void onBreakerTransition(Consumer<BreakerTransition> listener) {
        pipeline.breaker().onTransition(listener);
    }

    @Override
    public void onPipelineEvent(Consumer<PipelineEvent> listener) {
        pipeline.onEvent(listener);
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the run's simulator: " + e.getMessage(), e);
            }
        }
    }
}
