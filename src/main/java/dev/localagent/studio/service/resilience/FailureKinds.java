package dev.localagent.studio.service.resilience;

import dev.localagent.studio.service.provider.BadRequestException;
import dev.localagent.studio.service.provider.CancelledException;
import dev.localagent.studio.service.provider.ConnectionLostException;
import dev.localagent.studio.service.provider.MalformedStreamException;
import dev.localagent.studio.service.provider.ProviderException;
import dev.localagent.studio.service.provider.ProviderTimeoutException;
import dev.localagent.studio.service.provider.RateLimitedException;
import dev.localagent.studio.service.provider.ServerErrorException;
import dev.localagent.studio.service.provider.TruncatedStreamException;
import dev.localagent.studio.service.provider.UnavailableException;
import dev.localagent.studio.service.provider.UnexpectedContentException;
import java.time.Duration;
import java.util.Optional;

/**
 * Which failures say something about a provider's health, and what back-off it asked for. Kept in
 * one place so the breaker, the retry and the fallback agree.
 */
final class FailureKinds {

    private FailureKinds() {}

    /**
     * Server errors, overload, timeouts, lost connections and broken or truncated streams count; a
     * bad request, a bad key, an unknown model or a too-long context do not (the provider answered,
     * the request was wrong). A 429 counts only when the settings say so.
     */
    static boolean countsForBreaker(Throwable error, boolean countRateLimits) {
        return error instanceof ServerErrorException
                || error instanceof UnavailableException
                || error instanceof ProviderTimeoutException
                || error instanceof ConnectionLostException
                || error instanceof TruncatedStreamException
                || error instanceof MalformedStreamException
                || (error instanceof UnexpectedContentException u && u.httpStatus() >= 500)
                || (countRateLimits && error instanceof RateLimitedException);
    }

    /** How long the provider asked us to wait ({@code Retry-After}, {@code retry-after-ms}, Gemini's {@code RetryInfo}). */
    static Optional<Duration> backoffHint(Throwable error) {
        if (error instanceof RateLimitedException limited) {
            return limited.limits().retryAfterIfKnown();
        }
        return Optional.empty();
    }

    /** Another provider is worth trying unless the user stopped the call or the request itself is wrong. */
    static boolean fallbackAllowed(Throwable error) {
        return !(error instanceof CancelledException) && !(error instanceof BadRequestException);
    }

    static String describe(Throwable error) {
        if (error instanceof ProviderException p) {
            return p.errorClass() + (p.httpStatus() > 0 ? " (HTTP " + p.httpStatus() + ")" : "");
        }
        return error.getClass().getSimpleName();
    }
}
