package dev.localagent.studio.service.bench;

import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.service.provider.CancelSignal;
import dev.localagent.studio.service.resilience.BreakerState;
import dev.localagent.studio.service.resilience.BreakerTransition;
import dev.localagent.studio.service.resilience.PipelineEvent;
import java.util.function.Consumer;

/**
 * What a run sends to: one provider behind its own resilience pipeline (fresh breaker, limiters
 * and cache, so one run does not inherit another's state), plus whatever it had to start (a
 * simulator). Implementations are thread-safe.
 */
public interface BenchTarget extends AutoCloseable {

    String providerId();

    /** The model requests name. */
    String model();

    /** Sends one request; provider failures come back as an outcome, never thrown. */
    RequestOutcome send(ChatRequest request, CancelSignal cancel);

    BreakerState breakerState();

    void onBreakerTransition(Consumer<BreakerTransition> listener);

    void onPipelineEvent(Consumer<PipelineEvent> listener);

    /** Stops what the target started; requests in flight fail. */
    @Override
    void close();

    /** Opens targets for a run: the app knows configs, keys and the simulator; the engine does not. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param cacheStrategy the cache for this target, applied to a fresh cache
         * @throws IllegalArgumentException for an unknown provider or bad fault preset (one line)
         */
        BenchTarget open(BenchSpec spec, dev.localagent.studio.model.CacheStrategy cacheStrategy) throws java.io.IOException;
    }
}
