package dev.localagent.studio.ui.bench;

import dev.localagent.studio.model.CacheStrategy;
import dev.localagent.studio.service.bench.Arrival;
import dev.localagent.studio.service.bench.BenchScenario;
import dev.localagent.studio.service.bench.PromptSet;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/** The settings column of the benchmark tab: one row per setting, each shown only for the scenarios that use it. */
final class BenchSettingsPane extends VBox {

    private static final double LABEL_WIDTH = 92;

    BenchSettingsPane(BenchSettingsForm form, javafx.collections.ObservableList<String> models) {
        // parts
        ComboBox<String> provider = new ComboBox<>(form.providers());
        provider.setId("bench-provider");
        ComboBox<String> model = new ComboBox<>(models);
        model.setId("bench-model");
        model.setEditable(true);
        ComboBox<BenchScenario> scenario = new ComboBox<>(FXCollections.observableArrayList(BenchScenario.values()));
        scenario.setId("bench-scenario");
        scenario.setConverter(named(BenchScenario::id, BenchScenario::parse));
        TextField users = field("bench-users", "8");
        TextField rate = field("bench-rate", "10");
        ComboBox<Arrival> arrival = new ComboBox<>(FXCollections.observableArrayList(Arrival.values()));
        arrival.setConverter(named(Arrival::id, Arrival::parse));
        TextField cap = field("bench-cap", "0 = none");
        TextField rateStep = field("bench-rate-step", "10");
        TextField stepDuration = field("bench-step-duration", "10s");
        TextField maxSteps = field("bench-max-steps", "10");
        ComboBox<String> faults = new ComboBox<>(FXCollections.observableArrayList(BenchSettingsForm.FAULT_PRESETS));
        faults.setId("bench-faults");
        TextField repeatRatio = field("bench-repeat-ratio", "0.5");
        ComboBox<CacheStrategy> strategy = new ComboBox<>(FXCollections.observableArrayList(
                CacheStrategy.SELECTIVE, CacheStrategy.AGGRESSIVE, CacheStrategy.CONSERVATIVE));
        strategy.setConverter(named(s -> s.name().toLowerCase(Locale.ROOT), s -> CacheStrategy.valueOf(s.toUpperCase(Locale.ROOT))));
        ComboBox<String> lengthKind = new ComboBox<>(FXCollections.observableArrayList("a duration", "requests"));
        lengthKind.setId("bench-length-kind");
        TextField length = field("bench-length", "30s");
        TextField warmup = field("bench-warmup", "0s");
        TextField maxTokens = field("bench-max-tokens", "128");
        CheckBox stream = new CheckBox("Stream replies");
        stream.setId("bench-stream");
        CheckBox clientLimits = new CheckBox("Client limits");
        clientLimits.setId("bench-client-limits");
        clientLimits.setTooltip(new javafx.scene.control.Tooltip(
                "On: the provider's rate limiter and bulkhead shape the load, and the run shows their waits and refusals. "
                        + "Off: both are lifted to measure the provider alone."));
        ComboBox<String> prompts = new ComboBox<>(FXCollections.observableArrayList(PromptSet.BUILT_IN));
        prompts.setId("bench-prompts");
        prompts.setEditable(true);
        Button promptFile = new Button("…");
        promptFile.setId("bench-prompt-file");
        promptFile.setTooltip(new javafx.scene.control.Tooltip("Choose a JSONL file with one {\"prompt\": …} per line"));
        TextField ttft = field("bench-slo-ttft", "no objective");
        TextField e2e = field("bench-slo-e2e", "no objective");
        TextField tpot = field("bench-slo-tpot", "no objective");
        Label objectivesHint = new Label("Objectives per request (e.g. 500ms, 5s): goodput counts the requests that meet them all.");
        objectivesHint.getStyleClass().addAll("text-muted", "hint");
        objectivesHint.setWrapText(true);

        // layout
        HBox promptRow = new HBox(4, prompts, promptFile);
        HBox.setHgrow(prompts, Priority.ALWAYS);
        for (Node n : List.of(provider, model, scenario, arrival, faults, strategy, prompts, lengthKind)) {
            ((ComboBox<?>) n).setMaxWidth(Double.MAX_VALUE);
        }
        Label rateLabel = new Label();
        Label usersLabel = new Label("Users");
        Label lengthLabel = new Label();
        getChildren().addAll(
                row("Provider", provider, null),
                row("Model", model, null),
                row("Scenario", scenario, null),
                row(usersLabel, users, usedBy(form, BenchParameter.USERS)),
                row(rateLabel, rate, usedBy(form, BenchParameter.RATE)),
                row("Rate step", rateStep, usedBy(form, BenchParameter.RATE_STEP)),
                row("Step length", stepDuration, usedBy(form, BenchParameter.STEP_DURATION)),
                row("Max steps", maxSteps, usedBy(form, BenchParameter.MAX_STEPS)),
                row("Arrival", arrival, usedBy(form, BenchParameter.ARRIVAL)),
                row("In-flight cap", cap, usedBy(form, BenchParameter.IN_FLIGHT_CAP)),
                row("Faults", faults, usedBy(form, BenchParameter.FAULTS)),
                row("Repeat ratio", repeatRatio, usedBy(form, BenchParameter.REPEAT_RATIO)),
                row("Cache", strategy, usedBy(form, BenchParameter.CACHE_STRATEGY)),
                row("Run for", lengthKind, usedBy(form, BenchParameter.LENGTH)),
                row(lengthLabel, length, usedBy(form, BenchParameter.LENGTH)),
                row("Warm-up", warmup, usedBy(form, BenchParameter.WARMUP)),
                row("Max tokens", maxTokens, null),
                row("Prompts", promptRow, null),
                row("", stream, null),
                row("", clientLimits, null),
                row("TTFT ≤", ttft, null),
                row("E2E ≤", e2e, null),
                row("TPOT ≤", tpot, null),
                row("", objectivesHint, null));
        setSpacing(6);
        setPadding(new Insets(12));
        getStyleClass().add("bench-settings");

        // bindings
        provider.valueProperty().bindBidirectional(form.providerProperty());
        model.valueProperty().bindBidirectional(form.modelProperty());
        scenario.valueProperty().bindBidirectional(form.scenarioProperty());
        users.textProperty().bindBidirectional(form.usersProperty());
        rate.textProperty().bindBidirectional(form.rateProperty());
        arrival.valueProperty().bindBidirectional(form.arrivalProperty());
        cap.textProperty().bindBidirectional(form.inFlightCapProperty());
        rateStep.textProperty().bindBidirectional(form.rateStepProperty());
        stepDuration.textProperty().bindBidirectional(form.stepDurationProperty());
        maxSteps.textProperty().bindBidirectional(form.maxStepsProperty());
        faults.valueProperty().bindBidirectional(form.faultsProperty());
        repeatRatio.textProperty().bindBidirectional(form.repeatRatioProperty());
        strategy.valueProperty().bindBidirectional(form.cacheStrategyProperty());
        length.textProperty().bindBidirectional(form.lengthProperty());
        warmup.textProperty().bindBidirectional(form.warmupProperty());
        maxTokens.textProperty().bindBidirectional(form.maxTokensProperty());
        stream.selectedProperty().bindBidirectional(form.streamProperty());
        clientLimits.selectedProperty().bindBidirectional(form.clientLimitsProperty());
        prompts.valueProperty().bindBidirectional(form.promptsProperty());
        ttft.textProperty().bindBidirectional(form.ttftProperty());
        e2e.textProperty().bindBidirectional(form.e2eProperty());
        tpot.textProperty().bindBidirectional(form.tpotProperty());
        rateLabel.textProperty().bind(form.scenarioProperty().map(s -> s == BenchScenario.STRESS ? "Start rate/s" : "Rate/s"));
        lengthKind.setValue(form.byRequestsProperty().get() ? "requests" : "a duration");
        lengthKind.valueProperty().subscribe(v -> form.byRequestsProperty().set("requests".equals(v)));
        length.promptTextProperty().bind(Bindings.when(form.byRequestsProperty()).then("e.g. 200").otherwise("e.g. 30s"));
        lengthLabel.textProperty().bind(Bindings.when(form.byRequestsProperty()).then("Requests").otherwise("Duration"));

        // handlers
        promptFile.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Prompt set (JSONL)");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON Lines", "*.jsonl"));
            File file = chooser.showOpenDialog(getScene().getWindow());
            if (file != null) {
                form.promptsProperty().set(file.getAbsolutePath());
            }
        });
    }

    private static ObservableValue<Boolean> usedBy(BenchSettingsForm form, BenchParameter parameter) {
        return form.scenarioProperty().map(parameter::usedBy);
    }

    private static HBox row(String label, Node control, ObservableValue<Boolean> shown) {
        return row(new Label(label), control, shown);
    }

    private static HBox row(Label label, Node control, ObservableValue<Boolean> shown) {
        label.setMinWidth(LABEL_WIDTH);
        label.setPrefWidth(LABEL_WIDTH);
        HBox row = new HBox(8, label, control);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(control, Priority.ALWAYS);
        if (control instanceof javafx.scene.layout.Region r) {
            r.setMaxWidth(Double.MAX_VALUE);
        }
        if (shown != null) {
            row.visibleProperty().bind(shown);
            row.managedProperty().bind(shown);
        }
        return row;
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(6);
        return f;
    }

    private static <T> StringConverter<T> named(Function<T, String> name, Function<String, T> parse) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : name.apply(value);
            }

            @Override
            public T fromString(String text) {
                return text == null || text.isBlank() ? null : parse.apply(text);
            }
        };
    }
}
