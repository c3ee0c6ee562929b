package dev.localagent.studio.service.config;

/**
 * How many calls one provider may have in flight, and how many more may queue for a slot.
 *
 * @param maxConcurrentCalls calls in flight at once
 * @param maxQueuedCalls calls waiting for a slot; one more is rejected at once
 * @param maxWaitMs the longest a queued call waits before it is rejected
 */
public record BulkheadSettings(int maxConcurrentCalls, int maxQueuedCalls, long maxWaitMs) {

    public static final BulkheadSettings DEFAULT = new BulkheadSettings(32, 64, 30_000);
}
