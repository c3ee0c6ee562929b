package dev.localagent.studio.ui.dashboard;

import dev.localagent.studio.service.resilience.BreakerState;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The dashboard: each provider's circuit breaker, live (once a second), with the manual controls.
 * The other tiles (limiters, pool, cache, tokens and cost) come next; their meters already exist.
 */
public final class DashboardView extends VBox {

    public DashboardView(DashboardViewModel viewModel) {
        // parts
        Label title = new Label("Circuit breakers");
        title.getStyleClass().add("title-3");
        Label hint = new Label("Live, once a second. Force a breaker open to see how calls fail fast; reset it to start counting afresh.");
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        TableView<BreakerRow> table = new TableView<>(viewModel.breakers());
        table.setId("breaker-table");
        table.getColumns().setAll(List.of(
                text("Provider", 140, BreakerRow::providerId),
                stateColumn(),
                text("Failure rate", 100, r -> r.failureRatePercent() + " %"),
                text("Permitted", 90, r -> Long.toString(r.permitted())),
                text("Rejected", 90, r -> Long.toString(r.rejected())),
                text("Last transition", 360, BreakerRow::lastTransition),
                controlsColumn(viewModel)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Timeline ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> viewModel.refresh()));
        ticker.setCycleCount(Timeline.INDEFINITE);

        // layout
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(title, hint, table);
        setSpacing(10);
        setPadding(new Insets(20));
        getStyleClass().add("dashboard-view");

        // handlers
        // Tick only while the window is up: a closed window must not keep asking a closed studio.
        sceneProperty().flatMap(javafx.scene.Scene::windowProperty).flatMap(javafx.stage.Window::showingProperty).orElse(false)
                .subscribe(showing -> {
                    if (showing) {
                        viewModel.refresh();
                        ticker.play();
                    } else {
                        ticker.stop();
                    }
                });
    }

    private static TableColumn<BreakerRow, String> text(String name, double width, Function<BreakerRow, String> value) {
        TableColumn<BreakerRow, String> column = new TableColumn<>(name);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    private static TableColumn<BreakerRow, String> stateColumn() {
        TableColumn<BreakerRow, String> column = text("State", 120, r -> r.state().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeAll("breaker-ok", "breaker-open", "breaker-half");
                BreakerRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (row != null) {
                    getStyleClass().add(row.state() == BreakerState.OPEN || row.state() == BreakerState.FORCED_OPEN ? "breaker-open"
                            : row.state() == BreakerState.HALF_OPEN ? "breaker-half" : "breaker-ok");
                }
            }
        });
        return column;
    }

    private static TableColumn<BreakerRow, String> controlsColumn(DashboardViewModel viewModel) {
        TableColumn<BreakerRow, String> column = new TableColumn<>("Control");
        column.setPrefWidth(260);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().providerId()));
        column.setCellFactory(c -> new TableCell<>() {
            private final Button open = small("Force open");
            private final Button closed = small("Force closed");
            private final Button reset = small("Reset");
            private final HBox box = new HBox(6, open, closed, reset);

            @Override
            protected void updateItem(String providerId, boolean empty) {
                super.updateItem(providerId, empty);
                if (empty || providerId == null) {
                    setGraphic(null);
                    return;
                }
                open.setId("force-open-" + providerId);
                closed.setId("force-closed-" + providerId);
                reset.setId("reset-" + providerId);
                open.setOnAction(e -> viewModel.forceOpen(providerId));
                closed.setOnAction(e -> viewModel.forceClosed(providerId));
                reset.setOnAction(e -> viewModel.reset(providerId));
                setGraphic(box);
            }
        });
        return column;
    }

    private static Button small(String text) {
        Button b = new Button(text);
        b.getStyleClass().add("small");
        return b;
    }
}
