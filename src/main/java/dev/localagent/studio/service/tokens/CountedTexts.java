package dev.localagent.studio.service.tokens;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Exact counts of the long texts a counter has encoded, per encoding. A conversation is counted
 * whole at every send (for admission) and for the live estimate while the user types; its finished
 * messages do not change, yet encoding the 200 messages of a long conversation took ~60 ms of CPU
 * each time, on the same two cores as the FX thread in the frames of the send. Keyed by the text's
 * value: a String keeps its hash, and the chat passes the same instances every time, so a known text
 * costs one lookup. Bounded by the characters it holds; when full it starts again, empty.
 * Thread-safe.
 */
final class CountedTexts {

    /** Shorter texts (roles, names, short questions) are encoded each time: cheaper than keeping them. */
    static final int SHORTEST = 256;

    private record Key(EncodingType encoding, String text) {}

    private final long maxChars;
    private final Map<Key, Integer> counts = new ConcurrentHashMap<>();
    private final AtomicLong chars = new AtomicLong();
    private final LongAdder encoded = new LongAdder();

    CountedTexts(long maxChars) {
        this.maxChars = maxChars;
    }

    int count(EncodingType type, Encoding encoding, String text) {
        if (text.length() < SHORTEST) {
            return encoding.countTokensOrdinary(text);
        }
        Key key = new Key(type, text);
        Integer known = counts.get(key);
        if (known != null) {
            return known;
        }
        int tokens = encoding.countTokensOrdinary(text);
        encoded.increment();
        if (chars.addAndGet(text.length()) > maxChars) {
            counts.clear();
            chars.set(text.length());
        }
        counts.put(key, tokens);
        return tokens;
    }

    /** How many long texts were encoded rather than found; for tests. */
    long encoded() {
        return encoded.sum();
    }
}
