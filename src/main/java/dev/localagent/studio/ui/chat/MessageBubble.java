package dev.localagent.studio.ui.chat;

import dev.localagent.studio.model.Role;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** One message on screen: who wrote it, the text (growing while it streams), its facts and any error. */
final class MessageBubble extends VBox {

    private static final javafx.css.PseudoClass TALL = javafx.css.PseudoClass.getPseudoClass("tall");
    // The reply's state is a pseudo-class, not a style class: a style class change restyles the
    // bubble and everything in it from scratch (a long reply's thousands of text nodes, 30-150 ms
    // in the pulse in which it ends), a pseudo-class change only moves the nodes whose styles use it.
    static final javafx.css.PseudoClass STREAMING = javafx.css.PseudoClass.getPseudoClass("streaming");
    static final javafx.css.PseudoClass FAILED = javafx.css.PseudoClass.getPseudoClass("failed");
    static final javafx.css.PseudoClass STOPPED = javafx.css.PseudoClass.getPseudoClass("stopped");

    // The list recreates bubbles as cells are reused, so the item must not keep old ones alive:
    // its listeners are weak, held strongly here for as long as this bubble lives.
    private javafx.beans.value.ChangeListener<String> onText;
    private javafx.beans.value.ChangeListener<ChatMessageItem.State> onState;
    private ListChangeListener<String> onFacts;
    private javafx.beans.value.ChangeListener<ChatMessageItem.Remedy> onRemedy;
    /** Whether the question's editor is open; the editor itself exists from the first Edit on. */
    private final javafx.beans.property.BooleanProperty editing = new javafx.beans.property.SimpleBooleanProperty();
    private VBox editor;
    private HBox actions;

    MessageBubble(ChatMessageItem item, ChatViewModel viewModel) {
        // parts
        Label author = new Label(item.role() == Role.USER ? "You" : item.providerId());
        author.getStyleClass().add("author");
        Label text = new Label();
        text.getStyleClass().add("message-text");
        text.setWrapText(true);
        FlowPane facts = new FlowPane(10, 4);
        facts.getStyleClass().add("facts");
        Label error = new Label();
        error.getStyleClass().add("message-error");
        error.setWrapText(true);

        VBox rendered = new VBox();

        // Tools every finished message has: copy; regenerate (replies) or edit (questions); the branch switcher.
        Button copy = new Button("Copy");
        copy.getStyleClass().addAll("flat", "small", "message-copy");
        Button regenerate = new Button("Regenerate");
        regenerate.getStyleClass().addAll("flat", "small", "message-regenerate");
        Button edit = new Button("Edit");
        edit.getStyleClass().addAll("flat", "small", "message-edit");
        Button previous = new Button("\u2039");
        previous.getStyleClass().addAll("flat", "small", "branch-previous");
        Label branch = new Label();
        branch.getStyleClass().add("branch-position");
        Button next = new Button("\u203a");
        next.getStyleClass().addAll("flat", "small", "branch-next");
        HBox switcher = new HBox(2, previous, branch, next);
        switcher.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Button inspect = new Button("Inspect");
        inspect.getStyleClass().addAll("flat", "small", "message-inspect");
        // The second reply of a comparison is not in the conversation's list: regenerate and retry
        // would have nothing to act on, so it offers copy and inspect; its switcher lives on the first.
        HBox tools = item.role() == Role.USER ? new HBox(4, switcher, copy, edit)
                : item.comparison() ? new HBox(4, copy, inspect) : new HBox(4, switcher, copy, regenerate, inspect);
        tools.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        tools.getStyleClass().add("message-tools");
        // Skinned now, not in the pulse that first styles them (see Skins): a new bubble comes with every send.
        Skins.now(author, text, error, copy, regenerate, edit, previous, branch, next, inspect);

        // layout
        // A reply is shown only as markdown; a hidden Label holding its whole text would still be laid
        // out (and its wrapped text measured) on every batch, so replies have none.
        boolean markdown = item.role() == Role.ASSISTANT;
        // The question's editor and a failed reply's remedies are built when first needed (see
        // editor() and actions()): a text area and a menu button with their skins were most of the
        // cost of a bubble, and every row the list shows or measures builds one.
        getChildren().addAll(author, markdown ? rendered : text, facts, error, tools);
        getStyleClass().addAll("message", item.role() == Role.USER ? "from-user" : "from-model");
        setSpacing(4);

        // bindings
        // Replies render as markdown while they stream: each batch rebuilds only the open block at
        // the end (StreamingMarkdown). The user's own words stay plain text.
        if (!markdown) {
            text.textProperty().bind(item.textProperty());
        } else {
            rendered.visibleProperty().bind(item.textProperty().isNotEmpty());
            rendered.managedProperty().bind(rendered.visibleProperty());
            StreamingMarkdown md = new StreamingMarkdown();
            rendered.getChildren().setAll(md.node());
            onText = (obs, old, now) -> md.update(now);
            item.textProperty().addListener(new javafx.beans.value.WeakChangeListener<>(onText));
            md.update(item.textProperty().get());
        }
        error.textProperty().bind(item.errorProperty());
        error.visibleProperty().bind(item.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        // Taller than the window: see chat.css (:streaming:tall). Flips once as a reply grows past it.
        heightProperty().addListener((obs, old, now) -> pseudoClassStateChanged(TALL,
                getScene() != null && now.doubleValue() > getScene().getHeight()));
        onState = (obs, old, now) -> pseudoState(now);
        item.stateProperty().addListener(new javafx.beans.value.WeakChangeListener<>(onState));
        pseudoState(item.stateProperty().get());

        // A reply of a comparison offers no remedies (retry would have nothing to act on).
        if (!item.comparison()) {
            onRemedy = (obs, old, now) -> {
                if (now != ChatMessageItem.Remedy.NONE && actions == null) {
                    actions = actions(item, viewModel);
                    getChildren().add(getChildren().indexOf(tools), actions);
                }
            };
            item.remedyProperty().addListener(new javafx.beans.value.WeakChangeListener<>(onRemedy));
            onRemedy.changed(item.remedyProperty(), null, item.remedyProperty().get());
        }

        var idle = viewModel.stateProperty().isEqualTo(ChatViewModel.State.IDLE);
        var finished = item.stateProperty().isNotEqualTo(ChatMessageItem.State.STREAMING);
        tools.visibleProperty().bind(finished.and(editing.not()));
        tools.managedProperty().bind(tools.visibleProperty());
        switcher.visibleProperty().bind(item.branchesProperty().greaterThan(1));
        switcher.managedProperty().bind(switcher.visibleProperty());
        branch.textProperty().bind(item.branchProperty().asString().concat("/").concat(item.branchesProperty().asString()));
        previous.disableProperty().bind(idle.not().or(item.branchProperty().lessThanOrEqualTo(1)));
        next.disableProperty().bind(idle.not().or(item.branchProperty().greaterThanOrEqualTo(item.branchesProperty())));
        regenerate.disableProperty().bind(idle.not());
        edit.disableProperty().bind(idle.not());

        // handlers
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(item.textProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        regenerate.setOnAction(e -> viewModel.regenerate(item));
        inspect.setOnAction(e -> viewModel.inspector().inspect(item));
        previous.setOnAction(e -> viewModel.showBranch(item, -1));
        next.setOnAction(e -> viewModel.showBranch(item, +1));
        edit.setOnAction(e -> {
            if (editor == null) {
                editor = editor(item, viewModel);
                getChildren().add(2, editor);
            }
            TextArea field = (TextArea) editor.getChildren().getFirst();
            field.setText(item.textProperty().get());
            showEditor(true);
            field.requestFocus();
        });
        Runnable showFacts = () -> facts.getChildren().setAll(item.facts().stream().map(MessageBubble::fact).toList());
        onFacts = change -> showFacts.run();
        item.facts().addListener(new javafx.collections.WeakListChangeListener<>(onFacts));
        showFacts.run();
    }

    /** The editor opens under the question, so the original stays readable while it is reworded. */
    private void showEditor(boolean show) {
        editor.setVisible(show);
        editor.setManaged(show);
        editing.set(show);
    }

    /** The question's editor: the text, Send and Cancel. */
    private VBox editor(ChatMessageItem item, ChatViewModel viewModel) {
        TextArea field = new TextArea();
        field.getStyleClass().add("message-editor");
        field.setWrapText(true);
        field.setPrefRowCount(3);
        Button sendEdited = new Button("Send");
        sendEdited.getStyleClass().addAll("accent", "small", "message-edit-send");
        Button cancelEdit = new Button("Cancel");
        cancelEdit.getStyleClass().addAll("small", "message-edit-cancel");
        HBox editActions = new HBox(6, sendEdited, cancelEdit);
        VBox box = new VBox(6, field, editActions);
        sendEdited.disableProperty().bind(viewModel.stateProperty().isNotEqualTo(ChatViewModel.State.IDLE).or(field.textProperty().isEmpty()));
        cancelEdit.setOnAction(e -> showEditor(false));
        sendEdited.setOnAction(e -> {
            showEditor(false);
            viewModel.edit(item, field.getText());
        });
        return box;
    }

    /** A failed or stopped reply's remedies: retry, retry on another provider, or open the settings. */
    private static HBox actions(ChatMessageItem item, ChatViewModel viewModel) {
        Button retry = new Button("Retry");
        retry.setId("retry");
        MenuButton retryOn = new MenuButton("Retry on");
        for (String other : viewModel.providers()) {
            if (!other.equals(item.providerId())) {
                MenuItem choice = new MenuItem(other);
                choice.setOnAction(e -> viewModel.retry(item, other));
                retryOn.getItems().add(choice);
            }
        }
        Button settings = new Button("Open settings");
        HBox actions = new HBox(6, retry, retryOn, settings);
        actions.getStyleClass().add("reply-actions");
        var remedy = item.remedyProperty().isNotEqualTo(ChatMessageItem.Remedy.NONE);
        actions.visibleProperty().bind(remedy.and(viewModel.stateProperty().isEqualTo(ChatViewModel.State.IDLE)));
        actions.managedProperty().bind(actions.visibleProperty().or(remedy));
        settings.visibleProperty().bind(item.remedyProperty().isEqualTo(ChatMessageItem.Remedy.SETTINGS));
        settings.managedProperty().bind(settings.visibleProperty());
        retry.setOnAction(e -> viewModel.retry(item, null));
        settings.setOnAction(e -> viewModel.openSettings());
        return actions;
    }

    /**
     * While a reply streams, its bubble grows in steps of this many pixels (about three lines), the
     * text filling the room below it in between. Each step scrolls the conversation, and a scroll
     * repaints the whole message area (the software renderer's costliest frame, 12–18 ms); growing
     * by the line did that ten to fifteen times a second. In between only the growing block is
     * repainted, and the list does not move.
     */
    static final double STREAMING_STEP = 64;

    private boolean streaming;

    @Override
    protected double computePrefHeight(double width) {
        return inSteps(super.computePrefHeight(width));
    }

    @Override
    protected double computeMinHeight(double width) {
        return inSteps(super.computeMinHeight(width));
    }

    private double inSteps(double height) {
        return streaming ? Math.ceil(height / STREAMING_STEP) * STREAMING_STEP : height;
    }

    private void pseudoState(ChatMessageItem.State state) {
        boolean now = state == ChatMessageItem.State.STREAMING;
        if (now != streaming) {
            streaming = now;
            requestLayout(); // the bubble fits its content again when the reply ends
        }
        pseudoClassStateChanged(STREAMING, streaming);
        pseudoClassStateChanged(FAILED, state == ChatMessageItem.State.FAILED || state == ChatMessageItem.State.INCOMPLETE);
        pseudoClassStateChanged(STOPPED, state == ChatMessageItem.State.STOPPED);
    }

    private static Label fact(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(text.startsWith("CACHE HIT") ? "fact-cache-hit" : "fact");
        Skins.now(label);
        return label;
    }
}
