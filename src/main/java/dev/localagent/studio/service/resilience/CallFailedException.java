package dev.localagent.studio.service.resilience;

/**
 * A call that failed after everything the resilience layer tried. The cause is the last error
 * (a {@code ProviderException}, {@link BreakerOpenException}, {@link RateLimitRejectedException} or
 * {@link BulkheadFullException}); the message is the cause's one sentence.
 */
public final class CallFailedException extends RuntimeException {

    private final transient CallRecord record;
    private final boolean outputSeen;

    CallFailedException(Throwable cause, CallRecord record, boolean outputSeen) {
        super(cause.getMessage(), cause);
        this.record = record;
        this.outputSeen = outputSeen;
    }

    public CallRecord record() {
        return record;
    }

    /** Whether some text reached the listener before the failure (the partial reply is worth keeping). */
    public boolean outputSeen() {
        return outputSeen;
    }
}
