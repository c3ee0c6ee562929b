package dev.localagent.studio.ui.chat;

import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.ListViewSkin;
import javafx.scene.control.skin.VirtualFlow;

/** The conversation's list skin: its flow is a {@link ConversationFlow}. */
final class MessageListSkin extends ListViewSkin<ChatMessageItem> {

    MessageListSkin(ListView<ChatMessageItem> list) {
        super(list);
    }

    @Override
    protected VirtualFlow<ListCell<ChatMessageItem>> createVirtualFlow() {
        return new ConversationFlow();
    }

    /** Counts the rows restyled in full, so a test can see a growing row is not. */
    int fullRestyles() {
        return ((ConversationFlow) getVirtualFlow()).fullRestyles();
    }
}
