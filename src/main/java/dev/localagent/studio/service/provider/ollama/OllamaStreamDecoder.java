package dev.localagent.studio.service.provider.ollama;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.studio.service.provider.wire.ErrorFields;
import dev.localagent.studio.service.provider.wire.LineDecoder;
import dev.localagent.studio.service.provider.wire.ReplyAccumulator;
import dev.localagent.studio.service.provider.wire.StreamDecoder;
import dev.localagent.studio.service.provider.wire.StreamErrors;
import dev.localagent.studio.service.provider.wire.WireJson;
import java.io.IOException;

/**
 * Reads Ollama's NDJSON stream: one JSON object per line, the last with {@code "done":true}. A
 * mid-stream failure is one appended {@code {"error":"..."}} line after a 200; a stream that
 * closes before {@code done} is truncated.
 */
final class OllamaStreamDecoder implements StreamDecoder {

    private final StreamErrors errors;
    private final ReplyAccumulator reply;
    private final int maxLine;
    private final LineDecoder lines;
    private final LineDecoder.RawLineSink lineSink = this::onLine;
    private boolean done;

    OllamaStreamDecoder(StreamErrors errors, ReplyAccumulator reply, int maxLine) {
        this.errors = errors;
        this.reply = reply;
        this.maxLine = maxLine;
        this.lines = new LineDecoder(maxLine);
    }

    @Override
    public void feed(byte[] bytes, int offset, int count) {
        try {
            lines.feed(bytes, offset, count, lineSink);
        } catch (LineDecoder.LineTooLongException e) {
            throw errors.frameTooLarge(maxLine, e);
        }
    }

    @Override
    public void finish() {
        try {
            lines.finish(lineSink);
        } catch (LineDecoder.LineTooLongException e) {
            throw errors.frameTooLarge(maxLine, e);
        }
        if (!done) {
            throw errors.truncated("a \"done\":true line");
        }
    }

    @Override
    public int bufferedBytes() {
        return lines.bufferedBytes();
    }

    private void onLine(byte[] bytes, int offset, int length) {
        if (done || isBlank(bytes, offset, length)) {
            return;
        }
        OllamaWire.ChatChunk chunk;
        try (JsonParser p = WireJson.MAPPER.createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw errors.malformed(text(bytes, offset, length), null);
            }
            chunk = readChunk(p);
        } catch (IOException e) {
            throw errors.malformed(text(bytes, offset, length), e);
        }
        done = OllamaMapping.read(chunk, reply);
    }

    /**
     * Reads one line with Jackson's streaming parser, skipping what a reply does not need: this is
     * the hot path of every streamed token (docs/PERFORMANCE.md). An {@code error} field ends the stream.
     */
    private OllamaWire.ChatChunk readChunk(JsonParser p) throws IOException {
        String model = null;
        String content = null;
        Boolean isDone = null;
        String doneReason = null;
        Long total = null;
        Long load = null;
        Integer promptCount = null;
        Long promptDuration = null;
        Integer evalCount = null;
        Long evalDuration = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "message" -> content = WireJson.stringField(p, value, "content");
                case "done" -> isDone = p.getValueAsBoolean();
                case "model" -> model = p.getValueAsString();
                case "done_reason" -> doneReason = p.getValueAsString();
                case "total_duration" -> total = p.getValueAsLong();
                case "load_duration" -> load = p.getValueAsLong();
                case "prompt_eval_count" -> promptCount = p.getValueAsInt();
                case "prompt_eval_duration" -> promptDuration = p.getValueAsLong();
                case "eval_count" -> evalCount = p.getValueAsInt();
                case "eval_duration" -> evalDuration = p.getValueAsLong();
                case "error" -> {
                    JsonNode error = p.readValueAsTree();
                    throw errors.inStream(ErrorFields.fromErrorValue(error));
                }
                default -> p.skipChildren();
            }
        }
        return new OllamaWire.ChatChunk(model, content == null ? null : new OllamaWire.Message("assistant", content), isDone, doneReason,
                total, load, promptCount, promptDuration, evalCount, evalDuration, null);
    }

    private static boolean isBlank(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8);
    }
}
