package dev.localagent.studio.service.provider;

/**
 * Why a call to a provider failed, as a type. The message is one sentence naming the provider,
 * what went wrong, the HTTP status and the provider's own words; it never holds an API key.
 */
public abstract sealed class ProviderException extends RuntimeException
        permits AuthenticationException, RateLimitedException, ModelNotFoundException, BadRequestException,
                ContextTooLongException, ServerErrorException, UnavailableException, ProviderTimeoutException,
                ProtocolException, ConnectionLostException, CancelledException {

    private static final int MAX_QUOTED = 300;

    private final transient ErrorOrigin origin;

    protected ProviderException(ErrorOrigin origin, String what, Throwable cause) {
        super(compose(origin, what), cause);
        this.origin = origin;
    }

    private static String compose(ErrorOrigin origin, String what) {
        StringBuilder s = new StringBuilder(origin.providerId()).append(": ").append(what);
        if (origin.httpStatus() > 0) {
            s.append(" (HTTP ").append(origin.httpStatus()).append(origin.midStream() ? ", inside the stream" : "").append(')');
        } else if (origin.midStream()) {
            s.append(" (inside the stream)");
        }
        String quoted = origin.providerMessage();
        if (quoted != null && !quoted.isBlank()) {
            String oneLine = quoted.replaceAll("\\s+", " ").strip();
            if (oneLine.length() > MAX_QUOTED) {
                oneLine = oneLine.substring(0, MAX_QUOTED) + "…";
            }
            s.append(": ").append(oneLine);
        }
        return s.toString();
    }

    public String providerId() {
        return origin.providerId();
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int httpStatus() {
        return origin.httpStatus();
    }

    /** The provider's own message, or null. */
    public String providerMessage() {
        return origin.providerMessage();
    }

    /** True when the error arrived inside a stream whose headers said 200. */
    public boolean midStream() {
        return origin.midStream();
    }

    public ErrorOrigin origin() {
        return origin;
    }

    /** Whether the same request might succeed if sent again later. */
    public abstract boolean retryable();

    /** The short class name a one-line report shows, e.g. {@code RateLimitedException}. */
    public String errorClass() {
        return getClass().getSimpleName();
    }
}
