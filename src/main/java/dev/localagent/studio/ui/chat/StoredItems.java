package dev.localagent.studio.ui.chat;

import dev.localagent.studio.service.store.StoredMessage;
import dev.localagent.studio.service.store.ThreadMessage;
import java.util.List;

/** Stored messages as the chat shows them: state, facts, error, remedy and place among their branches. */
final class StoredItems {

    private StoredItems() {}

    static ChatMessageItem shown(ThreadMessage t) {
        StoredMessage m = t.message();
        ChatMessageItem.State shownState = switch (m.state()) {
            case DONE -> ChatMessageItem.State.DONE;
            case STOPPED -> ChatMessageItem.State.STOPPED;
            case FAILED -> ChatMessageItem.State.FAILED;
            case STREAMING, INCOMPLETE -> ChatMessageItem.State.INCOMPLETE;
        };
        ChatMessageItem item = new ChatMessageItem(m.role(), m.providerId(), m.content(), shownState);
        item.storedId(m.id());
        item.branchProperty().set(t.branch());
        item.branchesProperty().set(t.branches());
        item.facts().setAll(m.facts());
        item.remedyProperty().set(shownState == ChatMessageItem.State.DONE ? ChatMessageItem.Remedy.NONE : ChatMessageItem.Remedy.RETRY);
        item.errorProperty().set(shownState == ChatMessageItem.State.INCOMPLETE
                ? "Incomplete: the app closed while this reply was streaming; the text is what had arrived."
                : m.error());
        return item;
    }

    /** Sets the "2/3" counters of the items on screen from the stored branch. FX thread. */
    static void showBranchCounts(List<ThreadMessage> thread, List<ChatMessageItem> items) {
        for (ChatMessageItem item : items) {
            thread.stream().filter(t -> t.message().id().equals(item.storedId())).findFirst().ifPresent(t -> {
                item.branchProperty().set(t.branch());
                item.branchesProperty().set(t.branches());
            });
        }
    }
}
