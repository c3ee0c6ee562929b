package dev.localagent.studio.service.provider;

/** The provider rejected or did not receive the API key (OpenAI 401, Gemini 400 API_KEY_INVALID, Perplexity's HTML 401). Not retryable. */
public final class AuthenticationException extends ProviderException {

    public AuthenticationException(ErrorOrigin origin) {
        this(origin, null);
    }

    public AuthenticationException(ErrorOrigin origin, Throwable cause) {
        super(origin, "authentication failed", cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
