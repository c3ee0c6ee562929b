package dev.localagent.studio.service.provider.perplexity;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.localagent.studio.service.provider.wire.ErrorFields;
import dev.localagent.studio.service.provider.wire.ReplyAccumulator;
import dev.localagent.studio.service.provider.wire.SseStreamDecoder;
import dev.localagent.studio.service.provider.wire.StreamErrors;
import dev.localagent.studio.service.provider.wire.WireJson;
import java.io.IOException;

/**
 * Reads a Perplexity stream: {@code data: {chunk}} events ending with {@code data: [DONE]};
 * citations, search results, usage and cost on the last chunks; {@code event: error} or an
 * {@code error} object for failures after the 200.
 */
final class PerplexityStreamDecoder extends SseStreamDecoder {

    private static final ObjectReader CHUNK = WireJson.reader(PerplexityWire.Completion.class);

    private boolean done;

    PerplexityStreamDecoder(StreamErrors errors, ReplyAccumulator reply, int maxFrame) {
        super(errors, reply, maxFrame);
    }

    @Override
    protected void onEvent(String eventName, byte[] bytes, int offset, int length) {
        if (isDone(bytes, offset, length)) {
            done = true;
            return;
        }
        if (done) {
            return;
        }
        if ("error".equals(eventName)) {
            throw errors.errorEvent(text(bytes, offset, length));
        }
        PerplexityWire.Completion chunk;
        try {
            chunk = CHUNK.readValue(bytes, offset, length);
        } catch (IOException e) {
            throw errors.malformed(text(bytes, offset, length), e);
        }
        if (chunk == null) {
            throw errors.malformed(text(bytes, offset, length), null);
        }
        if (chunk.error() != null && !chunk.error().isNull()) {
            throw errors.inStream(ErrorFields.fromErrorValue(chunk.error()));
        }
        if (chunk.choices() != null) {
            for (PerplexityWire.Choice choice : chunk.choices()) {
                if (choice.index() != null && choice.index() != 0) {
                    continue;
                }
                if (choice.delta() != null) {
                    reply.text(choice.delta().content());
                }
                reply.finishReason(PerplexityMapping.finishReason(choice.finishReason()));
            }
        }
        PerplexityMapping.metadata(chunk, reply);
    }

    @Override
    protected void onEnd() {
        if (!done) {
            throw errors.truncated("data: [DONE]");
        }
    }
}
