package dev.localagent.studio.service.http;

import java.util.concurrent.atomic.LongAdder;

/** The client's counters; {@link PooledHttpClient#snapshot()} reads them into an immutable snapshot. Thread-safe. */
final class HttpClientStats {

    final LongAdder requests = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();
    final LongAdder connectionsOpened = new LongAdder();
    final LongAdder cancelled = new LongAdder();

    void recordRequest(long bodyBytes) {
        requests.increment();
        bytesSent.add(bodyBytes);
    }

    void recordFailure() {
        failures.increment();
    }

    void recordReceived(long bytes) {
        bytesReceived.add(bytes);
    }

    void recordConnectionOpened() {
        connectionsOpened.increment();
    }

    void recordCancelled() {
        cancelled.increment();
    }
}
