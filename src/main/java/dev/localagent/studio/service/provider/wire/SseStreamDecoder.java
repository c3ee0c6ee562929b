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

    protected SseStreamDecoder(StreamErrors errors, ReplyAccumulator reply, int maxFrame) {
        this.errors = errors;
        this.reply = reply;
        this.maxFrame = maxFrame;
        this.lines = new LineDecoder(maxFrame);
        this.events = new SseParser(maxFrame);
    }

    @Override
    public final void feed(byte[] bytes, int offset, int count) {
        try {
            lines.feed(bytes, offset, count, line -> events.line(line, this::onEvent));
        } catch (LineDecoder.LineTooLongException e) {
            throw errors.frameTooLarge(maxFrame, e);
        }
    }

    @Override
    public final void finish() {
        try {
            lines.finish(line -> events.line(line, this::onEvent));
            events.finish(this::onEvent);
        } catch (LineDecoder.LineTooLongException e) {
            throw errors.frameTooLarge(maxFrame, e);
        }
        onEnd();
    }

    @Override
    public int bufferedBytes() {
        return lines.bufferedBytes() + events.bufferedChars();
    }

    /** One event; throws a {@code ProviderException} for an error frame or a malformed one. */
    protected abstract void onEvent(SseEvent event);

    /** The body ended: throws {@code TruncatedStreamException} unless the protocol's end was seen. */
    protected abstract void onEnd();
}
