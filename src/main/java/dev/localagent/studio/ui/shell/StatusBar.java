package dev.localagent.studio.ui.shell;

import dev.localagent.studio.app.AppInfo;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;

/** The strip under the tabs: each provider's health dot, name and latency, and the version. */
final class StatusBar extends HBox {

    private final HBox providerBox = new HBox();

    StatusBar(ObservableList<ProviderHealth> providers) {
        Label version = new Label(AppInfo.NAME + " " + AppInfo.version());
        Region spacer = new Region();

        providerBox.getStyleClass().add("providers");
        providerBox.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(providerBox, spacer, version);

        providers.addListener((ListChangeListener<ProviderHealth>) change -> rebuild(providers));
        rebuild(providers);
    }

    private void rebuild(ObservableList<ProviderHealth> providers) {
        providerBox.getChildren().setAll(providers.stream().map(StatusBar::item).toList());
    }

    private static HBox item(ProviderHealth health) {
        Circle dot = new Circle(4);
        dot.getStyleClass().addAll("status-dot", health.state().name().toLowerCase(Locale.ROOT));
        Label name = new Label(health.name());
        Label latency = new Label(health.latency());
        latency.getStyleClass().add("latency");
        HBox item = new HBox(dot, name, latency);
        item.getStyleClass().add("provider-status");
        item.setId("status-" + health.id());
        item.setAlignment(Pos.CENTER_LEFT);
        Tooltip.install(item, new Tooltip(health.name() + ": " + health.detail()));
        return item;
    }
}
