package dev.localagent.studio.service.provider;

/** The response grew past the configured size limit; reading stopped there, with memory bounded. Not retryable. */
public final class ResponseTooLargeException extends ProtocolException {

    private final long limitBytes;

    public ResponseTooLargeException(ErrorOrigin origin, long limitBytes, Throwable cause) {
        super(origin, "response larger than the limit of " + limitBytes + " bytes", cause);
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
