package dev.localagent.studio.service.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * Plays a cached reply to a streaming caller as a stream of deltas, so the chat view and the
 * benchmark take the same path for a hit as for a live reply. Deltas end after whitespace once
 * they hold about {@code chunkChars} characters, which reads like a model's word-sized tokens
 * without a delta per character. No pauses: a hit is meant to be fast.
 */
public final class StreamReplay {

    public static final int DEFAULT_CHUNK_CHARS = 16;

    private final int chunkChars;

    public StreamReplay(int chunkChars) {
        if (chunkChars < 1) {
            throw new IllegalArgumentException("chunkChars must be at least 1");
        }
        this.chunkChars = chunkChars;
    }

    public StreamReplay() {
        this(DEFAULT_CHUNK_CHARS);
    }

    public void replay(CacheHit hit, ReplaySink sink) {
        sink.onCacheHit(hit.savings());
        for (String delta : deltas(hit.reply().text())) {
            sink.onDelta(delta);
        }
        sink.onComplete(hit.reply().toChatResult());
    }

    /** The pieces a text is replayed in; they join back to exactly the text. */
    public List<String> deltas(String text) {
        List<String> pieces = new ArrayList<>(text.length() / chunkChars + 1);
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (i - start >= chunkChars && Character.isWhitespace(cp)) {
                pieces.add(text.substring(start, i));
                start = i;
            } else if (i - start >= chunkChars * 4) {
                // A long run with no whitespace (code, a URL) still streams in bounded pieces.
                pieces.add(text.substring(start, i));
                start = i;
            }
        }
        if (start < text.length()) {
            pieces.add(text.substring(start));
        }
        return pieces;
    }
}
