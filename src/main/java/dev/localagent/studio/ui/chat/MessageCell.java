package dev.localagent.studio.ui.chat;

import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** One row of the conversation: hosts the bubble (or compare pair) of whatever item the list gives it. */
final class MessageCell extends ListCell<ChatMessageItem> {
    private final ChatViewModel viewModel;
    private final StreamFollower follower;
    private final RecentBubbles recent;
    private ChatMessageItem shown;
    private int bubblesBuilt;

    MessageCell(ChatViewModel viewModel, StreamFollower follower, RecentBubbles recent) {
        this.viewModel = viewModel;
        this.follower = follower;
        this.recent = recent;
        setPrefWidth(0); // the list's width decides, so text wraps instead of scrolling sideways
        getStyleClass().add("message-cell");
        // A growing reply changes this row's height; the follower keeps its end in view.
        heightProperty().addListener((obs, old, now) -> {
            if (shown != null && getIndex() == getListView().getItems().size() - 1) {
                follower.grew();
            }
        });
    }

    @Override
    protected void updateItem(ChatMessageItem item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        if (empty || item == null) {
            letGo();
        } else if (item != shown) {
            letGo();
            shown = item;
            javafx.scene.Node bubble = recent.take(item);
            if (bubble == null) {
                bubblesBuilt++;
                bubble = bubble(item, viewModel);
            }
            setGraphic(bubble);
        }
    }

    /**
     * The bubble's height at the row's width. ListCell's skin asks a graphic for its height at no
     * width (-1), at which a bubble lays its text out unwrapped and answers a few lines' height;
     * the flow then sized the row by its minimum height, which for a code block's label is one
     * line: a multi-line code block was cut to its first line and "...".
     */
    @Override
    protected double computePrefHeight(double width) {
        javafx.scene.Node bubble = getGraphic();
        if (bubble == null || width < 0) {
            return super.computePrefHeight(width);
        }
        javafx.geometry.Insets insets = getInsets();
        return insets.getTop() + bubble.prefHeight(Math.max(0, width - insets.getLeft() - insets.getRight())) + insets.getBottom();
    }

    /** The bubble shown so far goes to the recent ones, for a row given the same message next. */
    private void letGo() {
        javafx.scene.Node old = getGraphic();
        ChatMessageItem was = shown;
        shown = null;
        setGraphic(null);
        recent.letGo(was, old);
    }

    /** How many bubbles this cell has built; for tests. */
    int bubblesBuilt() {
        return bubblesBuilt;
    }

    /** A message, or in compare mode the two replies side by side, each half the width. */
    private static javafx.scene.Node bubble(ChatMessageItem item, ChatViewModel viewModel) {
        if (item.companion() == null) {
            return new MessageBubble(item, viewModel);
        }
        MessageBubble left = new MessageBubble(item, viewModel);
        MessageBubble right = new MessageBubble(item.companion(), viewModel);
        for (MessageBubble b : new MessageBubble[] {left, right}) {
            HBox.setHgrow(b, Priority.ALWAYS);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setPrefWidth(0);
        }
        HBox pair = new HBox(12, left, right);
        pair.getStyleClass().add("compare-pair");
        return pair;
    }
}
