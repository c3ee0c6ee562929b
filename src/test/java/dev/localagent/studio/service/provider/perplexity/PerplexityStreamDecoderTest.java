package dev.localagent.studio.service.provider.perplexity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.provider.ServerErrorException;
import dev.localagent.studio.service.provider.TruncatedStreamException;
import dev.localagent.studio.service.provider.wire.SplitFeeding;
import dev.localagent.studio.service.provider.wire.SseStreamDecoder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Perplexity's stream of PROTOCOLS.md §5.3: deltas, then citations, usage and cost on the last chunk. */
class PerplexityStreamDecoderTest {

    static final String STREAM =
            "data: {\"id\":\"5f1c\",\"model\":\"sonar\",\"created\":1723902255,\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"finish_reason\":null,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"Around\"},\"delta\":{\"role\":\"assistant\",\"content\":\"Around\"}}]}\n\n"
            + "data: {\"id\":\"5f1c\",\"model\":\"sonar\",\"created\":1723902255,\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"finish_reason\":null,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"Around 100\u2013400 billion stars [1][2].\"},\"delta\":{\"role\":\"assistant\",\"content\":\" 100\u2013400 billion stars [1][2].\"}}]}\n\n"
            + "data: {\"id\":\"5f1c\",\"model\":\"sonar\",\"created\":1723902255,\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\","
            + "\"message\":{\"role\":\"assistant\",\"content\":\"Around 100\u2013400 billion stars [1][2].\"},\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}],"
            + "\"citations\":[\"https://a.example/x\",\"https://b.example/y\"],"
            + "\"search_results\":[{\"title\":\"A\",\"url\":\"https://a.example/x\",\"date\":\"2025-03-01\"}],"
            + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":402,\"total_tokens\":411,\"search_context_size\":\"low\",\"citation_tokens\":0,"
            + "\"num_search_queries\":1,\"reasoning_tokens\":0,\"cost\":{\"input_tokens_cost\":0.000009,\"output_tokens_cost\":0.000402,"
            + "\"request_cost\":0.005,\"total_cost\":0.005411}}}\n\n"
            + "data: [DONE]\n\n";

    private static List<SplitFeeding.Run> everyWay(String fixture) {
        return SplitFeeding.everyWay(fixture, (errors, reply) -> new PerplexityStreamDecoder(errors, reply, SseStreamDecoder.DEFAULT_MAX_FRAME));
    }

    @Test
    void accumulatesDeltasOnlyAndTakesCitationsUsageAndCostFromTheLastChunk() {
        for (SplitFeeding.Run run : everyWay(STREAM)) {
            assertThat(run.failure()).as(run.how()).isNull();
            assertThat(run.pieces()).as(run.how()).containsExactly("Around", " 100–400 billion stars [1][2].");
            assertThat(run.result().finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(run.result().citations()).containsExactly("https://a.example/x", "https://b.example/y");
            assertThat(run.result().usage()).isEqualTo(new Usage(9, 402, null, 0, false));
            assertThat(run.result().reportedCostUsd()).isEqualTo(0.005411);
        }
    }

    @Test
    void anErrorEventFailsTheStream() {
        String stream = STREAM.substring(0, STREAM.indexOf("data: ", 10))
                + "event: error\ndata: {\"error\":{\"message\":\"internal error\",\"type\":\"server_error\",\"code\":500}}\n\n";
        for (SplitFeeding.Run run : everyWay(stream)) {
            assertThat(run.failure()).as(run.how()).isInstanceOfSatisfying(ServerErrorException.class, e -> assertThat(e.midStream()).isTrue());
            assertThat(run.text()).isEqualTo("Around");
        }
    }

    @Test
    void aStreamWithoutDoneIsTruncated() {
        String cut = STREAM.substring(0, STREAM.indexOf("data: [DONE]"));
        assertThat(everyWay(cut).getFirst().failure()).isInstanceOf(TruncatedStreamException.class);
    }
}
