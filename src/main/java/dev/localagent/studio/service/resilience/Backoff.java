package dev.localagent.studio.service.resilience;

import dev.localagent.studio.service.config.RetrySettings;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off with jitter: {@code initial × 2^(retry−1)}, capped at the maximum, then
 * spread by ± {@code jitterFactor}. A delay the provider named is used as it is, without jitter:
 * waiting less would be refused again, waiting more wastes the user's time.
 */
final class Backoff {

    private final long initialNanos;
    private final long maxNanos;
    private final double jitter;
    private final DoubleSupplier random;

    Backoff(RetrySettings settings, DoubleSupplier random) {
        this.initialNanos = Duration.ofMillis(settings.initialDelayMs()).toNanos();
        this.maxNanos = Duration.ofMillis(settings.maxDelayMs()).toNanos();
        this.jitter = settings.jitterFactor();
        this.random = random;
    }

    /** @param retry 1 for the first retry */
    Duration delay(int retry) {
        double exponential = initialNanos * Math.pow(2, Math.max(0, retry - 1));
        double capped = Math.min(exponential, maxNanos);
        double spread = capped * jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofNanos((long) Math.max(0, capped + spread));
    }
}
