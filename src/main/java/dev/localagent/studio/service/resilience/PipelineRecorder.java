package dev.localagent.studio.service.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts one pipeline's outcomes. Thread-safe; read through {@link ProviderPipeline#stats()}. */
final class PipelineRecorder {

    final LongAdder calls = new LongAdder();
    final LongAdder succeeded = new LongAdder();
    final LongAdder cacheHits = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder retryWaitNanos = new LongAdder();
    final LongAdder fallbacks = new LongAdder();
    private final Map<String, LongAdder> failuresByClass = new ConcurrentHashMap<>();

    void recordFailure(Throwable cause) {
        failed.increment();
        failuresByClass.computeIfAbsent(cause.getClass().getSimpleName(), k -> new LongAdder()).increment();
    }

    void recordRetry(Duration delay) {
        retries.increment();
        retryWaitNanos.add(delay.toNanos());
    }

    Map<String, Long> failuresByClass() {
        Map<String, Long> copy = new TreeMap<>();
        failuresByClass.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
