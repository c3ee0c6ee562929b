package dev.localagent.studio.service.resilience;

/** A call was not sent because the provider already has as many calls in flight and queued as allowed. */
public final class BulkheadFullException extends RuntimeException {

    BulkheadFullException(String provider, int inFlight, String why) {
        super(provider + ": " + inFlight + " calls already in flight; " + why);
    }
}
