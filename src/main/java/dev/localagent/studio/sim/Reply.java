package dev.localagent.studio.sim;

import java.util.List;

/**
 * A reply decided before the first byte is sent: its tokens (already cut to the request's limit),
 * whether it was cut, and the hidden reasoning tokens a thinking model spent. Immutable.
 */
record Reply(List<String> tokens, boolean cut, int thoughtTokens) {

    Reply {
        tokens = List.copyOf(tokens);
    }

    String text() {
        return String.join("", tokens);
    }

    int completionTokens() {
        return tokens.size();
    }

    /** This reply with one enormous extra token of about {@code bytes} bytes (the oversized fault). */
    Reply padded(int bytes) {
        String unit = " lorem ipsum dolor sit amet";
        StringBuilder pad = new StringBuilder(bytes + unit.length());
        while (pad.length() < bytes) {
            pad.append(unit);
        }
        List<String> more = new java.util.ArrayList<>(tokens);
        more.add(pad.toString());
        return new Reply(more, cut, thoughtTokens);
    }
}
