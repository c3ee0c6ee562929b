package dev.localagent.studio.service.provider;

/** The provider is down, refusing connections, or overloaded (502, 503, Ollama's "server busy", Gemini UNAVAILABLE). Retryable. */
public final class UnavailableException extends ProviderException {

    public UnavailableException(ErrorOrigin origin) {
        this(origin, null);
    }

    public UnavailableException(ErrorOrigin origin, Throwable cause) {
        super(origin, "unavailable or overloaded", cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
