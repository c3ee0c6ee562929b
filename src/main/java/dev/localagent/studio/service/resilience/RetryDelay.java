package dev.localagent.studio.service.resilience;

import java.time.Duration;

/** One wait before a retry, and why it was that long ({@code "retry-after 1200 ms"}, {@code "backoff after HTTP 503"}). */
public record RetryDelay(Duration delay, String reason) {}
