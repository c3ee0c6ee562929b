package dev.localagent.studio.ui.settings;

import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.config.ThemePreference;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Appearance, where files live, and the configured providers. */
public final class SettingsView extends ScrollPane {

    private final SettingsViewModel viewModel;
    private final ToggleGroup themeGroup = new ToggleGroup();

    public SettingsView(SettingsViewModel viewModel) {
        this.viewModel = viewModel;

        // parts
        Label title = new Label("Settings");
        title.getStyleClass().add("title-2");
        HBox themeButtons = themeButtons();
        GridPane files = files();
        TableView<ProviderConfig> providerTable = providerTable();
        Label status = new Label();
        status.setId("settings-status");
        status.setWrapText(true);
        Button confirm = new Button("Save to a new file, keeping a copy of the broken one");
        confirm.setId("confirm-save");
        confirm.getStyleClass().add("danger");

        VBox adviceBox = new VBox(4);
        adviceBox.setId("settings-advice");
        Runnable showAdvice = () -> adviceBox.getChildren().setAll(viewModel.advice().stream().map(text -> {
            Label line = new Label("• " + text);
            line.setWrapText(true);
            line.getStyleClass().add("text-muted");
            return line;
        }).toList());
        showAdvice.run();
        viewModel.advice().addListener((javafx.collections.ListChangeListener<String>) change -> showAdvice.run());
        VBox adviceSection = section("Advice", adviceBox);

        // layout
        HBox themeRow = new HBox(12, new Label("Theme"), themeButtons);
        themeRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox saveBox = new VBox(8, status, confirm);
        VBox content = new VBox(18,
                title,
                saveBox,
                section("Appearance", themeRow),
                section("Files", files),
                section("Providers", providerTable),
                adviceSection);
        content.setPadding(new Insets(24));
        content.setMaxWidth(1100);
        content.getStyleClass().add("settings-content");
        setContent(content);
        setFitToWidth(true);
        getStyleClass().add("settings-view");

        // bindings
        status.textProperty().bind(viewModel.messageProperty());
        status.visibleProperty().bind(viewModel.messageProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        confirm.visibleProperty().bind(viewModel.saveStateProperty().isEqualTo(SettingsViewModel.SaveState.NEEDS_CONFIRMATION));
        confirm.managedProperty().bind(confirm.visibleProperty());
        saveBox.visibleProperty().bind(status.visibleProperty().or(confirm.visibleProperty()));
        saveBox.managedProperty().bind(saveBox.visibleProperty());

        adviceSection.visibleProperty().bind(Bindings.isNotEmpty(viewModel.advice()));
        adviceSection.managedProperty().bind(adviceSection.visibleProperty());

        // handlers
        confirm.setOnAction(e -> viewModel.confirmSaveKeepingBrokenCopy());
    }

    private HBox themeButtons() {
        HBox box = new HBox();
        box.getStyleClass().add("segmented");
        for (ThemePreference preference : ThemePreference.values()) {
            ToggleButton button = new ToggleButton(label(preference));
            button.setId("theme-" + preference.name().toLowerCase(Locale.ROOT));
            button.setUserData(preference);
            button.setToggleGroup(themeGroup);
            button.setSelected(preference == viewModel.themeProperty().get());
            box.getChildren().add(button);
        }
        themeGroup.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one theme is always chosen
            } else {
                viewModel.themeProperty().set((ThemePreference) now.getUserData());
            }
        });
        return box;
    }

    private static String label(ThemePreference preference) {
        return switch (preference) {
            case SYSTEM -> "Follow system";
            case LIGHT -> "Light";
            case DARK -> "Dark";
        };
    }

    private GridPane files() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.addRow(0, new Label("Settings file"), readOnly(viewModel.configFile().toString()));
        grid.addRow(1, new Label("Data folder"), readOnly(viewModel.dataDir().toString()));
        return grid;
    }

    private static TextField readOnly(String text) {
        TextField field = new TextField(text);
        field.setEditable(false);
        field.setPrefColumnCount(48);
        return field;
    }

    private TableView<ProviderConfig> providerTable() {
        TableView<ProviderConfig> table = new TableView<>(viewModel.providers());
        table.setId("provider-table");
        table.getColumns().setAll(java.util.List.of(
                column("Provider", 130, ProviderConfig::id),
                column("Protocol", 100, p -> p.kind().displayName()),
                column("Address", 330, p -> p.simulator() ? "built-in simulator" : p.baseUrl()),
                column("Default model", 150, ProviderConfig::defaultModel),
                column("Requests/s", 90, p -> trim(p.rateLimit().requestsPerSecond())),
                column("Burst", 70, p -> Integer.toString(p.rateLimit().burst())),
                column("Cache", 100, p -> p.cache().strategy().name().toLowerCase(Locale.ROOT))));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setFixedCellSize(30);
        // Tall enough for every row: a settings page scrolls as a whole, not table by table.
        table.prefHeightProperty().bind(Bindings.size(table.getItems()).multiply(30).add(48));
        return table;
    }

    private static TableColumn<ProviderConfig, String> column(String name, double width, Function<ProviderConfig, String> value) {
        TableColumn<ProviderConfig, String> column = new TableColumn<>(name);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setSortable(false);
        return column;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static VBox section(String heading, javafx.scene.Node body) {
        Label label = new Label(heading);
        label.getStyleClass().add("title-4");
        VBox box = new VBox(8, label, body);
        box.getStyleClass().add("settings-section");
        return box;
    }
}
