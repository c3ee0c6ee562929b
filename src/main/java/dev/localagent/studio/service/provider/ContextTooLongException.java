package dev.localagent.studio.service.provider;

/** The prompt and the requested output do not fit in the model's context window. Not retryable as is. */
public final class ContextTooLongException extends ProviderException {

    public ContextTooLongException(ErrorOrigin origin) {
        this(origin, null);
    }

    public ContextTooLongException(ErrorOrigin origin, Throwable cause) {
        super(origin, "context too long", cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
