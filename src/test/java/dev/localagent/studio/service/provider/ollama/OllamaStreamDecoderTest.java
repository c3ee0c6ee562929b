package dev.localagent.studio.service.provider.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.ServerTimings;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.provider.MalformedStreamException;
import dev.localagent.studio.service.provider.ModelNotFoundException;
import dev.localagent.studio.service.provider.TruncatedStreamException;
import dev.localagent.studio.service.provider.UnavailableException;
import dev.localagent.studio.service.provider.wire.SplitFeeding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ollama's NDJSON stream of PROTOCOLS.md §1.3, byte for byte, cut at every boundary. */
class OllamaStreamDecoderTest {

    static final String STREAM =
            "{\"model\":\"llama3.2\",\"created_at\":\"2025-10-26T17:21:21.196249Z\",\"message\":{\"role\":\"assistant\",\"content\":\"The\"},\"done\":false}\n"
            + "{\"model\":\"llama3.2\",\"created_at\":\"2025-10-26T17:21:21.296249-07:00\",\"message\":{\"role\":\"assistant\",\"content\":\" sky \u00e9\"},\"done\":false}\n"
            + "{\"model\":\"llama3.2\",\"created_at\":\"2025-10-26T17:21:22.1Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
            + "\"done\":true,\"done_reason\":\"stop\",\"total_duration\":4883583458,\"load_duration\":1334875,"
            + "\"prompt_eval_count\":26,\"prompt_eval_duration\":342546000,\"eval_count\":282,\"eval_duration\":4535599000}\n";

    private static List<SplitFeeding.Run> everyWay(String fixture) {
        return SplitFeeding.everyWay(fixture, (errors, reply) -> new OllamaStreamDecoder(errors, reply, 1 << 20));
    }

    @Test
    void readsContentThenTheFinalObjectWithNanosecondTimingsWhereverTheBytesAreCut() {
        for (SplitFeeding.Run run : everyWay(STREAM)) {
            assertThat(run.failure()).as(run.how()).isNull();
            assertThat(run.pieces()).as(run.how()).containsExactly("The", " sky é");
            assertThat(run.result().finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(run.result().usage()).isEqualTo(new Usage(26, 282, null, null, false));
            assertThat(run.result().serverTimings())
                    .isEqualTo(new ServerTimings(4883583458L, 1334875L, 342546000L, 26, 4535599000L, 282));
        }
    }

    @Test
    void keepsOmittedZeroMetricsAsUnknownAndReadsLength() {
        String stream = "{\"model\":\"m\",\"message\":{\"content\":\"x\"},\"done\":false}\n"
                + "{\"model\":\"m\",\"message\":{\"content\":\"\"},\"done\":true,\"done_reason\":\"length\",\"eval_count\":1,\"eval_duration\":5}";
        for (SplitFeeding.Run run : everyWay(stream)) {
            assertThat(run.failure()).as(run.how()).isNull();
            assertThat(run.result().finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(run.result().usage().promptTokens()).isNull();
            assertThat(run.result().serverTimings().loadNanos()).isNull();
        }
    }

    @Test
    void anErrorLineAppendedAfterThe200IsTypedFromItsWords() {
        String busy = STREAM.substring(0, STREAM.indexOf("{\"model\":\"llama3.2\",\"created_at\":\"2025-10-26T17:21:22"))
                + "{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}\n";
        for (SplitFeeding.Run run : everyWay(busy)) {
            assertThat(run.failure()).as(run.how()).isInstanceOfSatisfying(UnavailableException.class, e -> {
                assertThat(e.midStream()).isTrue();
                assertThat(e.getMessage()).isEqualTo("test-provider: unavailable or overloaded (HTTP 200, inside the stream): "
                        + "server busy, please try again. maximum pending requests exceeded");
            });
        }
        SplitFeeding.Run notFound = everyWay("{\"error\":\"model 'nope' not found\"}\n").getFirst();
        assertThat(notFound.failure()).isInstanceOf(ModelNotFoundException.class);
    }

    @Test
    void aStreamThatStopsBeforeDoneIsTruncated() {
        String cut = STREAM.substring(0, STREAM.lastIndexOf("{\"model\""));
        for (SplitFeeding.Run run : everyWay(cut)) {
            assertThat(run.failure()).as(run.how()).isInstanceOf(TruncatedStreamException.class);
        }
    }

    @Test
    void aHalfLineAtTheEndIsMalformedNotSilentlyDropped() {
        String cut = STREAM.substring(0, STREAM.length() - 20);
        assertThat(everyWay(cut).getFirst().failure()).isInstanceOf(MalformedStreamException.class);
    }
}
