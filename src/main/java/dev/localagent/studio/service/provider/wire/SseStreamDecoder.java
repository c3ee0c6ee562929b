package dev.localagent.studio.service.provider.wire;

/**
 * The common part of the SSE-speaking decoders (OpenAI, Gemini, Perplexity): bytes to lines to
 * events, frames bounded in size; each vendor reads the events.
 */
public abstract class SseStreamDecoder implements StreamDecoder {

    /** One frame's bound: far above any real chunk, so only a broken or hostile stream reaches it. */
    public static final int DEFAULT_MAX_FRAME = 1024 * 1024;

    protected final StreamErrors errors;
    protected final ReplyAccumulator reply;
    private final int maxFrame;
    private final LineDecoder lines;
    private final SseParser events;
    private final SseParser.RawEventSink eventSink = this::onEvent;
    private final LineDecoder.RawLineSink lineSink;

    protected SseStreamDecoder(StreamErrors errors, ReplyAccumulator reply, int maxFrame) {
        this.errors = errors;
        this.reply = reply;
        this.maxFrame = maxFrame;
        this.lines = new LineDecoder(maxFrame);
        this.events = new SseParser(maxFrame);
        this.lineSink = (bytes, offset, length) -> events.line(bytes, offset, length, eventSink);
    }

    @Override
    public final void feed(byte[] bytes, int offset, int count) {
        try {
            lines.feed(bytes, offset, count, lineSink);
        } catch (LineDecoder.LineTooLongException e) {
            throw errors.frameTooLarge(maxFrame, e);
        }
    }

    @Override
    public final void finish() {
        try {
            lines.finish(lineSink);
            events.finish(eventSink);
        } catch (LineDecoder.LineTooLongException e) {
            throw errors.frameTooLarge(maxFrame, e);
        }
        onEnd();
    }

    @Override
    public int bufferedBytes() {
        return lines.bufferedBytes() + events.bufferedChars();
    }

    /**
     * One event, its data as a byte range valid only during the call; throws a
     * {@code ProviderException} for an error frame or a malformed one.
     */
    protected abstract void onEvent(String eventName, byte[] data, int offset, int length);

    /** The data as text, for error messages. */
    protected static String text(byte[] data, int offset, int length) {
        return new String(data, offset, length, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Whether the data is exactly {@code [DONE]}, OpenAI's and Perplexity's terminator. */
    protected static boolean isDone(byte[] data, int offset, int length) {
        return length == 6 && data[offset] == '[' && data[offset + 1] == 'D' && data[offset + 2] == 'O' && data[offset + 3] == 'N'
                && data[offset + 4] == 'E' && data[offset + 5] == ']';
    }

    /** The body ended: throws {@code TruncatedStreamException} unless the protocol's end was seen. */
    protected abstract void onEnd();
}
