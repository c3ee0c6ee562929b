package dev.localagent.studio.service.provider;

/** The provider does not know the requested model, or the key may not use it. Not retryable. */
public final class ModelNotFoundException extends ProviderException {

    public ModelNotFoundException(ErrorOrigin origin) {
        this(origin, null);
    }

    public ModelNotFoundException(ErrorOrigin origin, Throwable cause) {
        super(origin, "model not found", cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
