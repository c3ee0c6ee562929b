package dev.localagent.studio.ui.chat;

import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The inspector beside the chat: which reply is inspected and the text that shows its wire
 * exchange. The text is built on the background executor (it pretty-prints JSON). Testable without a window.
 */
public final class ReplyInspectorViewModel {

    private final Executor background;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<ChatMessageItem> inspected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");

    ReplyInspectorViewModel(Executor background, Executor fx) {
        this.background = background;
        this.fx = fx;
    }

    /** The reply shown in the inspector, or null when it is closed. */
    public ReadOnlyObjectProperty<ChatMessageItem> inspectedProperty() {
        return inspected.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Opens the inspector on a reply (the user's own messages have nothing to inspect). */
    public void inspect(ChatMessageItem reply) {
        if (reply == null || reply.recorder() == null && reply.role() == dev.localagent.studio.model.Role.USER) {
            return;
        }
        inspected.set(reply);
        refresh(reply);
    }

    public void close() {
        inspected.set(null);
        text.set("");
    }

    /** A reply ended; if it is the one inspected, its record is complete now. */
    void replyEnded(ChatMessageItem reply) {
        if (reply == inspected.get()) {
            refresh(reply);
        }
    }

    private void refresh(ChatMessageItem reply) {
        var recorder = reply.recorder();
        boolean fromCache = reply.facts().stream().anyMatch(f -> f.startsWith("CACHE HIT"));
        background.execute(() -> {
            String shown = InspectorText.of(recorder == null ? List.of() : recorder.exchanges(), fromCache);
            fx.execute(() -> {
                if (reply == inspected.get()) {
                    text.set(shown);
                }
            });
        });
    }
}
