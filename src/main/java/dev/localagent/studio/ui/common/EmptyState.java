package dev.localagent.studio.ui.common;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A centred title and explanation for a view that has nothing to show yet. */
public final class EmptyState extends VBox {

    public EmptyState(String title, String... lines) {
        Label heading = new Label(title);
        heading.getStyleClass().addAll("title-2", "empty-state-title");
        getChildren().add(heading);
        for (String line : lines) {
            Label text = new Label(line);
            text.getStyleClass().add("text-muted");
            text.setWrapText(true);
            text.setMaxWidth(560);
            getChildren().add(text);
        }
        getStyleClass().add("empty-state");
        setAlignment(Pos.CENTER);
        setSpacing(10);
    }
}
