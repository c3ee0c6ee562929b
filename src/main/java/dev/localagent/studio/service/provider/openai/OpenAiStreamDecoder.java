package dev.localagent.studio.service.provider.openai;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.localagent.studio.service.provider.wire.ErrorFields;
import dev.localagent.studio.service.provider.wire.ReplyAccumulator;
import dev.localagent.studio.service.provider.wire.SseEvent;
import dev.localagent.studio.service.provider.wire.SseStreamDecoder;
import dev.localagent.studio.service.provider.wire.StreamErrors;
import dev.localagent.studio.service.provider.wire.WireJson;
import java.io.IOException;

/**
 * Reads an OpenAI chat stream: {@code data: {chunk}} events ending with {@code data: [DONE]}.
 * The usage chunk has empty {@code choices}; an error object can arrive after the 200; a stream
 * that closes before {@code [DONE]} is truncated.
 */
final class OpenAiStreamDecoder extends SseStreamDecoder {

    private static final ObjectReader CHUNK = WireJson.reader(OpenAiWire.Completion.class);

    private boolean done;

    OpenAiStreamDecoder(StreamErrors errors, ReplyAccumulator reply, int maxFrame) {
        super(errors, reply, maxFrame);
    }

    @Override
    protected void onEvent(SseEvent event) {
        String data = event.data();
        if (data.equals("[DONE]")) {
            done = true;
            return;
        }
        if (done) {
            return; // nothing after [DONE] belongs to this reply
        }
        OpenAiWire.Completion chunk;
        try {
            chunk = CHUNK.readValue(data);
        } catch (IOException e) {
            throw errors.malformed(data, e);
        }
        if (chunk == null) {
            throw errors.malformed(data, null);
        }
        if (chunk.error() != null && !chunk.error().isNull()) {
            throw errors.inStream(ErrorFields.fromErrorValue(chunk.error()));
        }
        if (event.isError()) {
            throw errors.inStream(ErrorFields.message(data));
        }
        reply.model(chunk.model());
        if (chunk.choices() != null) {
            for (OpenAiWire.Choice choice : chunk.choices()) {
                if (choice.index() != null && choice.index() != 0) {
                    continue; // n > 1 is never requested; a server that sends more gets only the first read
                }
                if (choice.delta() != null) {
                    reply.text(choice.delta().content());
                }
                reply.finishReason(OpenAiMapping.finishReason(choice.finishReason()));
            }
        }
        reply.usage(OpenAiMapping.usage(chunk.usage()));
    }

    @Override
    protected void onEnd() {
        if (!done) {
            throw errors.truncated("data: [DONE]");
        }
    }
}
