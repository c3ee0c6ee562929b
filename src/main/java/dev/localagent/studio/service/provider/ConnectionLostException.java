package dev.localagent.studio.service.provider;

/** The connection broke before the reply was complete: reset, closed, or killed mid-stream. Retryable. */
public final class ConnectionLostException extends ProviderException {

    public ConnectionLostException(ErrorOrigin origin) {
        this(origin, null);
    }

    public ConnectionLostException(ErrorOrigin origin, Throwable cause) {
        super(origin, "connection lost", cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
