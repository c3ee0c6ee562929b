package dev.localagent.studio.service.provider;

/** The provider rejected the request as invalid (a parameter the model does not take, a malformed body). Not retryable. */
public final class BadRequestException extends ProviderException {

    public BadRequestException(ErrorOrigin origin) {
        this(origin, null);
    }

    public BadRequestException(ErrorOrigin origin, Throwable cause) {
        super(origin, "bad request", cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
