package dev.localagent.studio.ui.chat;

import dev.localagent.studio.service.config.AtomicFileWriter;
import dev.localagent.studio.service.store.Conversation;
import dev.localagent.studio.service.store.ConversationArchive;
import dev.localagent.studio.service.store.ConversationStore;
import dev.localagent.studio.service.store.StoredMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored conversations beside the chat: search, open, rename, pin, delete, export and import.
 * It shares the "conversation on screen" with the chat and asks the chat to show one; it never
 * touches the messages itself. Store work runs on the background executor. Testable without a window.
 */
public final class ConversationListViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationListViewModel.class);

    private final ConversationStore store;
    private final Executor background;
    private final Executor fx;
    private final ObjectProperty<Conversation> current;
    private final Consumer<Conversation> show;
    private final Runnable startNew;
    private final BooleanSupplier busy;
    private final ObservableList<Conversation> conversations = FXCollections.observableArrayList();
    // Kept in a field: a wrapper made per call is only weakly reachable and would lose its listeners.
    private final ObservableList<Conversation> conversationsView = FXCollections.unmodifiableObservableList(conversations);
    private final StringProperty search = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper archiveMessage = new ReadOnlyStringWrapper("");

    /**
     * @param current the conversation on screen, shared with the chat
     * @param show loads a conversation onto the screen; called on the background thread
     * @param startNew clears the screen for a new conversation; called on the FX thread
     * @param busy true while a reply is on its way (no other conversation may be opened then)
     */
    ConversationListViewModel(ConversationStore store, Executor background, Executor fx, ObjectProperty<Conversation> current,
            Consumer<Conversation> show, Runnable startNew, BooleanSupplier busy) {
        this.store = store;
        this.background = background;
        this.fx = fx;
        this.current = current;
        this.show = show;
        this.startNew = startNew;
        this.busy = busy;
        search.addListener((obs, old, now) -> refresh());
    }

    /** Stored conversations, pinned first, filtered by {@link #searchProperty()}. */
    public ObservableList<Conversation> conversations() {
        return conversationsView;
    }

    /** Text to look for in titles and messages; empty lists every conversation. */
    public StringProperty searchProperty() {
        return search;
    }

    /** A short report of the last export or import, for the user; empty until there is one. */
    public ReadOnlyStringProperty archiveMessageProperty() {
        return archiveMessage.getReadOnlyProperty();
    }

    /** Lists the stored conversations and shows the most recent one: where the user left off. Background thread. */
    void reopenLatest() {
        try {
            List<Conversation> all = store.list();
            fx.execute(() -> conversations.setAll(all));
            if (!all.isEmpty()) {
                show.accept(all.getFirst());
            }
        } catch (SQLException e) {
            LOG.warn("Stored conversations could not be read: {}", e.getMessage());
        }
    }

    /** Shows a stored conversation (does nothing while a reply is on its way). */
    public void open(Conversation conversation) {
        if (busy.getAsBoolean() || conversation == null) {
            return;
        }
        background.execute(() -> show.accept(conversation));
    }

    /** Deletes a stored conversation and its messages; if it is on screen, starts a new one. */
    public void delete(Conversation conversation) {
        if (conversation.equals(current.get())) {
            startNew.run();
        }
        background.execute(() -> {
            try {
                store.delete(conversation.id());
            } catch (SQLException e) {
                LOG.warn("Conversation not deleted: {}", e.getMessage());
            }
            refresh();
        });
    }

    /** Renames a stored conversation; a blank title is ignored. */
    public void rename(Conversation conversation, String title) {
        String clean = title == null ? "" : title.strip();
        if (clean.isEmpty()) {
            return;
        }
        storeAndRefresh(conversation, () -> store.rename(conversation.id(), clean));
    }

    /** Pinned conversations stay at the top of the list. */
    public void pin(Conversation conversation, boolean pinned) {
        storeAndRefresh(conversation, () -> store.pin(conversation.id(), pinned));
    }

    /** Writes the branch on screen of a stored conversation to a file, as Markdown or as JSON that imports back. */
    public void export(Conversation conversation, Path file, boolean markdown) {
        background.execute(() -> {
            try {
                List<StoredMessage> stored = store.activeThread(conversation.id()).stream().map(t -> t.message()).toList();
                String text = markdown ? ConversationArchive.toMarkdown(conversation, stored) : ConversationArchive.toJson(conversation, stored);
                AtomicFileWriter.writeString(file, text);
                fx.execute(() -> archiveMessage.set("Exported \"" + conversation.title() + "\" to " + file.getFileName() + "."));
            } catch (IOException | SQLException e) {
                fx.execute(() -> archiveMessage.set("Could not export to " + file + ": " + e.getMessage()));
            }
        });
    }

    /** Reads a conversation file written by {@link #export} and opens it as a new conversation. */
    public void importFrom(Path file) {
        background.execute(() -> {
            try {
                Conversation imported = ConversationArchive.importJson(Files.readString(file), store);
                fx.execute(() -> archiveMessage.set("Imported \"" + imported.title() + "\"."));
                refresh();
                show.accept(imported);
            } catch (IOException | SQLException | IllegalArgumentException e) {
                fx.execute(() -> archiveMessage.set("Could not import " + file.getFileName() + ": " + e.getMessage()));
            }
        });
    }

    /** Reads the list again (after a send, a change, or a new search). */
    void refresh() {
        String text = search.get() == null ? "" : search.get().strip();
        background.execute(() -> {
            try {
                List<Conversation> found = text.isEmpty() ? store.list() : store.search(text);
                fx.execute(() -> conversations.setAll(found));
            } catch (SQLException e) {
                LOG.warn("Conversations could not be listed: {}", e.getMessage());
            }
        });
    }

    @FunctionalInterface
    private interface StoreChange {
        void apply() throws SQLException;
    }

    private void storeAndRefresh(Conversation conversation, StoreChange change) {
        background.execute(() -> {
            try {
                change.apply();
                if (conversation.equals(current.get())) {
                    store.find(conversation.id()).ifPresent(updated -> fx.execute(() -> current.set(updated)));
                }
            } catch (SQLException e) {
                LOG.warn("Conversation not changed: {}", e.getMessage());
            }
            refresh();
        });
    }
}
