package dev.localagent.studio.ui.chat;

import javafx.application.Platform;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * Keeps the conversation scrolled to the bottom while a reply grows, until the user scrolls up to
 * read; scrolling back down to the bottom resumes following. The user's intent is read from their
 * input (wheel, scroll bar, keys), not from changes of the scroll position, which layout also makes.
 * While not following, the list's flow keeps the rows in view where they are as the last one grows.
 */
final class StreamFollower {

    private final ListView<ChatMessageItem> list;
    private boolean following = true;
    private boolean scheduled;
    /** The last row grew in this pulse's layout; the end is brought into view after it. */
    private boolean grew;
    /** Layout pulses after a {@link #follow()} in which the end is checked again (see {@link #afterLayout}). */
    private int rechecks;
    private int inPlaceFollows;
    private int fullFollows;
    private final Runnable afterLayout = this::afterLayout;
    private VirtualFlow<?> flow;

    StreamFollower(ListView<ChatMessageItem> list) {
        this.list = list;
        list.sceneProperty().addListener((obs, old, now) -> {
            if (old != null) {
                old.removePostLayoutPulseListener(afterLayout);
            }
            if (now != null) {
                now.addPostLayoutPulseListener(afterLayout);
            }
        });
        if (list.getScene() != null) {
            list.getScene().addPostLayoutPulseListener(afterLayout);
        }
        list.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) {
                following = false; // the wheel went up: the user is reading
            } else if (e.getDeltaY() < 0) {
                recheckAfterThisEvent(); // down: follow again if that reached the bottom
            }
        });
        // A scroll-bar drag or a key (Page Up, arrows) moves the view too: follow only if it ends at the bottom.
        list.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> recheckAfterThisEvent());
        list.addEventFilter(KeyEvent.KEY_RELEASED, e -> recheckAfterThisEvent());
    }

    /** Follows again from now (the user sent something, or opened a conversation). */
    void follow() {
        flow(); // listening to its rows before they change (see onRowsAdded)
        following = true;
        rechecks = RECHECKS;
        toEnd();
    }

    /**
     * The full way can lay the list out before the pulse has styled new rows (asked for in the task
     * that shows the window, or that adds rows): their heights then change in the pulse and the view
     * ends a row short. The next few pulses check and go the full way again if so.
     */
    private static final int RECHECKS = 3;

    /** The last row grew (called while the list lays out): keep its end in view if following. */
    void grew() {
        if (following) {
            grew = true;
        }
    }

    /** How many times the end was kept in view within the pulse, without the full way; for tests. */
    int inPlaceFollows() {
        return inPlaceFollows;
    }

    /** How many times the full way (a list layout, then scrolling to the last row) ran; for tests. */
    int fullFollows() {
        return fullFollows;
    }

    /**
     * In the pulse in which the last row grew, after its layout and before it is painted. While the
     * row's end is in the flow's cells, moving to the end in place is enough
     * ({@link #toEndInPlace}); the full way ({@link #toEnd}) lays the list out again and scrolls to
     * the row first, which with a long reply cost a second layout of the whole row per batch.
     */
    private void afterLayout() {
        if (!grew) {
            if (rechecks > 0) {
                rechecks--;
                if (following && !atBottom()) {
                    toEnd();
                }
            }
            return;
        }
        grew = false;
        VirtualFlow<?> flow = flow();
        int last = list.getItems().size() - 1;
        if (!following || flow == null || last < 0) {
            return;
        }
        IndexedCell<?> cell = flow.getVisibleCell(last);
        if (cell == null) {
            toEnd();
            return;
        }
        double below = cell.getLayoutY() + cell.getHeight() - flow.getHeight();
        if (below > 0) {
            toEndInPlace(flow, below);
            inPlaceFollows++;
        }
        if (!atBottom()) {
            toEnd(); // e.g. the scroll bar appears only in the next layout, and until then the flow will not scroll
        }
    }

    /**
     * Brings the end of the last row, {@code below} pixels under the view, into view in this pulse.
     * The flow keeps its top row where it is when a row below it grows, so its position falls short
     * of the end; putting it back at the end and laying out again places the rows from the end up.
     * A pixel scroll would do the same but always places the row before the top one, even when that
     * row lies wholly above the view: it was taken back into the list's sheet in nearly every batch
     * (the flow's layout drops rows it did not place from the sheet), and a node put back in a scene
     * is restyled in full in the next pulse, which then paints the whole window.
     */
    private static void toEndInPlace(VirtualFlow<?> flow, double below) {
        if (flow.getPosition() < 1) {
            flow.setPosition(1);
            flow.layout();
        } else {
            flow.scrollPixels(below); // at the end by the flow's estimate already: only pixels can move it
        }
    }

    boolean following() {
        return following;
    }

    /** After the pulse's layout has sized the rows, so the end is the real end. */
    private void toEnd() {
        if (scheduled) {
            return;
        }
        scheduled = true;
        Platform.runLater(() -> {
            scheduled = false;
            int last = list.getItems().size() - 1;
            VirtualFlow<?> flow = flow();
            if (!following || last < 0 || flow == null) {
                return; // the user scrolled up since this was asked for
            }
            fullFollows++;
            list.layout(); // the flow learns of added rows in its layout; before it, it would not scroll to them
            flow.scrollTo(last);
            // A row taller than the view is shown from its top: move on to its end.
            IndexedCell<?> cell = flow.getVisibleCell(last);
            if (cell != null) {
                double below = cell.getLayoutY() + cell.getHeight() - flow.getHeight();
                if (below > 0) {
                    flow.scrollPixels(below);
                }
            }
        });
    }

    /**
     * The list's flow, looked up once per skin: a lookup walks the list's nodes (and allocated a
     * list per call, several times per batch).
     */
    private VirtualFlow<?> flow() {
        if (flow == null || flow.getParent() == null || flow.getScene() != list.getScene()) {
            if (flow != null) {
                flow.cellCountProperty().removeListener(onRowsAdded);
            }
            flow = list.lookup(".virtual-flow") instanceof VirtualFlow<?> f ? f : null;
            if (flow != null) {
                flow.cellCountProperty().addListener(onRowsAdded);
            }
        }
        return flow;
    }

    /**
     * Rows added while following: the flow goes on from its end. It learns of new rows in the list's
     * layout, and by itself keeps its top row where it was, the new rows below the view; the full way
     * ({@link #toEnd}) then laid it out a second time from the new row's top and scrolled, and the
     * pulse a third time. At position 1 it lays out once, from the last row up. Called inside that
     * layout, before the flow's own.
     */
    private final javafx.beans.value.ChangeListener<Number> onRowsAdded = (obs, old, now) -> {
        if (following && now.intValue() > old.intValue() && flow != null) {
            flow.setPosition(1);
        }
    };

    /** The list moves in its own handler, after this filter: look once it has. */
    private void recheckAfterThisEvent() {
        Platform.runLater(() -> following = atBottom());
    }

    boolean atBottom() {
        VirtualFlow<?> flow = flow();
        int last = list.getItems().size() - 1;
        if (flow == null || last < 0) {
            return true;
        }
        IndexedCell<?> cell = flow.getLastVisibleCell();
        return cell != null && cell.getIndex() == last && cell.getLayoutY() + cell.getHeight() <= flow.getHeight() + 2;
    }
}
