package dev.localagent.studio.ui.bench;

import dev.localagent.studio.service.bench.BenchReport;
import dev.localagent.studio.service.store.StoredBenchRun;
import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The benchmark tab: settings on the left; Run and Stop, progress, the live charts and the
 * results (or a comparison) in the middle; the saved runs on the right.
 */
public final class BenchmarkView extends BorderPane {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    public BenchmarkView(BenchmarkViewModel viewModel) {
        // parts
        BenchSettingsPane settings = new BenchSettingsPane(viewModel.form(), viewModel.models());
        Button run = new Button("Run");
        run.setId("bench-run");
        run.getStyleClass().add("accent");
        Button stop = new Button("Stop");
        stop.setId("bench-stop");
        stop.getStyleClass().add("danger");
        ProgressBar progress = new ProgressBar(0);
        progress.setId("bench-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        Label progressText = new Label();
        progressText.setId("bench-progress-text");
        progressText.getStyleClass().add("text-muted");
        MenuButton export = new MenuButton("Export");
        export.setId("bench-export");
        Label message = new Label();
        message.setId("bench-message");
        message.getStyleClass().add("bench-message");
        message.setWrapText(true);
        Label partial = new Label("Stopped early: these results cover only what finished before the stop.");
        partial.setId("bench-partial");
        partial.getStyleClass().add("partial-banner");
        BenchCharts charts = new BenchCharts();
        Label bandLabel = new Label("breaker");
        bandLabel.getStyleClass().addAll("text-muted", "band-label");
        GridPane facts = new GridPane();
        facts.setId("bench-facts");
        facts.getStyleClass().add("bench-facts");
        javafx.scene.layout.ColumnConstraints names = new javafx.scene.layout.ColumnConstraints();
        names.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints values = new javafx.scene.layout.ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setMinWidth(0);
        facts.getColumnConstraints().setAll(names, values);
        TableView<ResultRows.LatencyRow> latency = new TableView<>(viewModel.latencyRows());
        latency.setId("bench-results");
        latency.setPlaceholder(new Label("Results appear here when a run ends, or when you open a saved run."));
        latency.getColumns().setAll(List.of(
                column("ms", 42, ResultRows.LatencyRow::metric),
                column("p50", 54, ResultRows.LatencyRow::p50), column("p90", 54, ResultRows.LatencyRow::p90),
                column("p95", 54, ResultRows.LatencyRow::p95), column("p99", 54, ResultRows.LatencyRow::p99),
                column("p99.9", 54, ResultRows.LatencyRow::p999), column("max", 54, ResultRows.LatencyRow::max),
                column("mean", 54, ResultRows.LatencyRow::mean)));
        latency.setFixedCellSize(28);
        // Fixed widths: in a narrow window the table scrolls sideways instead of cutting figures to "6…".
        latency.getColumns().forEach(c -> c.setMinWidth(c.getPrefWidth()));
        latency.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        TableView<ResultRows.ComparisonRow> comparison = new TableView<>(viewModel.savedRuns().comparisonRows());
        comparison.setId("bench-comparison");
        comparison.setPlaceholder(new Label("Select two saved runs (Ctrl-click) and press Compare: the older is the baseline A."));
        TableColumn<ResultRows.ComparisonRow, String> delta = column("change", 150, ResultRows.ComparisonRow::delta);
        delta.setCellFactory(c -> new VerdictCell());
        comparison.getColumns().setAll(List.of(column("metric", 150, ResultRows.ComparisonRow::metric),
                column("A", 80, ResultRows.ComparisonRow::baseline), column("B", 80, ResultRows.ComparisonRow::candidate), delta));
        comparison.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        ListView<StoredBenchRun> history = new ListView<>(viewModel.savedRuns().list());
        history.setId("bench-history");
        history.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        history.setCellFactory(l -> new RunCell());
        history.setPlaceholder(new Label("Finished and stopped runs are saved here."));
        Button open = new Button("Open");
        open.setId("bench-open");
        Button compare = new Button("Compare");
        compare.setId("bench-compare");
        Button rename = new Button("Rename…");
        rename.setId("bench-rename");
        Button delete = new Button("Delete");
        delete.setId("bench-delete");

        // layout
        ScrollPane settingsScroll = new ScrollPane(settings);
        settingsScroll.setFitToWidth(true);
        settingsScroll.setPrefWidth(300);
        settingsScroll.setMinWidth(240);
        settingsScroll.getStyleClass().add("bench-settings-scroll");
        HBox.setHgrow(progress, Priority.ALWAYS);
        HBox runBar = new HBox(8, run, stop, progress, export);
        runBar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(charts.latency(), Priority.ALWAYS);
        HBox.setHgrow(charts.throughput(), Priority.ALWAYS);
        charts.latency().setPrefWidth(400);
        charts.throughput().setPrefWidth(400);
        HBox chartRow = new HBox(8, charts.latency(), charts.throughput());
        HBox.setHgrow(charts.breakerBand(), Priority.ALWAYS);
        HBox band = new HBox(8, bandLabel, charts.breakerBand());
        band.setAlignment(Pos.CENTER_LEFT);
        band.setPadding(new Insets(0, 8, 0, 8));
        VBox live = new VBox(4, chartRow, band);
        VBox.setVgrow(chartRow, Priority.ALWAYS);
        // The facts scroll: a breaker or stress run has more of them than the lower half can hold.
        ScrollPane factsScroll = new ScrollPane(facts);
        factsScroll.setFitToWidth(true);
        factsScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        factsScroll.getStyleClass().add("bench-facts-scroll");
        factsScroll.setMinWidth(230);
        factsScroll.setPrefWidth(250);
        factsScroll.setMaxWidth(360);
        HBox results = new HBox(12, factsScroll, latency);
        HBox.setHgrow(latency, Priority.ALWAYS);
        results.setPadding(new Insets(8));
        HBox.setHgrow(comparison, Priority.ALWAYS);
        HBox.setHgrow(charts.overlay(), Priority.ALWAYS);
        comparison.setPrefWidth(420);
        HBox compared = new HBox(8, comparison, charts.overlay());
        compared.setPadding(new Insets(8));
        Tab resultsTab = new Tab("Results", results);
        Tab compareTab = new Tab("Compare", compared);
        TabPane lower = new TabPane(resultsTab, compareTab);
        lower.setId("bench-lower");
        lower.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(live, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox center = new VBox(6, runBar, progressText, message, partial, split);
        center.setPadding(new Insets(10, 12, 10, 12));
        GridPane historyButtons = new GridPane(6, 6);
        historyButtons.addRow(0, open, compare);
        historyButtons.addRow(1, rename, delete);
        for (Button b : List.of(open, compare, rename, delete)) {
            b.setMaxWidth(Double.MAX_VALUE);
            GridPane.setHgrow(b, Priority.ALWAYS);
        }
        Label historyTitle = new Label("Saved runs");
        historyTitle.getStyleClass().add("title-4");
        VBox.setVgrow(history, Priority.ALWAYS);
        VBox side = new VBox(8, historyTitle, history, historyButtons);
        side.setPadding(new Insets(10));
        side.setPrefWidth(240);
        side.setMinWidth(190);
        side.getStyleClass().add("bench-history");
        setLeft(settingsScroll);
        setCenter(center);
        setRight(side);
        getStyleClass().add("benchmark-view");
        getStylesheets().add(BenchmarkView.class.getResource("benchmark.css").toExternalForm());

        // bindings
        var state = viewModel.stateProperty();
        BooleanBinding busy = state.isEqualTo(BenchmarkViewModel.State.RUNNING).or(state.isEqualTo(BenchmarkViewModel.State.STOPPING));
        run.disableProperty().bind(busy.or(viewModel.form().problemProperty().isNotEmpty()));
        stop.disableProperty().bind(state.isNotEqualTo(BenchmarkViewModel.State.RUNNING));
        settings.disableProperty().bind(busy);
        progress.progressProperty().bind(viewModel.progressProperty());
        progressText.textProperty().bind(viewModel.progressTextProperty());
        progressText.managedProperty().bind(progressText.textProperty().isNotEmpty());
        message.textProperty().bind(Bindings.when(viewModel.form().problemProperty().isNotEmpty().and(busy.not()))
                .then(viewModel.form().problemProperty()).otherwise(viewModel.messageProperty()));
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        partial.visibleProperty().bind(viewModel.partialProperty());
        partial.managedProperty().bind(viewModel.partialProperty());
        export.disableProperty().bind(busy.or(viewModel.reportProperty().isNull()));
        var selected = history.getSelectionModel().getSelectedItems();
        open.disableProperty().bind(busy.or(Bindings.size(selected).isNotEqualTo(1)));
        rename.disableProperty().bind(Bindings.size(selected).isNotEqualTo(1));
        delete.disableProperty().bind(busy.or(Bindings.isEmpty(selected)));
        compare.disableProperty().bind(Bindings.size(selected).isNotEqualTo(2));
        history.disableProperty().bind(busy);

        // handlers
        run.setOnAction(e -> viewModel.run());
        stop.setOnAction(e -> viewModel.stop());
        for (BenchmarkViewModel.ExportFormat format : BenchmarkViewModel.ExportFormat.values()) {
            MenuItem item = new MenuItem(format.name() + "…");
            item.setId("bench-export-" + format.name().toLowerCase(Locale.ROOT));
            item.setOnAction(e -> exportTo(viewModel, format));
            export.getItems().add(item);
        }
        open.setOnAction(e -> viewModel.open(history.getSelectionModel().getSelectedItem()));
        history.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && history.getSelectionModel().getSelectedItems().size() == 1) {
                viewModel.open(history.getSelectionModel().getSelectedItem());
            }
        });
        compare.setOnAction(e -> {
            // The older run is the baseline: the list is newest first.
            List<StoredBenchRun> two = history.getSelectionModel().getSelectedItems().stream()
                    .sorted(java.util.Comparator.comparing(StoredBenchRun::startedAt)).toList();
            viewModel.savedRuns().compare(two.get(0), two.get(1));
            lower.getSelectionModel().select(compareTab);
        });
        rename.setOnAction(e -> {
            StoredBenchRun chosen = history.getSelectionModel().getSelectedItem();
            TextInputDialog dialog = new TextInputDialog(chosen.label() == null ? "" : chosen.label());
            dialog.setTitle("Rename run");
            dialog.setHeaderText("A name for the " + chosen.scenario() + " run of " + WHEN.format(chosen.startedAt()));
            dialog.initOwner(getScene().getWindow());
            dialog.showAndWait().ifPresent(label -> viewModel.savedRuns().rename(chosen, label));
        });
        delete.setOnAction(e -> {
            List<StoredBenchRun> chosen = List.copyOf(history.getSelectionModel().getSelectedItems());
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete " + chosen.size() + " saved run" + (chosen.size() == 1 ? "" : "s")
                    + "? This cannot be undone.", ButtonType.OK, ButtonType.CANCEL);
            confirm.initOwner(getScene().getWindow());
            confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> chosen.forEach(viewModel.savedRuns()::delete));
        });
        viewModel.points().addListener((ListChangeListener<Object>) c -> charts.show(viewModel.points()));
        viewModel.facts().addListener((ListChangeListener<Object>) c -> showFacts(facts, viewModel.facts()));
        viewModel.reportProperty().subscribe(r -> {
            if (r != null) {
                lower.getSelectionModel().select(resultsTab);
            }
        });
        viewModel.savedRuns().comparisonProperty().subscribe(c -> charts.compare(c == null ? null : c.baseline(), c == null ? null : c.candidate()));
        viewModel.savedRuns().refresh();
    }

    private void exportTo(BenchmarkViewModel viewModel, BenchmarkViewModel.ExportFormat format) {
        BenchReport r = viewModel.reportProperty().get();
        String extension = format.name().toLowerCase(Locale.ROOT);
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the report as " + format.name());
        chooser.setInitialFileName("bench-" + r.scenario() + "-" + r.startedAt().replace(':', '-').replaceAll("\\..*", "") + "." + extension);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.name(), "*." + extension));
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            viewModel.export(file.toPath(), format);
        }
    }

    private static void showFacts(GridPane grid, List<ResultRows.Fact> facts) {
        grid.getChildren().clear();
        int row = 0;
        for (ResultRows.Fact f : facts) {
            Label name = new Label(f.name());
            name.getStyleClass().add("fact-name");
            name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label value = new Label(f.value());
            value.getStyleClass().add("fact-value");
            value.setWrapText(true);
            grid.addRow(row++, name, value);
        }
    }

    private static <T> TableColumn<T, String> column(String name, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(name);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    /** A change coloured by whether it is for the better. */
    private static final class VerdictCell extends TableCell<ResultRows.ComparisonRow, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("better", "worse");
            ResultRows.ComparisonRow row = empty ? null : getTableRow().getItem();
            setText(empty ? null : item);
            if (row != null && !row.verdict().isEmpty()) {
                getStyleClass().add(row.verdict());
            }
        }
    }

    /** A saved run: its name (or scenario and provider), when, and whether it was stopped early. */
    private static final class RunCell extends ListCell<StoredBenchRun> {
        RunCell() {
            setPrefWidth(0); // as wide as the list, ellipsised, rather than a sideways scroll bar
        }

        @Override
        protected void updateItem(StoredBenchRun run, boolean empty) {
            super.updateItem(run, empty);
            if (empty || run == null) {
                setText(null);
                return;
            }
            String title = run.label() != null ? run.label() : run.scenario() + " · " + run.provider();
            setText(title + "\n" + WHEN.format(run.startedAt()) + " · " + run.model() + (run.stoppedEarly() ? " · partial" : ""));
        }
    }
}
