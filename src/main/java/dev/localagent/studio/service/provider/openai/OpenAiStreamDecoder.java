package dev.localagent.studio.service.provider.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.service.provider.wire.ErrorFields;
import dev.localagent.studio.service.provider.wire.ReplyAccumulator;
import dev.localagent.studio.service.provider.wire.SseStreamDecoder;
import dev.localagent.studio.service.provider.wire.StreamErrors;
import dev.localagent.studio.service.provider.wire.WireJson;
import java.io.IOException;

/**
 * Reads an OpenAI chat stream: {@code data: {chunk}} events ending with {@code data: [DONE]}.
 * The usage chunk has empty {@code choices}; an error object can arrive after the 200; a stream
 * that closes before {@code [DONE]} is truncated. This is the hot path of every streamed token
 * (docs/PERFORMANCE.md): a plain token chunk is read by {@link OpenAiChunkScanner} in one pass over
 * its bytes; every other frame (usage, errors, anything unusual or malformed) by the generic reader
 * below, with Jackson's streaming parser, which is the reference for what a frame means.
 */
final class OpenAiStreamDecoder extends SseStreamDecoder {

    /** Null when the fast path is off: only tests and the before/after benchmark turn it off. */
    private final OpenAiChunkScanner scanner;
    private boolean done;

    OpenAiStreamDecoder(StreamErrors errors, ReplyAccumulator reply, int maxFrame) {
        this(errors, reply, maxFrame, true);
    }

    /** @param fastPath false to read every frame with the generic reader (the reference the fast path must equal) */
    OpenAiStreamDecoder(StreamErrors errors, ReplyAccumulator reply, int maxFrame, boolean fastPath) {
        super(errors, reply, maxFrame);
        this.scanner = fastPath ? new OpenAiChunkScanner() : null;
    }

    @Override
    protected void onEvent(String eventName, byte[] data, int offset, int length) {
        if (isDone(data, offset, length)) {
            done = true;
            return;
        }
        if (done) {
            return; // nothing after [DONE] belongs to this reply
        }
        if ("error".equals(eventName)) {
            throw errors.errorEvent(text(data, offset, length));
        }
        if (scanner != null && scanner.scan(data, offset, length)) {
            scanner.applyTo(data, reply);
            return;
        }
        try (JsonParser p = WireJson.MAPPER.createParser(data, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw errors.malformed(text(data, offset, length), null);
            }
            readChunk(p);
        } catch (IOException e) {
            throw errors.malformed(text(data, offset, length), e);
        }
    }

    private void readChunk(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "choices" -> {
                    if (value == JsonToken.START_ARRAY) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            readChoice(p);
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                case "model" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        reply.model(p.getText());
                    }
                }
                case "usage" -> {
                    if (value == JsonToken.START_OBJECT) {
                        reply.usage(OpenAiMapping.usage(p.readValueAs(OpenAiWire.UsageDto.class)));
                    }
                }
                case "error" -> {
                    if (value != JsonToken.VALUE_NULL) {
                        JsonNode error = p.readValueAsTree();
                        throw errors.inStream(ErrorFields.fromErrorValue(error));
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    /** One choice; only the first ({@code index} 0) is read, as n > 1 is never requested. */
    private void readChoice(JsonParser p) throws IOException {
        int index = 0;
        String content = null;
        FinishReason finish = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "index" -> index = value == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : 0;
                case "finish_reason" -> finish = value == JsonToken.VALUE_STRING ? OpenAiMapping.finishReason(p.getText()) : null;
                case "delta" -> content = WireJson.stringField(p, value, "content");
                default -> p.skipChildren();
            }
        }
        if (index == 0) {
            reply.text(content);
            reply.finishReason(finish);
        }
    }

    @Override
    protected void onEnd() {
        if (!done) {
            throw errors.truncated("data: [DONE]");
        }
    }
}
