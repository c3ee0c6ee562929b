package dev.localagent.studio.service.provider;

/**
 * The provider refused the call for now (429, Gemini RESOURCE_EXHAUSTED). Retryable after
 * {@link RateLimitInfo#retryAfter()}, unless the account's quota is used up.
 */
public final class RateLimitedException extends ProviderException {

    private final transient RateLimitInfo limits;

    public RateLimitedException(ErrorOrigin origin, RateLimitInfo limits) {
        super(origin, limits.quotaExhausted() ? "quota exhausted" : describe(limits), null);
        this.limits = limits;
    }

    private static String describe(RateLimitInfo limits) {
        return limits.retryAfter() == null ? "rate limited" : "rate limited, retry after " + limits.retryAfter().toMillis() + " ms";
    }

    public RateLimitInfo limits() {
        return limits;
    }

    @Override
    public boolean retryable() {
        return !limits.quotaExhausted();
    }
}
