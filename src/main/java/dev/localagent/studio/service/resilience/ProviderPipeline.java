package dev.localagent.studio.service.resilience;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.service.cache.CacheHit;
import dev.localagent.studio.service.cache.CacheSavings;
import dev.localagent.studio.service.cache.ReplaySink;
import dev.localagent.studio.service.cache.StreamReplay;
import dev.localagent.studio.service.tokens.CostBreakdown;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.provider.CancelSignal;
import dev.localagent.studio.service.provider.CancelledException;
import dev.localagent.studio.service.provider.Health;
import dev.localagent.studio.service.provider.ModelInfo;
import dev.localagent.studio.service.provider.Provider;
import dev.localagent.studio.service.provider.ProviderException;
import dev.localagent.studio.service.provider.RateLimitInfo;
import dev.localagent.studio.service.provider.RateLimitedException;
import dev.localagent.studio.service.provider.StreamListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One provider's policy stack, outer to inner: fallback → retry → circuit breaker → request limit →
 * token limit → bulkhead → the provider's call (whose own phase deadlines are the timeouts). The
 * whole stream is consumed inside each attempt, so a stream that fails halfway is a failure the
 * breaker counts. Thread-safe; one instance per provider and settings.
 */
public final class ProviderPipeline {

    private final Provider provider;
    private final ProviderConfig config;
    private final Clock clock;
    private final TimeSource time;
    private final ReplyAccounting accounting;
    private final StreamReplay replay = new StreamReplay();
    private final Function<String, Optional<ProviderPipeline>> chain;
    private final ProviderBreaker breaker;
    private final RequestRateLimiter requestLimiter;
    private final TokenRateLimiter tokenLimiter;
    private final ProviderBulkhead bulkhead;
    private final Backoff backoff;
    private final PipelineRecorder recorder = new PipelineRecorder();
    private final List<Consumer<PipelineEvent>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param accounting budgets, the response cache, token estimates and cost ({@link ReplyAccounting#NONE} for none)
     * @param chain finds the pipeline of a provider named in this one's fallback list
     */
    public ProviderPipeline(Provider provider, ProviderConfig config, Clock clock, TimeSource time,
            ReplyAccounting accounting, Function<String, Optional<ProviderPipeline>> chain) {
        this.provider = provider;
        this.config = config;
        this.clock = clock;
        this.time = time;
        this.accounting = accounting;
        this.chain = chain;
        this.breaker = new ProviderBreaker(config.id(), config.breaker(), clock, time, 
                error -> FailureKinds.countsForBreaker(error, config.breaker().countRateLimits()), FailureKinds::backoffHint);
        this.requestLimiter = new RequestRateLimiter(config.id(), config.rateLimit(), time);
        this.tokenLimiter = new TokenRateLimiter(config.id(), config.rateLimit().tokensPerMinute(),
                config.rateLimit().blocking() ? Duration.ofMillis(config.rateLimit().maxWaitMs()) : Duration.ZERO, time);
        this.bulkhead = new ProviderBulkhead(config.id(), config.bulkhead());
        this.backoff = new Backoff(config.retry(), Math::random);
        provider.onRateLimitStatus(this::followAnnouncedLimits);
    }

    /**
     * A successful reply said the provider's budget is spent ({@code x-ratelimit-remaining-*: 0}):
     * pause until the reset it named, instead of sending calls it will refuse.
     */
    private void followAnnouncedLimits(RateLimitInfo limits) {
        if (limits.remainingRequests() != null && limits.remainingRequests() == 0 && limits.resetRequests() != null) {
            requestLimiter.pauseFor(limits.resetRequests());
            emit(PipelineEvent.Kind.PROVIDER_PAUSED, limits.resetRequests(), "the provider announced no requests left");
        }
        if (limits.remainingTokens() != null && limits.remainingTokens() == 0 && limits.resetTokens() != null) {
            tokenLimiter.pauseFor(limits.resetTokens());
            emit(PipelineEvent.Kind.PROVIDER_PAUSED, limits.resetTokens(), "the provider announced no tokens left");
        }
    }

    public String providerId() {
        return config.id();
    }

    public ProviderConfig config() {
        return config;
    }

    public ProviderBreaker breaker() {
        return breaker;
    }

    /** The provider's models; outside the policy stack like {@link #health()}. */
    public List<ModelInfo> listModels() {
        return provider.listModels();
    }

    /** Asks the provider whether it is up; outside the policy stack, so a probe never trips the breaker. */
    public Health health() {
        return provider.health();
    }

    public void onEvent(Consumer<PipelineEvent> listener) {
        listeners.add(listener);
    }

    /**
     * Sends a request through the stack, streaming text to the listener as it arrives.
     *
     * @throws CallFailedException when every attempt and fallback failed; it carries the record
     */
    public PipelineResult call(ChatRequest request, StreamListener listener, CancelSignal cancel) {
        return call(request, listener, cancel, null);
    }

    /**
     * The same, for a call that belongs to a stored conversation: its cost is recorded against it.
     *
     * @param conversationId the conversation's id, or null
     */
    public PipelineResult call(ChatRequest request, StreamListener listener, CancelSignal cancel, String conversationId) {
        CallState state = new CallState(breaker.state());
        recorder.calls.increment();
        try {
            accounting.admit(config);
            Optional<CacheHit> hit = accounting.cached(config, request);
            if (hit.isPresent()) {
                return served(hit.get(), request, listener, state);
            }
            ChatResult result = withRetries(request, listener, cancel, state);
            recorder.succeeded.increment();
            return new PipelineResult(result, state.record(null), accounting.settle(config, request, result, conversationId));
        } catch (RuntimeException primaryFailure) {
            Throwable cause = unwrap(primaryFailure);
            if (!state.outputSeen && FailureKinds.fallbackAllowed(cause)) {
                for (String next : config.fallback()) {
                    Optional<ProviderPipeline> other = chain.apply(next);
                    if (other.isEmpty() || cancel.isCancelled()) {
                        continue;
                    }
                    emit(PipelineEvent.Kind.FALLBACK_TAKEN, Duration.ZERO, "to " + next + " after " + cause.getMessage());
                    try {
                        ChatRequest moved = request.toBuilder().model(other.get().config().defaultModel()).build();
                        PipelineResult answered = other.get().call(moved, listener, cancel, conversationId);
                        recorder.succeeded.increment();
                        recorder.fallbacks.increment();
                        return new PipelineResult(answered.result(),
                                state.record(answered.record().fallbackProvider() != null ? answered.record().fallbackProvider() : next,
                                        answered.record()), answered.cost());
                    } catch (CallFailedException fallbackFailed) {
                        state.attempts += fallbackFailed.record().attempts();
                        if (fallbackFailed.outputSeen()) {
                            state.outputSeen = true;
                            cause = fallbackFailed.getCause();
                            break;
                        }
                    }
                }
            }
            recorder.recordFailure(cause);
            throw new CallFailedException(cause, state.record(null), state.outputSeen);
        }
    }

    /**
     * A cached reply skips the breaker and the limiters: it costs the provider nothing, and it is
     * still there while the provider is down. A streaming caller gets it as a stream.
     */
    private PipelineResult served(CacheHit hit, ChatRequest request, StreamListener listener, CallState state) {
        ChatResult[] done = new ChatResult[1];
        if (request.stream()) {
            replay.replay(hit, new ReplaySink() {
                @Override
                public void onCacheHit(CacheSavings saved) {}

                @Override
                public void onDelta(String text) {
                    state.outputSeen = true;
                    listener.onText(text);
                }

                @Override
                public void onComplete(ChatResult result) {
                    done[0] = result;
                }
            });
        } else {
            done[0] = hit.reply().toChatResult();
        }
        recorder.succeeded.increment();
        recorder.cacheHits.increment();
        CallRecord record = new CallRecord(0, List.of(), Duration.ZERO, state.breakerAtSend, null, true, hit.savings());
        return new PipelineResult(done[0], record, Optional.of(CostBreakdown.free("served from the response cache", false)));
    }

    private ChatResult withRetries(ChatRequest request, StreamListener listener, CancelSignal cancel, CallState state) {
        long deadline = time.nanoTime() + Duration.ofMillis(config.retry().maxTotalMs()).toNanos();
        RetryPolicy<ChatResult> retry = RetryPolicy.<ChatResult>builder()
                .handleIf((result, error) -> error != null && retryable(error, state, cancel, deadline))
                .withMaxAttempts(config.retry().maxAttempts())
                .withDelayFn(ctx -> nextDelay(ctx.getLastException(), ctx.getAttemptCount(), state))
                .onRetryScheduled(e -> retryScheduled(e.getDelay(), state))
                .build();
        try {
            return Failsafe.with(retry).get(() -> attempt(request, listener, cancel, state));
        } catch (FailsafeException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private boolean retryable(Throwable error, CallState state, CancelSignal cancel, long deadline) {
        if (!(error instanceof ProviderException p) || !p.retryable() || cancel.isCancelled()) {
            return false;
        }
        if (state.outputSeen && !config.retry().retryAfterPartialOutput()) {
            return false; // a retry would duplicate text the user already has, and its cost
        }
        Duration hinted = FailureKinds.backoffHint(error).orElse(Duration.ZERO);
        return time.nanoTime() + hinted.toNanos() < deadline;
    }

    /** Failsafe asks for a delay after every failure, the last one too; it is recorded only when a retry is scheduled. */
    private Duration nextDelay(Throwable error, int failedAttempts, CallState state) {
        Optional<Duration> hinted = FailureKinds.backoffHint(error);
        Duration delay = hinted.orElseGet(() -> backoff.delay(failedAttempts));
        state.nextRetryReason = hinted.isPresent()
                ? "the provider asked to wait " + delay.toMillis() + " ms"
                : "back-off " + delay.toMillis() + " ms after " + FailureKinds.describe(error);
        return delay;
    }

    private void retryScheduled(Duration delay, CallState state) {
        state.retryDelays.add(new RetryDelay(delay, state.nextRetryReason));
        recorder.recordRetry(delay);
        emit(PipelineEvent.Kind.RETRY_SCHEDULED, delay, state.nextRetryReason);
    }

    private ChatResult attempt(ChatRequest request, StreamListener listener, CancelSignal cancel, CallState state)
            throws InterruptedException {
        breaker.rejectIfOpen();
        Duration requestWait = requestLimiter.acquire();
        // Counting a prompt's tokens costs more than the rest of the stack together: only when a limit needs it.
        TokenRateLimiter.Reservation tokens = tokenLimiter.limited()
                ? tokenLimiter.reserve(accounting.estimateTokens(config, request))
                : TokenRateLimiter.Reservation.UNLIMITED;
        Duration waited = requestWait.plus(tokens.waited());
        if (!waited.isZero()) {
            state.rateLimitWait = state.rateLimitWait.plus(waited);
            emit(PipelineEvent.Kind.RATE_LIMIT_WAITED, waited, "waited for a client-side rate-limit permit");
        }
        bulkhead.acquire();
        ProviderBreaker.Permit permit;
        try {
            permit = breaker.acquire();
        } catch (BreakerOpenException e) {
            bulkhead.release();
            tokenLimiter.reconcile(tokens, 0);
            throw e;
        }
        state.attempts++;
        try {
            ChatResult result = request.stream()
                    ? provider.stream(request, text -> {
                        state.outputSeen = true;
                        listener.onText(text);
                    }, cancel)
                    : provider.chat(request);
            permit.succeeded();
            Integer used = result.usage().totalTokens();
            tokenLimiter.reconcile(tokens, used != null ? used : tokens.estimatedTokens());
            return result;
        } catch (ProviderException e) {
            if (e instanceof CancelledException) {
                permit.succeeded(); // the user stopped it: says nothing about the provider
            } else {
                permit.failed(e);
            }
            tokenLimiter.reconcile(tokens, state.outputSeen || e.midStream() ? tokens.estimatedTokens() : 0);
            followProviderLimits(e);
            throw e;
        } finally {
            bulkhead.release();
        }
    }

    /** A 429 names how long the provider wants quiet: every call of this provider waits, not just this one. */
    private void followProviderLimits(ProviderException e) {
        if (e instanceof RateLimitedException limited && !limited.limits().quotaExhausted()) {
            limited.limits().retryAfterIfKnown().ifPresent(pause -> {
                requestLimiter.pauseFor(pause);
                emit(PipelineEvent.Kind.PROVIDER_PAUSED, pause, "the provider answered 429");
            });
            Long remainingTokens = limited.limits().remainingTokens();
            if (remainingTokens != null && remainingTokens == 0 && limited.limits().resetTokens() != null) {
                tokenLimiter.pauseFor(limited.limits().resetTokens());
            }
        }
    }

    public PipelineStats stats() {
        return new PipelineStats(recorder.calls.sum(), recorder.succeeded.sum(), recorder.cacheHits.sum(), recorder.failed.sum(), recorder.failuresByClass(),
                recorder.retries.sum(), Duration.ofNanos(recorder.retryWaitNanos.sum()), recorder.fallbacks.sum(),
                bulkhead.inFlight(), bulkhead.queued(), bulkhead.rejected(), breaker.stats(), requestLimiter.stats(), tokenLimiter.stats());
    }

    private void emit(PipelineEvent.Kind kind, Duration duration, String detail) {
        if (!listeners.isEmpty()) {
            PipelineEvent event = new PipelineEvent(config.id(), clock.instant(), kind, duration, detail);
            listeners.forEach(l -> l.accept(event));
        }
    }

    private static Throwable unwrap(RuntimeException e) {
        return e instanceof FailsafeException && e.getCause() != null ? e.getCause() : e;
    }

    /** What one call has done so far; touched by one thread at a time (the caller's). */
    private static final class CallState {
        final BreakerState breakerAtSend;
        final List<RetryDelay> retryDelays = new ArrayList<>();
        Duration rateLimitWait = Duration.ZERO;
        int attempts;
        String nextRetryReason = "";
        volatile boolean outputSeen;

        CallState(BreakerState breakerAtSend) {
            this.breakerAtSend = breakerAtSend;
        }

        CallRecord record(String fallbackProvider) {
            return new CallRecord(attempts, retryDelays, rateLimitWait, breakerAtSend, fallbackProvider, false, null);
        }

        CallRecord record(String fallbackProvider, CallRecord fallback) {
            List<RetryDelay> delays = new ArrayList<>(retryDelays);
            delays.addAll(fallback.retryDelays());
            return new CallRecord(attempts + fallback.attempts(), delays, rateLimitWait.plus(fallback.rateLimitWait()),
                    breakerAtSend, fallbackProvider, fallback.cacheHit(), fallback.cacheSaved());
        }
    }
}
