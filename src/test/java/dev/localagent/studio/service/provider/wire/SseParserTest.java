package dev.localagent.studio.service.provider.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private static List<SseEvent> parse(String stream) {
        List<SseEvent> events = new ArrayList<>();
        LineDecoder lines = new LineDecoder(4096);
        SseParser parser = new SseParser(4096);
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        lines.feed(bytes, 0, bytes.length, line -> parser.line(line, events::add));
        lines.finish(line -> parser.line(line, events::add));
        parser.finish(events::add);
        return events;
    }

    @Test
    void joinsMultiLineDataWithNewlines() {
        assertThat(parse("data: {\"a\":\ndata: 1}\n\n")).containsExactly(new SseEvent("message", "{\"a\":\n1}"));
    }

    @Test
    void skipsCommentsAndKeepAlivesAndBlankLinesWithoutData() {
        assertThat(parse(": keep-alive\n\n:\n\n\n\ndata: x\n\n: ping\n\n")).containsExactly(new SseEvent("message", "x"));
    }

    @Test
    void dropsOnlyOneSpaceAfterTheColonAndAcceptsNone() {
        assertThat(parse("data:x\n\ndata:  y\n\n")).containsExactly(new SseEvent("message", "x"), new SseEvent("message", " y"));
    }

    @Test
    void carriesTheEventNameOfPerplexityErrorsAndLlamaCppErrorField() {
        assertThat(parse("event: error\ndata: {\"m\":1}\n\nerror: {\"code\":500}\n\n"))
                .containsExactly(new SseEvent("error", "{\"m\":1}"), new SseEvent("error", "{\"code\":500}"));
    }

    @Test
    void handsOverAnEventTheServerClosedWithoutItsBlankLine() {
        assertThat(parse("data: {\"last\":true}\r\n")).containsExactly(new SseEvent("message", "{\"last\":true}"));
    }

    @Test
    void ignoresIdAndRetryFields() {
        assertThat(parse("id: 7\nretry: 100\ndata: z\n\n")).containsExactly(new SseEvent("message", "z"));
    }
}
