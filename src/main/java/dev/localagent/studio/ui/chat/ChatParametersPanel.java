package dev.localagent.studio.ui.chat;

import dev.localagent.studio.service.store.SamplingPreset;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The collapsible sampling panel: a preset picker, the four parameters, and the one-line problem when a value is refused. */
final class ChatParametersPanel extends TitledPane {

    ChatParametersPanel(ChatParametersViewModel viewModel) {
        // parts
        ComboBox<SamplingPreset> preset = new ComboBox<>(viewModel.presets());
        preset.setId("chat-preset");
        preset.setPromptText("Preset");
        preset.setCellFactory(list -> new PresetCell());
        preset.setButtonCell(new PresetCell());
        TextField temperature = field("chat-temperature", "default", 70);
        TextField topP = field("chat-top-p", "default", 70);
        TextField maxTokens = field("chat-max-tokens", "default", 90);
        TextField seed = field("chat-seed", "none", 90);
        Button save = new Button("Save as preset\u2026");
        save.setId("chat-preset-save");
        Button delete = new Button("Delete preset");
        delete.setId("chat-preset-delete");
        Label problem = new Label();
        problem.setId("chat-parameters-problem");
        problem.getStyleClass().add("parameters-problem");
        Label presetMessage = new Label();
        presetMessage.getStyleClass().add("text-muted");

        // layout
        FlowPane fields = new FlowPane(14, 6,
                labelled("Preset", preset), labelled("Temperature", temperature), labelled("Top P", topP),
                labelled("Max output tokens", maxTokens), labelled("Seed", seed), save, delete);
        fields.setAlignment(Pos.CENTER_LEFT);
        VBox content = new VBox(6, fields, problem, presetMessage);
        content.setPadding(new Insets(6, 10, 6, 10));
        setContent(content);
        setText("Parameters");
        setId("chat-parameters");
        setExpanded(false);
        setAnimated(false);
        getStyleClass().add("chat-parameters");

        // bindings
        temperature.textProperty().bindBidirectional(viewModel.temperatureProperty());
        topP.textProperty().bindBidirectional(viewModel.topPProperty());
        maxTokens.textProperty().bindBidirectional(viewModel.maxOutputTokensProperty());
        seed.textProperty().bindBidirectional(viewModel.seedProperty());
        problem.textProperty().bind(viewModel.problemProperty());
        problem.visibleProperty().bind(viewModel.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        presetMessage.textProperty().bind(viewModel.presetMessageProperty());
        presetMessage.managedProperty().bind(viewModel.presetMessageProperty().isNotEmpty());
        delete.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> preset.getValue() == null || preset.getValue().builtIn(), preset.valueProperty()));
        // The title says what is in use while the panel is folded away.
        Runnable title = () -> {
            String summary = viewModel.summary();
            setText(viewModel.problemProperty().get().isEmpty()
                    ? "Parameters" + (summary.isEmpty() ? " (provider defaults)" : ": " + summary)
                    : "Parameters: " + viewModel.problemProperty().get());
        };
        for (var p : java.util.List.of(viewModel.temperatureProperty(), viewModel.topPProperty(), viewModel.maxOutputTokensProperty(),
                viewModel.seedProperty(), viewModel.problemProperty())) {
            p.addListener((obs, old, now) -> title.run());
        }
        title.run();

        // handlers
        preset.setOnAction(e -> viewModel.apply(preset.getValue()));
        save.setOnAction(e -> {
            TextInputDialog ask = new TextInputDialog(preset.getValue() == null || preset.getValue().builtIn() ? "" : preset.getValue().name());
            ask.setTitle("Save preset");
            ask.setHeaderText(null);
            ask.setContentText("Name");
            ask.showAndWait().ifPresent(viewModel::save);
        });
        delete.setOnAction(e -> viewModel.delete(preset.getValue()));
    }

    private static TextField field(String id, String prompt, double width) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(5);
        field.setPrefWidth(width);
        return field;
    }

    private static HBox labelled(String text, javafx.scene.Node control) {
        HBox box = new HBox(6, new Label(text), control);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static final class PresetCell extends ListCell<SamplingPreset> {
        @Override
        protected void updateItem(SamplingPreset item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.name());
        }
    }
}
