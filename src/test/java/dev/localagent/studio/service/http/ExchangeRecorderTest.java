package dev.localagent.studio.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the inspector's recorder keeps, what it hides, and where it stops keeping. */
class ExchangeRecorderTest {

    private final AtomicLong nanos = new AtomicLong();
    private final RouteSettings route = RouteSettings.of(dev.localagent.studio.service.config.TimeoutSettings.DEFAULT,
            dev.localagent.studio.service.config.PoolSettings.DEFAULT);

    @Test
    void keysInTheUrlHeadersAndBodyAreRedacted() {
        ExchangeRecorder recorder = new ExchangeRecorder(100, 10_000, nanos::get);
        HttpCall call = HttpCall.postJson(URI.create("https://example.test/v1beta/models/m:streamGenerateContent?alt=sse&key=AIza-secret"),
                Map.of("x-goog-api-key", "AIza-secret", "X-Echo", "has AIza-secret inside"),
                "{\"contents\":\"AIza-secret\"}".getBytes(StandardCharsets.UTF_8), route);

        recorder.sending(call, "AIza-secret");
        recorder.responded(200, List.of(Map.entry("Content-Type", "text/event-stream"), Map.entry("Set-Cookie", "session=1")));
        recorder.received(bytes("data: {\"echo\":\"AIza-secret\"}\n\n"), 0, bytes("data: {\"echo\":\"AIza-secret\"}\n\n").length);
        recorder.ended("complete");

        String all = recorder.exchanges().toString();
        assertThat(all).doesNotContain("AIza-secret").contains("alt=sse&key=***").contains("x-goog-api-key, value=***")
                .contains("Set-Cookie, value=***");
    }

    @Test
    void framesAreSplitAcrossReadsTimedAndBounded() {
        ExchangeRecorder recorder = new ExchangeRecorder(3, 10_000, nanos::get);
        recorder.sending(HttpCall.get(URI.create("http://127.0.0.1:1/api/chat"), Map.of(), route), null);
        recorder.responded(200, List.of(Map.entry("Content-Type", "application/x-ndjson")));
        nanos.set(5_000_000);
        byte[] first = bytes("{\"a\":1}\n{\"b\"");
        recorder.received(first, 0, first.length);
        nanos.set(9_000_000);
        byte[] rest = bytes(":2}\n{\"c\":3}\n{\"d\":4}\n{\"e\":5}");
        recorder.received(rest, 0, rest.length);
        recorder.ended("complete");

        ExchangeRecorder.Exchange e = recorder.exchanges().getFirst();
        assertThat(e.frames()).extracting(ExchangeRecorder.Frame::preview).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
        assertThat(e.frames()).extracting(ExchangeRecorder.Frame::offsetNanos).containsExactly(5_000_000L, 9_000_000L, 9_000_000L);
        assertThat(e.framesNotKept()).isEqualTo(2); // {"d":4} and the unterminated {"e":5} at the end
        assertThat(e.bodyBytes()).isEqualTo(first.length + rest.length);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
