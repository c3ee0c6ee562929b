package dev.localagent.studio.service.provider.wire;

import dev.localagent.studio.service.provider.AuthenticationException;
import dev.localagent.studio.service.provider.BadRequestException;
import dev.localagent.studio.service.provider.ContextTooLongException;
import dev.localagent.studio.service.provider.ErrorOrigin;
import dev.localagent.studio.service.provider.ModelNotFoundException;
import dev.localagent.studio.service.provider.ProviderException;
import dev.localagent.studio.service.provider.RateLimitInfo;
import dev.localagent.studio.service.provider.RateLimitedException;
import dev.localagent.studio.service.provider.ServerErrorException;
import dev.localagent.studio.service.provider.UnavailableException;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Decides an error's type from its HTTP status and body, the same way for every provider. Inside a
 * stream the status is already 200, so the body's own code, type or status names the kind.
 */
public final class ErrorClassifier {

    private static final Pattern CONTEXT_TOO_LONG = Pattern.compile(
            "context[ _](length|window)|maximum context|exceed_context|too many tokens|prompt is too long|input token count",
            Pattern.CASE_INSENSITIVE);

    private ErrorClassifier() {}

    public static ProviderException classify(ErrorOrigin origin, ErrorFields fields, Function<String, String> headers, Clock clock) {
        ErrorFields f = fields == null ? ErrorFields.NONE : fields;
        int status = effectiveStatus(origin.httpStatus(), f);
        if (mentionsContextLength(f)) {
            return new ContextTooLongException(origin);
        }
        if ("invalid_model".equals(f.type()) || "model_not_found".equals(f.code())) {
            return new ModelNotFoundException(origin); // Perplexity answers an unknown model with 400 invalid_model
        }
        if ("API_KEY_INVALID".equals(f.reason()) || "PERMISSION_DENIED".equals(f.status()) || "UNAUTHENTICATED".equals(f.status())) {
            return new AuthenticationException(origin);
        }
        return switch (status) {
            case 401, 403 -> new AuthenticationException(origin);
            case 404 -> new ModelNotFoundException(origin);
            case 413 -> new ContextTooLongException(origin);
            case 429 -> rateLimited(origin, f, headers, clock);
            case 408, 409, 502, 503, 504 -> new UnavailableException(origin);
            default -> status >= 500 ? new ServerErrorException(origin) : new BadRequestException(origin);
        };
    }

    private static RateLimitedException rateLimited(ErrorOrigin origin, ErrorFields f, Function<String, String> headers, Clock clock) {
        RateLimitInfo limits = RateLimitHeaders.parse(headers, f.message(), clock);
        if (f.retryDelay() != null && limits.retryAfter() == null) {
            limits = limits.withRetryAfter(f.retryDelay());
        }
        boolean quota = "insufficient_quota".equals(f.code()) || "insufficient_quota".equals(f.type());
        return new RateLimitedException(origin, limits.withQuotaExhausted(quota));
    }

    private static boolean mentionsContextLength(ErrorFields f) {
        return matches(f.code()) || matches(f.type()) || matches(f.message());
    }

    private static boolean matches(String s) {
        return s != null && CONTEXT_TOO_LONG.matcher(s).find();
    }

    /**
     * The status that describes the error: the HTTP one before a stream started, otherwise what
     * the error frame itself says (Google and Perplexity put an HTTP code in {@code code},
     * OpenAI names a type, Ollama only has words).
     */
    static int effectiveStatus(int httpStatus, ErrorFields f) {
        if (httpStatus >= 400) {
            return httpStatus;
        }
        if (f.status() != null) {
            int fromRpc = rpcStatus(f.status());
            if (fromRpc > 0) {
                return fromRpc;
            }
        }
        if (f.code() != null && f.code().matches("[1-5]\\d\\d")) {
            return Integer.parseInt(f.code());
        }
        String words = (nonNull(f.type()) + " " + nonNull(f.code()) + " " + nonNull(f.message())).toLowerCase(Locale.ROOT);
        if (words.contains("rate_limit") || words.contains("rate limit") || words.contains("insufficient_quota")) {
            return 429;
        }
        if (words.contains("server busy") || words.contains("overloaded") || words.contains("unavailable")) {
            return 503;
        }
        if (words.contains("model_not_found") || words.contains("not_found") || words.contains("not found")) {
            return 404;
        }
        if (words.contains("invalid_api_key") || words.contains("authentication")) {
            return 401;
        }
        if (words.contains("invalid_request")) {
            return 400;
        }
        return 500;
    }

    private static int rpcStatus(String status) {
        return switch (status) {
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> 400;
            case "UNAUTHENTICATED" -> 401;
            case "PERMISSION_DENIED" -> 403;
            case "NOT_FOUND" -> 404;
            case "RESOURCE_EXHAUSTED" -> 429;
            case "INTERNAL", "UNKNOWN", "DATA_LOSS" -> 500;
            case "UNAVAILABLE" -> 503;
            case "DEADLINE_EXCEEDED" -> 504;
            default -> 0;
        };
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
