package dev.localagent.studio.ui.chat;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import dev.localagent.studio.service.store.Conversation;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.stage.FileChooser;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The chat playground: provider and model at the top, the conversation in the middle, the prompt
 * at the bottom. Enter sends, Shift+Enter starts a new line, Esc stops the reply.
 */
public final class ChatView extends BorderPane {

    /** The chat area's width below which the toolbar takes two rows. */
    private static final double NARROW_TOOLBAR = 900;

    public ChatView(ChatViewModel viewModel) {
        // parts
        ComboBox<String> provider = new ComboBox<>(viewModel.providers());
        provider.setId("chat-provider");
        ComboBox<String> model = new ComboBox<>(viewModel.models());
        model.setId("chat-model");
        model.setEditable(true);
        model.setPrefWidth(240);
        TextField system = new TextField();
        system.setId("chat-system");
        system.setPromptText("System prompt (optional)");
        Label conversationCost = new Label();
        conversationCost.setId("chat-conversation-cost");
        conversationCost.getStyleClass().add("text-muted");
        Button newChat = new Button("New chat");
        newChat.setId("chat-new");
        // Virtualised: only the messages in view have nodes, so a long conversation opens and streams
        // at the cost of the ~10 bubbles on screen, not of all of them.
        ListView<ChatMessageItem> conversation = new ListView<>(viewModel.messages()) {
            @Override
            protected javafx.scene.control.Skin<?> createDefaultSkin() {
                return new MessageListSkin(this); // a growing reply's row is not restyled per batch
            }
        };
        conversation.setId("chat-messages");
        conversation.getStyleClass().add("conversation");
        conversation.setFocusTraversable(false);
        Label empty = new Label("Ask something. Replies stream in with their facts: tokens, cost, time to first token,"
                + " tokens/s, cache hits, retries and breaker state.");
        empty.getStyleClass().add("text-muted");
        empty.setWrapText(true);
        empty.setMaxWidth(520);
        TextArea prompt = new TextArea();
        prompt.setId("chat-prompt");
        prompt.setPromptText("Message (Enter to send, Shift+Enter for a new line)");
        prompt.setPrefRowCount(3);
        prompt.setWrapText(true);
        Button send = new Button("Send");
        send.setId("chat-send");
        send.getStyleClass().add("accent");
        send.setDefaultButton(false);
        Button stop = new Button("Stop");
        stop.setId("chat-stop");
        stop.getStyleClass().add("danger");

        TextField search = new TextField();
        search.setId("chat-search");
        search.setPromptText("Search conversations");
        Button importButton = new Button("Import\u2026");
        importButton.setId("chat-import");
        importButton.setMaxWidth(Double.MAX_VALUE);
        Label archiveMessage = new Label();
        archiveMessage.getStyleClass().add("text-muted");
        archiveMessage.setWrapText(true);
        ConversationListViewModel list = viewModel.conversationList();
        ListView<Conversation> history = new ListView<>(list.conversations());
        history.setId("chat-history");
        history.setCellFactory(l -> new ConversationCell(list));

        // While a reply streams the history lies under a veil: see the bindings below.
        javafx.scene.shape.Rectangle veil = new javafx.scene.shape.Rectangle();
        veil.setId("chat-history-veil");
        veil.getStyleClass().add("history-veil");
        veil.widthProperty().bind(history.widthProperty());
        veil.heightProperty().bind(history.heightProperty());
        veil.setManaged(false); // sized by the list, never the other way round (the window could not shrink)
        Tooltip.install(veil, new Tooltip("A reply is on its way: stop it, or wait for it to end, to open another conversation."));
        StackPane historyPane = new StackPane(history, veil);

        // layout
        VBox.setVgrow(historyPane, Priority.ALWAYS);
        VBox side = new VBox(8, search, historyPane, importButton, archiveMessage);
        side.setPadding(new Insets(10, 8, 10, 10));
        side.setPrefWidth(240);
        side.getStyleClass().add("chat-history");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox.setHgrow(system, Priority.SOMETIMES);
        CompareSettings compareSettings = viewModel.compare();
        javafx.scene.control.CheckBox compare = new javafx.scene.control.CheckBox("Compare with");
        compare.setId("chat-compare");
        ComboBox<String> compareProvider = new ComboBox<>(viewModel.providers());
        compareProvider.setId("chat-compare-provider");
        TextField compareModel = new TextField();
        compareModel.setId("chat-compare-model");
        compareModel.setPromptText("model");
        compareModel.setPrefColumnCount(10);
        HBox compareWith = new HBox(6, compareProvider, compareModel);
        compareWith.setAlignment(Pos.CENTER_LEFT);
        HBox top = new HBox(10, new Label("Provider"), provider, new Label("Model"), model, system, spacer, conversationCost, newChat);
        for (javafx.scene.Node n : top.getChildren()) {
            if (n instanceof javafx.scene.control.Labeled labeled) {
                labeled.setMinWidth(Region.USE_PREF_SIZE); // the system prompt field gives way, not the labels
            }
        }
        // In a narrow window the toolbar gives way in this order: the system prompt field, the
        // conversation's cost (to an ellipsis), the pickers down to a readable width. Without
        // minimums the pickers collapsed to nothing, and the labels' sum made the whole chat wider
        // than the window, cutting off Send and the replies' right edges.
        provider.setMinWidth(110);
        model.setMinWidth(130);
        system.setMinWidth(0);
        conversationCost.setMinWidth(0);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(10, 14, 10, 14));
        top.getStyleClass().add("chat-toolbar");
        StackPane middle = new StackPane(conversation, empty);
        VBox actions = new VBox(8, send, stop);
        send.setMaxWidth(Double.MAX_VALUE);
        stop.setMaxWidth(Double.MAX_VALUE);
        send.setMinWidth(Region.USE_PREF_SIZE); // in a narrow window the prompt gives way, not the buttons' words
        stop.setMinWidth(Region.USE_PREF_SIZE);
        Label estimate = new Label();
        estimate.setId("chat-estimate");
        estimate.getStyleClass().addAll("text-muted", "estimate");
        Region composerSpacer = new Region();
        HBox.setHgrow(composerSpacer, Priority.ALWAYS);
        HBox underPrompt = new HBox(8, estimate, composerSpacer, compare, compareWith);
        underPrompt.setAlignment(Pos.CENTER_LEFT);
        VBox composer = new VBox(4, prompt, underPrompt);
        HBox.setHgrow(composer, Priority.ALWAYS);
        HBox bottom = new HBox(10, composer, actions);
        bottom.setPadding(new Insets(10, 14, 12, 14));
        bottom.getStyleClass().add("composer");
        ChatParametersPanel parameters = new ChatParametersPanel(viewModel.parameters());
        InspectorPanel inspector = new InspectorPanel(viewModel.inspector());
        // Below NARROW_TOOLBAR the system prompt and the conversation's cost take a row of their own:
        // squeezed into one row the field had no room left, and in a 760 px window it was gone.
        HBox secondRow = new HBox(10);
        secondRow.setId("chat-toolbar-second-row");
        secondRow.setAlignment(Pos.CENTER_LEFT);
        secondRow.setPadding(new Insets(0, 14, 10, 14));
        secondRow.getStyleClass().add("chat-toolbar");
        secondRow.managedProperty().bind(secondRow.visibleProperty());
        secondRow.setVisible(false);
        VBox header = new VBox(top, secondRow, parameters);
        header.widthProperty().addListener((obs, old, now) -> {
            boolean narrow = now.doubleValue() < NARROW_TOOLBAR;
            if (narrow && system.getParent() == top) {
                top.getChildren().removeAll(system, conversationCost);
                secondRow.getChildren().setAll(system, conversationCost);
                HBox.setHgrow(system, Priority.ALWAYS);
                secondRow.setVisible(true);
            } else if (!narrow && system.getParent() == secondRow) {
                secondRow.getChildren().clear();
                secondRow.setVisible(false);
                HBox.setHgrow(system, Priority.SOMETIMES);
                top.getChildren().add(top.getChildren().indexOf(model) + 1, system);
                top.getChildren().add(top.getChildren().indexOf(newChat), conversationCost);
            }
        });
        BorderPane main = new BorderPane(middle, header, inspector, bottom, null);
        setLeft(side);
        setCenter(main);
        getStyleClass().add("chat-view");
        getStylesheets().add(ChatView.class.getResource("chat.css").toExternalForm());

        // bindings
        provider.valueProperty().bindBidirectional(viewModel.providerProperty());
        model.valueProperty().bindBidirectional(viewModel.modelProperty());
        system.textProperty().bindBidirectional(viewModel.systemPromptProperty());
        prompt.textProperty().bindBidirectional(viewModel.promptProperty());
        var sending = viewModel.stateProperty().isEqualTo(ChatViewModel.State.SENDING);
        send.disableProperty().bind(sending.or(prompt.textProperty().isEmpty()).or(viewModel.parameters().problemProperty().isNotEmpty()));
        stop.disableProperty().bind(sending.not());
        provider.disableProperty().bind(sending);
        compare.selectedProperty().bindBidirectional(compareSettings.onProperty());
        compareProvider.valueProperty().bindBidirectional(compareSettings.providerProperty());
        compareModel.textProperty().bindBidirectional(compareSettings.modelProperty());
        compareWith.visibleProperty().bind(compare.selectedProperty());
        compareWith.managedProperty().bind(compareWith.visibleProperty());
        compare.disableProperty().bind(sending);
        compareWith.disableProperty().bind(sending);
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(viewModel.messages()));
        search.textProperty().bindBidirectional(list.searchProperty());
        estimate.textProperty().bind(viewModel.estimateProperty());
        conversationCost.textProperty().bind(viewModel.conversationCostProperty());
        archiveMessage.textProperty().bind(list.archiveMessageProperty());
        archiveMessage.managedProperty().bind(archiveMessage.textProperty().isNotEmpty());
        // While a reply streams the history lies under a veil that takes its clicks, not disabled:
        // disabling a list gives every node of every row the :disabled pseudo-class, and JavaFX
        // restyles a parent's whole subtree when one of its pseudo-classes changes (twice per reply,
        // ~10 ms each, in the very frames that build the new rows). A faded list would be painted
        // offscreen and blended whenever it changes (JavaFX does so for any region below full
        // opacity); a translucent rectangle over it is a plain fill.
        veil.visibleProperty().bind(sending);
        history.focusTraversableProperty().bind(sending.not());
        Runnable selectCurrent = () -> {
            Conversation now = viewModel.currentProperty().get();
            if (now == null) {
                history.getSelectionModel().clearSelection();
            } else {
                list.conversations().stream().filter(c -> c.id().equals(now.id())).findFirst()
                        .ifPresent(c -> history.getSelectionModel().select(c));
            }
        };
        viewModel.currentProperty().addListener((obs, old, now) -> selectCurrent.run());
        list.conversations().addListener((ListChangeListener<Conversation>) change -> selectCurrent.run());

        // handlers
        StreamFollower follower = new StreamFollower(conversation);
        RecentBubbles recentBubbles = new RecentBubbles();
        conversation.setCellFactory(l -> new MessageCell(viewModel, follower, recentBubbles));
        viewModel.messages().addListener((ListChangeListener<ChatMessageItem>) change -> follower.follow());
        history.setOnMouseClicked(e -> list.open(history.getSelectionModel().getSelectedItem()));
        importButton.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Import a conversation");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Conversation (JSON)", "*.json"));
            java.io.File file = chooser.showOpenDialog(getScene().getWindow());
            if (file != null) {
                list.importFrom(file.toPath());
            }
        });
        send.setOnAction(e -> viewModel.send());
        stop.setOnAction(e -> viewModel.stop());
        newChat.setOnAction(e -> viewModel.newChat());
        // A filter, not a handler: the text area's own key bindings consume Enter before handlers see it.
        prompt.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShiftDown()) {
                e.consume();
                viewModel.send();
            } else if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                prompt.insertText(prompt.getCaretPosition(), "\n");
            }
        });
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                viewModel.stop();
            } else if (e.isShortcutDown() && e.getCode() == KeyCode.N) {
                e.consume();
                viewModel.newChat();
                prompt.requestFocus();
            } else if (e.isShortcutDown() && e.getCode() == KeyCode.F) {
                e.consume();
                search.requestFocus();
            }
        });
    }

    /** A stored conversation in the list: its title, pinned ones marked, actions on the context menu. */
    private static final class ConversationCell extends ListCell<Conversation> {
        private final ConversationListViewModel viewModel;

        private void export(Conversation item, boolean markdown) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export a conversation");
            chooser.setInitialFileName(item.title().replaceAll("[^A-Za-z0-9 _-]", "").strip() + (markdown ? ".md" : ".json"));
            java.io.File file = chooser.showSaveDialog(getScene().getWindow());
            if (file != null) {
                viewModel.export(item, file.toPath(), markdown);
            }
        }

        ConversationCell(ConversationListViewModel viewModel) {
            this.viewModel = viewModel;
            setPrefWidth(0); // let the list's width decide, so long titles end in an ellipsis instead of a scroll bar
        }

        @Override
        protected void updateItem(Conversation item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setContextMenu(null);
                return;
            }
            setText((item.pinned() ? "\u2605 " : "") + item.title());
            MenuItem rename = new MenuItem("Rename\u2026");
            rename.setOnAction(e -> {
                TextInputDialog ask = new TextInputDialog(item.title());
                ask.setTitle("Rename conversation");
                ask.setHeaderText(null);
                ask.setContentText("Title");
                ask.showAndWait().ifPresent(title -> viewModel.rename(item, title));
            });
            MenuItem pin = new MenuItem(item.pinned() ? "Unpin" : "Pin to top");
            pin.setOnAction(e -> viewModel.pin(item, !item.pinned()));
            MenuItem exportMarkdown = new MenuItem("Export as Markdown\u2026");
            exportMarkdown.setOnAction(e -> export(item, true));
            MenuItem exportJson = new MenuItem("Export as JSON\u2026");
            exportJson.setOnAction(e -> export(item, false));
            MenuItem delete = new MenuItem("Delete");
            delete.setOnAction(e -> viewModel.delete(item));
            setContextMenu(new ContextMenu(rename, pin, exportMarkdown, exportJson, delete));
        }
    }
}
