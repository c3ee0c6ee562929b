package dev.localagent.studio.service.provider;

import java.time.Duration;

/** A phase of the call took longer than its configured timeout; the exchange was aborted. Retryable. */
public final class ProviderTimeoutException extends ProviderException {

    /** Which limit was hit. */
    public enum Phase {
        /** Opening the TCP (and TLS) connection. */
        CONNECT("connecting"),
        /** From sending the request to the first token. */
        FIRST_TOKEN("the first token"),
        /** The gap between two chunks of a streamed reply. */
        IDLE("the next chunk (idle gap)"),
        /** The whole call. */
        TOTAL("the whole reply (total time)");

        private final String waitingFor;

        Phase(String waitingFor) {
            this.waitingFor = waitingFor;
        }
    }

    private final Phase phase;
    private final Duration limit;

    public ProviderTimeoutException(ErrorOrigin origin, Phase phase, Duration limit, Throwable cause) {
        super(origin, "timed out after " + limit.toMillis() + " ms waiting for " + phase.waitingFor, cause);
        this.phase = phase;
        this.limit = limit;
    }

    public Phase phase() {
        return phase;
    }

    public Duration limit() {
        return limit;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
