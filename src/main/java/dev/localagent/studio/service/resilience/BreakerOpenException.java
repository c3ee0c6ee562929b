package dev.localagent.studio.service.resilience;

import java.time.Duration;

/** A call was not sent because the provider's circuit breaker is open. Nothing was spent. */
public final class BreakerOpenException extends RuntimeException {

    private final String provider;
    private final BreakerState state;
    private final Duration retryIn;

    BreakerOpenException(String provider, BreakerState state, Duration retryIn) {
        super(provider + ": circuit breaker " + (state == BreakerState.FORCED_OPEN
                ? "forced open; reset it to send calls again"
                : "open after repeated failures; trial calls in " + Math.max(0, retryIn.toMillis()) + " ms"));
        this.provider = provider;
        this.state = state;
        this.retryIn = retryIn;
    }

    public String provider() {
        return provider;
    }

    public BreakerState state() {
        return state;
    }

    /** When trial calls will be let through again; zero when unknown (forced open). */
    public Duration retryIn() {
        return retryIn;
    }
}
