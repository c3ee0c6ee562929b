package dev.localagent.studio.ui.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localagent.studio.service.http.ExchangeRecorder;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The inspector's text for one reply: per attempt, the request as sent (keys already redacted by
 * the recorder), the response status and headers, and the frame log. Pure; parses JSON, so call
 * it off the FX thread.
 */
final class InspectorText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InspectorText() {}

    static String of(List<ExchangeRecorder.Exchange> exchanges, boolean fromCache) {
        if (exchanges.isEmpty()) {
            return fromCache
                    ? "No request went out: this reply came from the response cache."
                    : "Nothing recorded for this reply. The inspector keeps the wire exchanges of the last "
                            + ReplyStream.INSPECTED_REPLIES + " replies streamed since the app started, in memory only.";
        }
        StringBuilder out = new StringBuilder();
        int attempt = 1;
        for (ExchangeRecorder.Exchange e : exchanges) {
            if (exchanges.size() > 1) {
                out.append("=== Attempt ").append(attempt++).append(" of ").append(exchanges.size()).append(" ===\n\n");
            }
            out.append("REQUEST\n").append(e.method()).append(' ').append(e.url()).append('\n');
            e.requestHeaders().forEach(h -> out.append(h.name()).append(": ").append(h.value()).append('\n'));
            out.append('\n').append(pretty(e.requestBody())).append("\n\n");
            out.append("RESPONSE\n");
            if (e.status() == 0) {
                out.append("(no response head)\n");
            } else {
                out.append("HTTP ").append(e.status()).append('\n');
                e.responseHeaders().forEach(h -> out.append(h.name()).append(": ").append(h.value()).append('\n'));
            }
            out.append('\n').append("FRAMES (").append(e.frames().size() + e.framesNotKept()).append(", ").append(e.bodyBytes())
                    .append(" bytes)\n");
            for (ExchangeRecorder.Frame f : e.frames()) {
                out.append(String.format(Locale.ROOT, "%+9.1f ms %6d B  %s%n", f.offsetNanos() / 1e6, f.bytes(), f.preview()));
            }
            if (e.framesNotKept() > 0) {
                out.append("\u2026 ").append(e.framesNotKept()).append(" more frames counted but not kept\n");
            }
            out.append("\nOutcome: ").append(e.outcome()).append("\n\n");
        }
        return out.toString().stripTrailing();
    }

    private static String pretty(String body) {
        if (body == null || body.isEmpty()) {
            return "(no body)";
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(body));
        } catch (IOException e) {
            return body;
        }
    }
}
