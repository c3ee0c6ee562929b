package dev.localagent.studio.ui.chat;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The inspector beside the chat: the selected reply's request as sent, response headers and frame log, read-only. */
final class InspectorPanel extends VBox {

    InspectorPanel(ReplyInspectorViewModel viewModel) {
        // parts
        Label title = new Label("Inspector");
        title.getStyleClass().add("title-4");
        Button close = new Button("Close");
        close.setId("chat-inspector-close");
        close.getStyleClass().addAll("flat", "small");
        TextArea text = new TextArea();
        text.setId("chat-inspector-text");
        text.setEditable(false);
        text.setWrapText(false);
        text.getStyleClass().add("inspector-text");

        // layout
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(8, title, spacer, close);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(text, Priority.ALWAYS);
        getChildren().addAll(head, text);
        setSpacing(6);
        setPadding(new Insets(10));
        setPrefWidth(460);
        setId("chat-inspector");
        getStyleClass().add("chat-inspector");

        // bindings
        text.textProperty().bind(viewModel.textProperty());
        visibleProperty().bind(viewModel.inspectedProperty().isNotNull());
        managedProperty().bind(visibleProperty());

        // handlers
        close.setOnAction(e -> viewModel.close());
    }
}
