package dev.localagent.studio.service.resilience;

import java.time.Duration;

/**
 * An immutable snapshot of one limiter's statistics.
 *
 * @param admitted calls (or tokens, for a token limiter) let through
 * @param rejected calls turned away
 * @param waits calls that had to wait before being admitted
 * @param totalWait the sum of those waits
 * @param longestWait the longest of them
 * @param available permits in the bucket now (negative while callers are queued)
 * @param pausedFor how much longer the limiter is paused by a provider's back-off signal
 */
public record RateLimiterStats(
        long admitted, long rejected, long waits, Duration totalWait, Duration longestWait, double available, Duration pausedFor) {}
