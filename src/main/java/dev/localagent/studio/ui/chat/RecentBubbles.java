package dev.localagent.studio.ui.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.Node;

/**
 * Bubbles that a row of the conversation let go of lately, kept for the next row given the same
 * message. The list measures a row it does not show (a new one, at the end) with a spare cell and
 * then shows it with another; without this each of those built the message's bubble, its controls
 * and its markdown again. Holds a few, the most recently let go. FX thread only.
 */
final class RecentBubbles {

    private static final int KEPT = 8;

    private final Map<ChatMessageItem, Node> kept = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ChatMessageItem, Node> eldest) {
            return size() > KEPT;
        }
    };

    /** A row no longer shows this message's bubble. */
    void letGo(ChatMessageItem item, Node bubble) {
        if (item != null && bubble != null && bubble.getParent() == null) {
            kept.remove(item); // re-inserted as the newest
            kept.put(item, bubble);
        }
    }

    /** The message's bubble if a row let go of it lately (it is then no longer kept), or null. */
    Node take(ChatMessageItem item) {
        Node bubble = kept.remove(item);
        return bubble != null && bubble.getParent() == null ? bubble : null;
    }
}
