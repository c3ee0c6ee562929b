package dev.localagent.studio.service.provider;

/** The provider failed internally (500, or a server_error inside a stream). Retryable. */
public final class ServerErrorException extends ProviderException {

    public ServerErrorException(ErrorOrigin origin) {
        this(origin, null);
    }

    public ServerErrorException(ErrorOrigin origin, Throwable cause) {
        super(origin, "server error", cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
