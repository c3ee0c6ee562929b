package dev.localagent.studio.ui.dashboard;

import dev.localagent.studio.ui.common.EmptyState;
import javafx.scene.layout.StackPane;

/** Live tiles of breakers, limiters, the pool and the cache. Until they exist it explains what will be here. */
public final class DashboardView extends StackPane {

    public DashboardView() {
        getStyleClass().add("dashboard-view");
        getChildren().add(new EmptyState("Dashboard",
                "Live tiles and charts of circuit breakers, rate limiters, the HTTP connection pool,"
                        + " the compressed response cache, tokens and cost, per provider.",
                "Not in this build yet: the meters it will chart are already recorded (the chat command shows each call's record)."));
    }
}
