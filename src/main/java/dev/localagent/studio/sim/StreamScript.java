package dev.localagent.studio.sim;

/**
 * How one persona frames one streamed reply, frame by frame. The {@link StreamPlayer} decides
 * when each frame goes out and which faults interrupt it; the script only knows the bytes. One
 * instance per request; it may keep state (Gemini's array separators).
 */
interface StreamScript {

    String contentType();

    /** Bytes before the first token (OpenAI's role chunk), or an empty array. */
    byte[] open();

    /** The frame carrying token number {@code index} (0-based). */
    byte[] token(int index, String text);

    /**
     * Appends the frame of token {@code index}, which is {@code text.substring(from, to)}, to
     * {@code into}; what {@link #token(int, String)} returns. Scripts on the hot path override this to
     * build the frame in place, without garbage.
     */
    default void token(int index, String text, int from, int to, FrameBuffer into) {
        into.append(token(index, text.substring(from, to)));
    }

    /** Everything after the last token: finish frame, usage, terminator or final object. */
    byte[] finish(Reply reply, StreamTimes times);

    /** Appends what {@link #finish(Reply, StreamTimes)} returns to {@code into}; overridden where that is cheaper than building it. */
    default void finish(Reply reply, StreamTimes times, FrameBuffer into) {
        into.append(finish(reply, times));
    }

    /** An error reported after the 200 went out, in the persona's mid-stream form. */
    byte[] error(int status);

    /** A frame a correct client cannot parse (the malformed-frame fault). */
    byte[] malformed();
}
