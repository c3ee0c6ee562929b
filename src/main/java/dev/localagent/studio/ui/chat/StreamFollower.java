package dev.localagent.studio.ui.chat;

import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;

/**
 * Keeps the conversation scrolled to the bottom while a reply grows, until the user scrolls up to
 * read; scrolling back down to the bottom resumes following. The user's intent is read from their
 * input (wheel, scroll bar, keys), not from changes of the scroll value, which layout also makes.
 */
final class StreamFollower {

    private static final double AT_BOTTOM = 0.995;

    private final ScrollPane scroll;
    private boolean following = true;

    StreamFollower(ScrollPane scroll, Region content) {
        this.scroll = scroll;
        content.heightProperty().addListener((obs, old, now) -> {
            if (following) {
                scroll.setVvalue(scroll.getVmax());
                return;
            }
            // The scroll value is a fraction of the scrollable height: keep the pixel offset instead,
            // so the text the user is reading stays put while the reply grows below it.
            double viewport = scroll.getViewportBounds().getHeight();
            double before = old.doubleValue() - viewport;
            double after = now.doubleValue() - viewport;
            if (before > 0 && after > 0) {
                scroll.setVvalue(Math.min(scroll.getVmax(), scroll.getVvalue() * before / after));
            }
        });
        scroll.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) {
                following = false; // the wheel went up: the user is reading
            } else if (e.getDeltaY() < 0) {
                recheckAfterThisEvent(); // down: follow again if that reached the bottom
            }
        });
        // A scroll-bar drag or a key (Page Up, arrows) moves the view too: follow only if it ends at the bottom.
        scroll.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> recheckAfterThisEvent());
        scroll.addEventFilter(KeyEvent.KEY_RELEASED, e -> recheckAfterThisEvent());
    }

    /** Follows again from now (the user sent something, or opened a conversation). */
    void follow() {
        following = true;
        scroll.setVvalue(scroll.getVmax());
    }

    boolean following() {
        return following;
    }

    /** How far down the content the view starts, in pixels. */
    static double offset(ScrollPane scroll, Region content) {
        return scroll.getVvalue() * Math.max(0, content.getHeight() - scroll.getViewportBounds().getHeight());
    }

    /** The scroll pane moves in its own handler, after this filter: look once it has. */
    private void recheckAfterThisEvent() {
        javafx.application.Platform.runLater(() -> following = atBottom());
    }

    private boolean atBottom() {
        return scroll.getVvalue() >= scroll.getVmax() * AT_BOTTOM;
    }
}
