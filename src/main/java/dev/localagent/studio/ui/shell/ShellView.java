package dev.localagent.studio.ui.shell;

import dev.localagent.studio.app.StudioTab;
import java.util.EnumMap;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** The main window's content: the settings-file banner, the tabs and the status bar. */
public final class ShellView extends BorderPane {

    private final TabPane tabs = new TabPane();
    private final Map<StudioTab, Tab> tabByKind = new EnumMap<>(StudioTab.class);

    public ShellView(ShellViewModel viewModel, Map<StudioTab, Node> content) {
        // parts
        for (StudioTab kind : StudioTab.values()) {
            Tab tab = new Tab(kind.title(), content.get(kind));
            tab.setId("tab-" + kind.id());
            tab.setClosable(false);
            tab.setUserData(kind);
            tabByKind.put(kind, tab);
            tabs.getTabs().add(tab);
        }
        tabs.setId("main-tabs");
        Label problem = new Label();
        problem.setId("config-problem");
        problem.setWrapText(true);
        Button dismiss = new Button("Dismiss");
        dismiss.getStyleClass().addAll("flat", "small");
        Button openSettings = new Button("Open settings");
        openSettings.getStyleClass().addAll("small");
        HBox banner = new HBox(12, problem, openSettings, dismiss);
        StatusBar statusBar = new StatusBar(viewModel.providers());

        // layout
        HBox.setHgrow(problem, Priority.ALWAYS);
        problem.setMaxWidth(Double.MAX_VALUE);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("config-problem");
        setTop(banner);
        setCenter(tabs);
        setBottom(statusBar);
        getStyleClass().add("shell");
        getStylesheets().add(ShellView.class.getResource("shell.css").toExternalForm());

        // bindings
        problem.textProperty().bind(viewModel.configProblemProperty());
        banner.visibleProperty().bind(viewModel.configProblemProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        tabs.getSelectionModel().select(tabByKind.get(viewModel.selectedTabProperty().get()));
        viewModel.selectedTabProperty().addListener((obs, old, now) -> tabs.getSelectionModel().select(tabByKind.get(now)));
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                viewModel.select((StudioTab) now.getUserData());
            }
        });

        // handlers
        dismiss.setOnAction(e -> viewModel.dismissConfigProblem());
        openSettings.setOnAction(e -> viewModel.select(StudioTab.SETTINGS));
    }
}
