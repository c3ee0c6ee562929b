package dev.localagent.studio.ui.chat;

import dev.localagent.studio.model.Role;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.HBox;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** One message on screen: who wrote it, the text (growing while it streams), its facts and any error. */
final class MessageBubble extends VBox {

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

        VBox rendered = new VBox();

        // layout
        getChildren().addAll(author, text, rendered, facts, error, actions);
        getStyleClass().addAll("message", item.role() == Role.USER ? "from-user" : "from-model");
        setSpacing(4);

        // bindings
        text.textProperty().bind(item.textProperty());
        // Replies show as markdown once they are complete; while streaming (and for the user's own
        // words) the text is plain, so each batch costs one label update, not a re-layout of blocks.
        boolean markdown = item.role() == Role.ASSISTANT;
        text.visibleProperty().bind(item.textProperty().isNotEmpty()
                .and(item.stateProperty().isEqualTo(ChatMessageItem.State.STREAMING).or(javafx.beans.binding.Bindings.createBooleanBinding(() -> !markdown))));
        text.managedProperty().bind(text.visibleProperty());
        rendered.visibleProperty().bind(text.visibleProperty().not().and(item.textProperty().isNotEmpty()));
        rendered.managedProperty().bind(rendered.visibleProperty());
        if (markdown) {
            Runnable render = () -> {
                if (item.stateProperty().get() != ChatMessageItem.State.STREAMING && !item.textProperty().get().isEmpty()) {
                    rendered.getChildren().setAll(MarkdownNodes.of(item.textProperty().get()));
                }
            };
            item.stateProperty().addListener((obs, old, now) -> render.run());
            item.textProperty().addListener((obs, old, now) -> render.run());
            render.run();
        }
        error.textProperty().bind(item.errorProperty());
        error.visibleProperty().bind(item.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        item.stateProperty().addListener((obs, old, now) -> pseudoState(now));
        pseudoState(item.stateProperty().get());

        actions.visibleProperty().bind(item.remedyProperty().isNotEqualTo(ChatMessageItem.Remedy.NONE)
                .and(viewModel.stateProperty().isEqualTo(ChatViewModel.State.IDLE)));
        actions.managedProperty().bind(item.remedyProperty().isNotEqualTo(ChatMessageItem.Remedy.NONE));
        settings.visibleProperty().bind(item.remedyProperty().isEqualTo(ChatMessageItem.Remedy.SETTINGS));
        settings.managedProperty().bind(settings.visibleProperty());

        // handlers
        retry.setOnAction(e -> viewModel.retry(item, null));
        settings.setOnAction(e -> viewModel.openSettings());
        Runnable showFacts = () -> facts.getChildren().setAll(item.facts().stream().map(MessageBubble::fact).toList());
        item.facts().addListener((ListChangeListener<String>) change -> showFacts.run());
        showFacts.run();
    }

    private void pseudoState(ChatMessageItem.State state) {
        getStyleClass().removeAll("streaming", "failed", "stopped");
        switch (state) {
            case STREAMING -> getStyleClass().add("streaming");
            case FAILED -> getStyleClass().add("failed");
            case STOPPED -> getStyleClass().add("stopped");
            case INCOMPLETE -> getStyleClass().add("failed");
            case DONE -> { }
        }
    }

    private static Label fact(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(text.startsWith("CACHE HIT") ? "fact-cache-hit" : "fact");
        return label;
    }
}
