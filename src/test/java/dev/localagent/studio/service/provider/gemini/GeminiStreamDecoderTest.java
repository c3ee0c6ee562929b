package dev.localagent.studio.service.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.provider.RateLimitedException;
import dev.localagent.studio.service.provider.TruncatedStreamException;
import dev.localagent.studio.service.provider.UnavailableException;
import dev.localagent.studio.service.provider.wire.SplitFeeding;
import dev.localagent.studio.service.provider.wire.SseStreamDecoder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gemini's {@code alt=sse} stream of PROTOCOLS.md §4.3–4.4 (CRLF, no terminator), cut at every boundary. */
class GeminiStreamDecoderTest {

    static final String STREAM =
            "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Why did\"}]},\"index\":0}],"
            + "\"usageMetadata\":{\"promptTokenCount\":12,\"totalTokenCount\":12},\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"abc123\"}\r\n\r\n"
            + "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"thinking…\",\"thought\":true},{\"text\":\" the chicken\"}]},\"index\":0}],"
            + "\"usageMetadata\":{\"promptTokenCount\":12,\"candidatesTokenCount\":5,\"totalTokenCount\":17},\"modelVersion\":\"gemini-2.5-flash\"}\r\n\r\n"
            + "data: {\"candidates\":[{\"content\":{\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0,\"safetyRatings\":[]}],"
            + "\"usageMetadata\":{\"promptTokenCount\":12,\"candidatesTokenCount\":20,\"thoughtsTokenCount\":7,\"cachedContentTokenCount\":3,\"totalTokenCount\":39},"
            + "\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"abc123\"}\r\n\r\n";

    private static List<SplitFeeding.Run> everyWay(String fixture) {
        return SplitFeeding.everyWay(fixture, (errors, reply) -> new GeminiStreamDecoder(errors, reply, SseStreamDecoder.DEFAULT_MAX_FRAME));
    }

    @Test
    void readsPartsSkipsThoughtsAndTakesTheLastUsageWhereverTheBytesAreCut() {
        for (SplitFeeding.Run run : everyWay(STREAM)) {
            assertThat(run.failure()).as(run.how()).isNull();
            assertThat(run.pieces()).as(run.how()).containsExactly("Why did", " the chicken");
            assertThat(run.result().finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(run.result().usage()).isEqualTo(new Usage(12, 20, 3, 7, false));
            assertThat(run.result().model()).isEqualTo("gemini-2.5-flash");
        }
    }

    @Test
    void completesWhenTheConnectionClosesWithoutAnyTerminatorAfterTheFinishReason() {
        String noTrailingBlank = STREAM.substring(0, STREAM.length() - 4);
        for (SplitFeeding.Run run : everyWay(noTrailingBlank)) {
            assertThat(run.failure()).as(run.how()).isNull();
            assertThat(run.text()).isEqualTo("Why did the chicken");
        }
    }

    @Test
    void aStreamThatClosesBeforeAnyFinishReasonIsTruncated() {
        String cut = STREAM.substring(0, STREAM.lastIndexOf("data: "));
        for (SplitFeeding.Run run : everyWay(cut)) {
            assertThat(run.failure()).as(run.how()).isInstanceOf(TruncatedStreamException.class);
        }
    }

    @Test
    void aBlockedPromptIsA200WithNoCandidatesAndEndsAsContentFilter() {
        String blocked = "data: {\"promptFeedback\":{\"blockReason\":\"SAFETY\",\"safetyRatings\":[]},"
                + "\"usageMetadata\":{\"promptTokenCount\":8,\"totalTokenCount\":8}}\r\n\r\n";
        for (SplitFeeding.Run run : everyWay(blocked)) {
            assertThat(run.failure()).as(run.how()).isNull();
            assertThat(run.result().finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
            assertThat(run.result().text()).isEmpty();
        }
    }

    @Test
    void maxTokensMapsToLength() {
        String stream = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},\"finishReason\":\"MAX_TOKENS\"}]}\r\n\r\n";
        assertThat(everyWay(stream).getFirst().result().finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void anErrorEventAfterThe200IsTypedByItsRpcStatusWithTheRetryDelay() {
        String exhausted = STREAM.substring(0, STREAM.indexOf("data: ", 10))
                + "data: {\"error\":{\"code\":429,\"message\":\"Resource has been exhausted\",\"status\":\"RESOURCE_EXHAUSTED\","
                + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"26s\"}]}}\r\n\r\n";
        for (SplitFeeding.Run run : everyWay(exhausted)) {
            assertThat(run.failure()).as(run.how()).isInstanceOfSatisfying(RateLimitedException.class, e -> {
                assertThat(e.midStream()).isTrue();
                assertThat(e.limits().retryAfter()).isEqualTo(Duration.ofSeconds(26));
            });
        }
        String overloaded = "data: {\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again later.\",\"status\":\"UNAVAILABLE\"}}\r\n\r\n";
        assertThat(everyWay(overloaded).getFirst().failure()).isInstanceOf(UnavailableException.class);
    }
}
