package dev.localagent.studio.sim;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * A reply decided before the first byte is sent: its text (already cut to the request's limit),
 * where each token ends in it, whether it was cut, and the hidden reasoning tokens a thinking
 * model spent. Token strings are cut out of the text only when a stream asks for them, because a
 * whole reply never needs them. Immutable.
 */
final class Reply {

    private final String text;
    private final int[] ends;
    private final boolean cut;
    private final int thoughtTokens;

    Reply(String text, int[] ends, boolean cut, int thoughtTokens) {
        this.text = text;
        this.ends = ends.clone();
        this.cut = cut;
        this.thoughtTokens = thoughtTokens;
    }

    /** The reply as at most {@code limit} tokens of {@code fullText}. */
    static Reply of(String fullText, int limit, int thoughtTokens) {
        int[] ends = SimTokenizer.ends(fullText, limit == Integer.MAX_VALUE ? Integer.MAX_VALUE : limit + 1);
        boolean cut = ends.length > limit;
        if (cut) {
            ends = Arrays.copyOf(ends, limit);
        }
        String text = ends.length == 0 ? "" : fullText.substring(0, ends[ends.length - 1]);
        return new Reply(text, ends, cut, thoughtTokens);
    }

    String text() {
        return text;
    }

    boolean cut() {
        return cut;
    }

    int thoughtTokens() {
        return thoughtTokens;
    }

    int completionTokens() {
        return ends.length;
    }

    /** The tokens in order; each is a piece of {@link #text()} and together they are all of it. */
    List<String> tokens() {
        return new AbstractList<>() {
            @Override
            public String get(int i) {
                return text.substring(i == 0 ? 0 : ends[i - 1], ends[i]);
            }

            @Override
            public int size() {
                return ends.length;
            }
        };
    }

    /** Where token {@code i} begins in {@link #text()}. */
    int tokenStart(int i) {
        return i == 0 ? 0 : ends[i - 1];
    }

    /** Where token {@code i} ends in {@link #text()} (exclusive). */
    int tokenEnd(int i) {
        return ends[i];
    }

    /** This reply with one enormous extra token of about {@code bytes} bytes (the oversized fault). */
    Reply padded(int bytes) {
        String unit = " lorem ipsum dolor sit amet";
        StringBuilder pad = new StringBuilder(text.length() + bytes + unit.length()).append(text);
        while (pad.length() < text.length() + bytes) {
            pad.append(unit);
        }
        int[] more = Arrays.copyOf(ends, ends.length + 1);
        more[ends.length] = pad.length();
        return new Reply(pad.toString(), more, cut, thoughtTokens);
    }
}
