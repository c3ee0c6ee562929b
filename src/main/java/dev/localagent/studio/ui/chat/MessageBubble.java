package dev.localagent.studio.ui.chat;

import dev.localagent.studio.model.Role;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** One message on screen: who wrote it, the text (growing while it streams), its facts and any error. */
final class MessageBubble extends VBox {

    MessageBubble(ChatMessageItem item) {
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

        // layout
        getChildren().addAll(author, text, facts, error);
        getStyleClass().addAll("message", item.role() == Role.USER ? "from-user" : "from-model");
        setSpacing(4);

        // bindings
        text.textProperty().bind(item.textProperty());
        error.textProperty().bind(item.errorProperty());
        error.visibleProperty().bind(item.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        item.stateProperty().addListener((obs, old, now) -> pseudoState(now));
        pseudoState(item.stateProperty().get());

        // handlers
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
