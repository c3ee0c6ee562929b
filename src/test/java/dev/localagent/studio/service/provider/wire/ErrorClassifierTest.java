package dev.localagent.studio.service.provider.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.service.provider.AuthenticationException;
import dev.localagent.studio.service.provider.BadRequestException;
import dev.localagent.studio.service.provider.ContextTooLongException;
import dev.localagent.studio.service.provider.ErrorOrigin;
import dev.localagent.studio.service.provider.ModelNotFoundException;
import dev.localagent.studio.service.provider.ProviderException;
import dev.localagent.studio.service.provider.RateLimitedException;
import dev.localagent.studio.service.provider.ServerErrorException;
import dev.localagent.studio.service.provider.UnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each provider's error bodies of PROTOCOLS.md, before and inside a stream, land on the right type. */
class ErrorClassifierTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T01:00:00Z"), ZoneOffset.UTC);

    private static ProviderException classify(int status, String body, Map<String, String> headers) throws Exception {
        ErrorFields fields = ErrorFields.from(WireJson.tree(body));
        ErrorOrigin origin = new ErrorOrigin("p", status, fields.message(), status == 200);
        return ErrorClassifier.classify(origin, fields, name -> headers.get(name.toLowerCase(java.util.Locale.ROOT)), CLOCK);
    }

    private static ProviderException classify(int status, String body) throws Exception {
        return classify(status, body, Map.of());
    }

    @Test
    void openAiBodiesByStatusAndCode() throws Exception {
        assertThat(classify(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-ab***\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}"))
                .isInstanceOf(AuthenticationException.class);
        assertThat(classify(404, "{\"error\":{\"message\":\"The model `x` does not exist\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}"))
                .isInstanceOf(ModelNotFoundException.class);
        assertThat(classify(400, "{\"error\":{\"message\":\"Unsupported parameter: 'max_tokens'\",\"type\":\"invalid_request_error\",\"param\":\"max_tokens\",\"code\":\"unsupported_parameter\"}}"))
                .isInstanceOf(BadRequestException.class).extracting(ProviderException::retryable).isEqualTo(false);
        assertThat(classify(400, "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens.\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}"))
                .isInstanceOf(ContextTooLongException.class);
        assertThat(classify(500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"param\":null,\"code\":null}}"))
                .isInstanceOf(ServerErrorException.class);
        assertThat(classify(503, "{\"error\":{\"message\":\"Slow down\",\"type\":\"server_error\",\"param\":null,\"code\":null}}"))
                .isInstanceOf(UnavailableException.class);
    }

    @Test
    void openAiRateLimitReadsHeadersWithGoDurationsAndTellsQuotaApart() throws Exception {
        ProviderException e = classify(429,
                "{\"error\":{\"message\":\"Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000. Please try again in 644ms.\",\"type\":\"tokens\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
                Map.of("retry-after", "2", "x-ratelimit-limit-requests", "5000", "x-ratelimit-remaining-requests", "4999",
                        "x-ratelimit-reset-requests", "12ms", "x-ratelimit-limit-tokens", "160000", "x-ratelimit-remaining-tokens", "0",
                        "x-ratelimit-reset-tokens", "6m0s"));
        assertThat(e).isInstanceOfSatisfying(RateLimitedException.class, r -> {
            assertThat(r.retryable()).isTrue();
            assertThat(r.limits().retryAfter()).isEqualTo(Duration.ofSeconds(2));
            assertThat(r.limits().limitRequests()).isEqualTo(5000);
            assertThat(r.limits().resetRequests()).isEqualTo(Duration.ofMillis(12));
            assertThat(r.limits().remainingTokens()).isZero();
            assertThat(r.limits().resetTokens()).isEqualTo(Duration.ofMinutes(6));
        });
        ProviderException quota = classify(429,
                "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}");
        assertThat(quota).isInstanceOf(RateLimitedException.class).extracting(ProviderException::retryable).isEqualTo(false);
    }

    @Test
    void geminiBadKeyIs400ButAuthenticationAndRetryInfoGivesTheDelay() throws Exception {
        assertThat(classify(400, "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\",\"status\":\"INVALID_ARGUMENT\","
                + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\",\"domain\":\"googleapis.com\"}]}}"))
                .isInstanceOf(AuthenticationException.class);
        ProviderException limited = classify(429, "{\"error\":{\"code\":429,\"message\":\"Quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":["
                + "{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[]},"
                + "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"26s\"}]}}");
        assertThat(((RateLimitedException) limited).limits().retryAfter()).isEqualTo(Duration.ofSeconds(26));
        assertThat(classify(404, "{\"error\":{\"code\":404,\"message\":\"models/x is not found for API version v1beta\",\"status\":\"NOT_FOUND\"}}"))
                .isInstanceOf(ModelNotFoundException.class);
        assertThat(classify(503, "[{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}]"))
                .isInstanceOf(UnavailableException.class);
    }

    @Test
    void ollamaStringErrorsAndPerplexityIntegerCodes() throws Exception {
        assertThat(classify(404, "{\"error\":\"model 'llama9' not found\"}")).isInstanceOf(ModelNotFoundException.class);
        assertThat(classify(503, "{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}"))
                .isInstanceOf(UnavailableException.class).extracting(ProviderException::retryable).isEqualTo(true);
        assertThat(classify(400, "{\"error\":{\"message\":\"Invalid model 'x'. Permitted models can be found in the documentation\",\"type\":\"invalid_model\",\"code\":400}}"))
                .isInstanceOf(ModelNotFoundException.class);
        assertThat(classify(200, "{\"error\":{\"message\":\"internal\",\"type\":\"server_error\",\"code\":500}}"))
                .isInstanceOf(ServerErrorException.class);
    }

    @Test
    void vllmFlatErrorShapeIsRead() throws Exception {
        ProviderException e = classify(400, "{\"object\":\"error\",\"message\":\"bad temperature\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}");
        assertThat(e).isInstanceOf(BadRequestException.class);
        assertThat(e.providerMessage()).isEqualTo("bad temperature");
    }

    @Test
    void retryAfterAsAnHttpDateIsMeasuredAgainstTheClock() {
        Duration wait = RateLimitHeaders.retryAfter(name -> name.equals("retry-after") ? "Sun, 29 Nov 2026 01:00:30 GMT" : null, CLOCK);
        assertThat(wait).isEqualTo(Duration.ofSeconds(30));
        Duration ms = RateLimitHeaders.retryAfter(name -> name.equals("retry-after-ms") ? "1500" : "9", CLOCK);
        assertThat(ms).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void goAndProtobufDurationStrings() {
        assertThat(GoDuration.parse("12ms")).isEqualTo(Duration.ofMillis(12));
        assertThat(GoDuration.parse("6m0s")).isEqualTo(Duration.ofMinutes(6));
        assertThat(GoDuration.parse("1h2m3.5s")).isEqualTo(Duration.ofMillis(3_723_500));
        assertThat(GoDuration.parse("1.500s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(GoDuration.parse("soon")).isNull();
        assertThat(GoDuration.parse("5 s")).isNull();
    }
}
