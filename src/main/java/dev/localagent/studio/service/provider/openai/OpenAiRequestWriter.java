package dev.localagent.studio.service.provider.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.localagent.studio.model.ChatMessage;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.service.provider.wire.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Writes a chat-completions request body with the streaming generator, field by field.
 *
 * <p>Serialising {@link OpenAiWire.ChatCompletionRequest} through the object mapper reads every
 * record component reflectively, and that showed as several per cent of the client's CPU per
 * request under benchmark load. The record stays the description of the wire shape: a property
 * test requires this writer's bytes to equal the mapper's for the record built by
 * {@link OpenAiMapping#request}, field order and number format included.
 */
final class OpenAiRequestWriter {

    private OpenAiRequestWriter() {}

    static byte[] write(ChatRequest r, boolean streaming, boolean officialApi) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(256 + approximateLength(r));
                JsonGenerator g = WireJson.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("model", r.model());
            g.writeArrayFieldStart("messages");
            if (r.systemPrompt() != null && !r.systemPrompt().isEmpty()) {
                message(g, "system", r.systemPrompt());
            }
            for (ChatMessage m : r.messages()) {
                message(g, m.role().name().toLowerCase(Locale.ROOT), m.content());
            }
            g.writeEndArray();
            if (r.temperature() != null) {
                g.writeNumberField("temperature", r.temperature());
            }
            if (r.topP() != null) {
                g.writeNumberField("top_p", r.topP());
            }
            if (r.maxOutputTokens() != null) {
                // The official API takes the newer name; compatible servers still read the older one.
                g.writeNumberField(officialApi ? "max_completion_tokens" : "max_tokens", r.maxOutputTokens());
            }
            if (r.seed() != null) {
                g.writeNumberField("seed", r.seed());
            }
            if (!r.stop().isEmpty()) {
                g.writeArrayFieldStart("stop");
                for (String s : r.stop()) {
                    g.writeString(s);
                }
                g.writeEndArray();
            }
            g.writeBooleanField("stream", streaming);
            if (streaming) {
                g.writeObjectFieldStart("stream_options");
                g.writeBooleanField("include_usage", true);
                g.writeEndObject();
            }
            g.writeEndObject();
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a request to memory failed", e);
        }
    }

    private static void message(JsonGenerator g, String role, String content) throws IOException {
        g.writeStartObject();
        g.writeStringField("role", role);
        if (content != null) {
            g.writeStringField("content", content);
        }
        g.writeEndObject();
    }

    private static int approximateLength(ChatRequest r) {
        int n = r.systemPrompt() == null ? 0 : r.systemPrompt().length();
        for (ChatMessage m : r.messages()) {
            n += m.content() == null ? 8 : m.content().length() + 32;
        }
        return Math.min(n, 1 << 20);
    }
}
