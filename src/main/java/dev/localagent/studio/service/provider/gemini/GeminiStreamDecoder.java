package dev.localagent.studio.service.provider.gemini;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.localagent.studio.service.provider.wire.ErrorFields;
import dev.localagent.studio.service.provider.wire.ReplyAccumulator;
import dev.localagent.studio.service.provider.wire.SseStreamDecoder;
import dev.localagent.studio.service.provider.wire.StreamErrors;
import dev.localagent.studio.service.provider.wire.WireJson;
import java.io.IOException;

/**
 * Reads Gemini's {@code alt=sse} stream. There is no terminator: the connection just closes, so
 * the reply counts as complete only if a chunk carried a {@code finishReason} (or the prompt was
 * blocked). Frames are often CRLF-separated; an error object may arrive after the 200.
 */
final class GeminiStreamDecoder extends SseStreamDecoder {

    private static final ObjectReader CHUNK = WireJson.reader(GeminiWire.GenerateResponse.class);

    private boolean ended;

    GeminiStreamDecoder(StreamErrors errors, ReplyAccumulator reply, int maxFrame) {
        super(errors, reply, maxFrame);
    }

    @Override
    protected void onEvent(String eventName, byte[] data, int offset, int length) {
        GeminiWire.GenerateResponse chunk;
        try {
            chunk = CHUNK.readValue(data, offset, length);
        } catch (IOException e) {
            throw errors.malformed(text(data, offset, length), e);
        }
        if (chunk == null) {
            throw errors.malformed(text(data, offset, length), null);
        }
        if (chunk.error() != null && !chunk.error().isNull()) {
            throw errors.inStream(ErrorFields.fromErrorValue(chunk.error()));
        }
        ended |= GeminiMapping.read(chunk, reply);
    }

    @Override
    protected void onEnd() {
        if (!ended) {
            throw errors.truncated("a finishReason (Gemini sends no terminator)");
        }
    }
}
