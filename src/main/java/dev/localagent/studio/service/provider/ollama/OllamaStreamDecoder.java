package dev.localagent.studio.service.provider.ollama;

import com.fasterxml.jackson.databind.ObjectReader;
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

    private static final ObjectReader CHUNK = WireJson.reader(OllamaWire.ChatChunk.class);

    private final StreamErrors errors;
    private final ReplyAccumulator reply;
    private final int maxLine;
    private final LineDecoder lines;
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
            lines.feed(bytes, offset, count, this::onLine);
        } catch (LineDecoder.LineTooLongException e) {
            throw errors.frameTooLarge(maxLine, e);
        }
    }

    @Override
    public void finish() {
        try {
            lines.finish(this::onLine);
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

    private void onLine(String line) {
        if (line.isBlank() || done) {
            return;
        }
        OllamaWire.ChatChunk chunk;
        try {
            chunk = CHUNK.readValue(line);
        } catch (IOException e) {
            throw errors.malformed(line, e);
        }
        if (chunk == null) {
            throw errors.malformed(line, null);
        }
        if (chunk.error() != null && !chunk.error().isNull()) {
            throw errors.inStream(ErrorFields.fromErrorValue(chunk.error()));
        }
        done = OllamaMapping.read(chunk, reply);
    }
}
