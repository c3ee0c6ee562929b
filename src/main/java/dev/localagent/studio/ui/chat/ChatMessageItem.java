package dev.localagent.studio.ui.chat;

import dev.localagent.studio.model.Role;
import dev.localagent.studio.service.http.ExchangeRecorder;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One message as the chat shows it; a reply's text grows while it streams. FX thread only. */
public final class ChatMessageItem {

    /** Where a message stands. */
    public enum State {
        STREAMING,
        DONE,
        STOPPED,
        FAILED,
        /** The app closed while this reply was streaming; its text is what had arrived. */
        INCOMPLETE
    }

    private final Role role;
    private final String providerId;
    private final StringProperty text = new SimpleStringProperty("");
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.DONE);
    private final ObservableList<String> facts = FXCollections.observableArrayList();
    private final StringProperty error = new SimpleStringProperty();
    private final ObjectProperty<Remedy> remedy = new SimpleObjectProperty<>(Remedy.NONE);

    /** What the user can do about a failed reply. */
    public enum Remedy {
        /** Nothing to offer (the reply is fine, or on its way). */
        NONE,
        /** Send it again, here or to another provider. */
        RETRY,
        /** The provider refused the key or has none: fix it in the settings (or try another provider). */
        SETTINGS
    }

    private final IntegerProperty branch = new SimpleIntegerProperty(1);
    private final IntegerProperty branches = new SimpleIntegerProperty(1);
    private volatile String storedId;
    private volatile ExchangeRecorder recorder;
    private ChatMessageItem companion;
    private boolean comparison;

    ChatMessageItem(Role role, String providerId, String text, State state) {
        this.role = role;
        this.providerId = providerId;
        this.text.set(text);
        this.state.set(state);
    }

    public Role role() {
        return role;
    }

    /** Who answered (for replies), or null for the user's messages. */
    public String providerId() {
        return providerId;
    }

    public StringProperty textProperty() {
        return text;
    }

    public ObjectProperty<State> stateProperty() {
        return state;
    }

    public ObservableList<String> facts() {
        return facts;
    }

    public ObjectProperty<Remedy> remedyProperty() {
        return remedy;
    }

    /** One sentence saying why the reply failed or stopped, or null. */
    public StringProperty errorProperty() {
        return error;
    }

    /** This message's 1-based place among the other versions of its turn (regenerated replies, edited questions). */
    public IntegerProperty branchProperty() {
        return branch;
    }

    /** How many versions of this turn are stored; 1 when there is no other branch. */
    public IntegerProperty branchesProperty() {
        return branches;
    }

    /** The stored message's id, once saved; set and read off the FX thread. */
    String storedId() {
        return storedId;
    }

    void storedId(String id) {
        storedId = id;
    }

    /** The reply streaming beside this one in compare mode, or null. */
    public ChatMessageItem companion() {
        return companion;
    }

    /** True for the second reply of a comparison: it lives beside its companion, not in the conversation's list. */
    public boolean comparison() {
        return comparison;
    }

    void pairWith(ChatMessageItem other) {
        companion = other;
        other.comparison = true;
    }

    /** What this reply put on the wire, for the inspector; null for messages loaded from the store. */
    ExchangeRecorder recorder() {
        return recorder;
    }

    void recorder(ExchangeRecorder value) {
        recorder = value;
    }

    void append(String more) {
        text.set(text.get() + more);
    }
}
