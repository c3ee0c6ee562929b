package dev.localagent.studio.service.resilience;

import java.time.Duration;
import java.time.Instant;

/**
 * One decision of the resilience layer, as it happened. Breaker transitions have their own
 * {@link BreakerTransition}.
 *
 * @param duration the wait or delay involved, or zero
 */
public record PipelineEvent(String provider, Instant at, Kind kind, Duration duration, String detail) {

    public enum Kind {
        RETRY_SCHEDULED,
        RATE_LIMIT_WAITED,
        REJECTED,
        PROVIDER_PAUSED,
        FALLBACK_TAKEN
    }
}
