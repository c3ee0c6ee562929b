package dev.localagent.studio.service.provider;

/** The caller stopped the call; its exchange was aborted and the connection discarded. Not retryable. */
public final class CancelledException extends ProviderException {

    public CancelledException(ErrorOrigin origin) {
        this(origin, null);
    }

    public CancelledException(ErrorOrigin origin, Throwable cause) {
        super(origin, "cancelled", cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
