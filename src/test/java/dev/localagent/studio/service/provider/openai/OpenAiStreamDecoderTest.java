package dev.localagent.studio.service.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.provider.MalformedStreamException;
import dev.localagent.studio.service.provider.RateLimitedException;
import dev.localagent.studio.service.provider.ResponseTooLargeException;
import dev.localagent.studio.service.provider.ServerErrorException;
import dev.localagent.studio.service.provider.TruncatedStreamException;
import dev.localagent.studio.service.provider.wire.SplitFeeding;
import dev.localagent.studio.service.provider.wire.SseStreamDecoder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAI stream of PROTOCOLS.md §2.3, byte for byte, cut at every boundary. */
class OpenAiStreamDecoderTest {

    private static final String HEAD = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
            + "\"model\":\"gpt-4o-mini\",\"system_fingerprint\":\"fp_1\",";

    static final String STREAM = "data: " + HEAD
            + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"Xq3\"}\n\n"
            + "data: " + HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"
            + "data: " + HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo \\u00e9t\\u00e9 \u6771\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"
            + "data: " + HEAD + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}\n\n"
            + "data: " + HEAD + "\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":4},\"completion_tokens_details\":{\"reasoning_tokens\":1}}}\n\n"
            + "data: [DONE]\n\n";

    private static List<SplitFeeding.Run> everyWay(String fixture) {
        return SplitFeeding.everyWay(fixture, (errors, reply) -> new OpenAiStreamDecoder(errors, reply, SseStreamDecoder.DEFAULT_MAX_FRAME));
    }

    @Test
    void readsDeltasFinishReasonAndTheUsageChunkWithEmptyChoicesWhereverTheBytesAreCut() {
        for (SplitFeeding.Run run : everyWay(STREAM)) {
            assertThat(run.failure()).as(run.how()).isNull();
            assertThat(run.pieces()).as(run.how()).containsExactly("Hel", "lo été 東");
            assertThat(run.result().finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(run.result().usage()).isEqualTo(new Usage(12, 3, 4, 1, false));
            assertThat(run.result().model()).isEqualTo("gpt-4o-mini");
        }
    }

    @Test
    void readsTheSameStreamWithCrlfLineEndingsAndKeepAliveComments() {
        String crlf = ": keep-alive\r\n\r\n" + STREAM.replace("\n", "\r\n");
        for (SplitFeeding.Run run : everyWay(crlf)) {
            assertThat(run.failure()).as(run.how()).isNull();
            assertThat(run.text()).isEqualTo("Hello été 東");
        }
    }

    @Test
    void aStreamThatEndsBeforeDoneIsTruncated() {
        String cut = STREAM.substring(0, STREAM.indexOf("data: [DONE]"));
        for (SplitFeeding.Run run : everyWay(cut)) {
            assertThat(run.failure()).as(run.how()).isInstanceOf(TruncatedStreamException.class)
                    .hasMessageStartingWith("test-provider: truncated stream");
            assertThat(run.text()).isEqualTo("Hello été 東");
        }
    }

    @Test
    void anErrorObjectAfterThe200IsTypedByItsTypeAndMarkedMidStream() {
        String stream = "data: " + HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n"
                + "data: {\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n";
        for (SplitFeeding.Run run : everyWay(stream)) {
            assertThat(run.failure()).as(run.how()).isInstanceOfSatisfying(ServerErrorException.class, e -> {
                assertThat(e.midStream()).isTrue();
                assertThat(e.retryable()).isTrue();
                assertThat(e.providerMessage()).contains("The server had an error");
            });
            assertThat(run.text()).isEqualTo("Hi");
        }
    }

    @Test
    void aRateLimitErrorInsideTheStreamIsRateLimited() {
        String stream = "data: {\"error\":{\"message\":\"Rate limit reached. Please try again in 644ms.\",\"type\":\"tokens\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}\n\n";
        SplitFeeding.Run run = everyWay(stream).getFirst();
        assertThat(run.failure()).isInstanceOfSatisfying(RateLimitedException.class,
                e -> assertThat(e.limits().retryAfter()).hasMillis(644));
    }

    @Test
    void aFrameThatIsNotJsonIsMalformed() {
        String stream = "data: " + HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"}}]}\n\ndata: {\"choices\":[{\"delta\n\n";
        for (SplitFeeding.Run run : everyWay(stream)) {
            assertThat(run.failure()).as(run.how()).isInstanceOf(MalformedStreamException.class);
        }
    }

    @Test
    void aFrameLargerThanTheBoundEndsWithTooLarge() {
        String huge = "data: {\"x\":\"" + "a".repeat(5000) + "\"}\n\n";
        SplitFeeding.Run run = SplitFeeding.run("whole", huge.getBytes(java.nio.charset.StandardCharsets.UTF_8), new int[0],
                (errors, reply) -> new OpenAiStreamDecoder(errors, reply, 4096));
        assertThat(run.failure()).isInstanceOf(ResponseTooLargeException.class);
    }

    @Test
    void ignoresChoicesOtherThanTheFirstAndLengthFinish() {
        String stream = "data: {\"choices\":[{\"index\":1,\"delta\":{\"content\":\"other\"}},{\"index\":0,\"delta\":{\"content\":\"mine\"},\"finish_reason\":\"length\"}]}\n\ndata: [DONE]\n\n";
        SplitFeeding.Run run = everyWay(stream).getFirst();
        assertThat(run.text()).isEqualTo("mine");
        assertThat(run.result().finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(run.result().usage()).isEqualTo(Usage.UNKNOWN);
        assertThat(run.result().model()).isEqualTo("requested-model");
    }

    @Test
    void llamaCppErrorFieldAndPerplexityStyleErrorEventsAreTypedFromTheirBody() {
        String llama = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n"
                + "error: {\"code\":400,\"message\":\"the request exceeds the available context size\",\"type\":\"exceed_context_size_error\"}\n\n";
        assertThat(everyWay(llama).getFirst().failure()).isInstanceOf(dev.localagent.studio.service.provider.ContextTooLongException.class);
        String event = "event: error\ndata: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"code\":503}}\n\n";
        assertThat(everyWay(event).getFirst().failure()).isInstanceOf(dev.localagent.studio.service.provider.UnavailableException.class);
    }
}
