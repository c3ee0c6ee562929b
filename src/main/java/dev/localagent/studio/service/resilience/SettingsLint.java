package dev.localagent.studio.service.resilience;

import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.service.config.BreakerSettings;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.config.RetrySettings;
import dev.localagent.studio.service.config.StudioConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Warns about resilience settings that are valid but will surprise: they load, and the user is
 * told why they may not do what was meant. Validation (ConfigValidator) rejects what cannot work;
 * this only advises.
 */
public final class SettingsLint {

    /** One piece of advice about one provider's settings. */
    public record Warning(String providerId, String field, String message) {
        @Override
        public String toString() {
            return providerId + " " + field + ": " + message;
        }
    }

    private SettingsLint() {}

    public static List<Warning> check(StudioConfig config) {
        List<Warning> warnings = new ArrayList<>();
        for (ProviderConfig p : config.providers()) {
            if (!p.enabled()) {
                continue;
            }
            BreakerSettings b = p.breaker();
            if (b.enabled() && b.mode().equals("count") && b.failureThreshold() == 1) {
                warnings.add(new Warning(p.id(), "breaker.failureThreshold",
                        "the breaker opens on a single failure; one dropped connection will block every call for "
                                + b.openDelayMs() / 1000 + " s"));
            }
            if (b.enabled() && b.mode().equals("time") && b.minimumCalls() < 3) {
                warnings.add(new Warning(p.id(), "breaker.minimumCalls",
                        "with fewer than 3 calls a failure rate means little; the breaker may open on the first error"));
            }
            double published = publishedRequestsPerSecond(p.kind());
            if (!p.simulator() && p.rateLimit().requestsPerSecond() > published) {
                warnings.add(new Warning(p.id(), "rateLimit.requestsPerSecond",
                        "is above what " + p.kind().displayName() + " allows on its common tiers (" + (long) published
                                + "/s); expect 429s instead of client-side waits"));
            }
            RetrySettings r = p.retry();
            long worstCaseBackoff = worstCaseBackoffMs(r);
            if (r.maxAttempts() > 1 && r.maxTotalMs() > p.timeouts().totalMs()) {
                warnings.add(new Warning(p.id(), "retry.maxTotalMs",
                        "the retry budget (" + r.maxTotalMs() + " ms) is longer than the total timeout (" + p.timeouts().totalMs()
                                + " ms) of one call"));
            }
            if (r.maxAttempts() > 1 && worstCaseBackoff > r.maxTotalMs()) {
                warnings.add(new Warning(p.id(), "retry.maxAttempts",
                        "the back-offs of " + (r.maxAttempts() - 1) + " retries add up to " + worstCaseBackoff
                                + " ms, more than retry.maxTotalMs; the last retries will never happen"));
            }
            if (r.retryAfterPartialOutput()) {
                warnings.add(new Warning(p.id(), "retry.retryAfterPartialOutput",
                        "a retry after text was shown repeats that text and pays for it twice"));
            }
        }
        return warnings;
    }

    /**
     * Roughly the highest per-key request rates the services publish for their top paid tiers
     * (2026; they change, and depend on model and account). A setting above these cannot be
     * honoured by any account, so the limiter would be doing nothing. Local Ollama has no limit.
     */
    private static double publishedRequestsPerSecond(ProviderKind kind) {
        return switch (kind) {
            case OPENAI -> 10_000 / 60.0;
            case GEMINI -> 2_000 / 60.0;
            case PERPLEXITY -> 1_000 / 60.0;
            case OLLAMA -> Double.MAX_VALUE;
        };
    }

    private static long worstCaseBackoffMs(RetrySettings r) {
        long total = 0;
        for (int retry = 1; retry < r.maxAttempts(); retry++) {
            total += (long) Math.min(r.initialDelayMs() * Math.pow(2, retry - 1), r.maxDelayMs());
        }
        return total;
    }
}
