package dev.localagent.studio.ui.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.app.Studio;
import dev.localagent.studio.app.StudioTab;
import dev.localagent.studio.app.WindowState;
import dev.localagent.studio.service.config.StudioPaths;
import dev.localagent.studio.ui.shell.StudioApp;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The benchmark tab in the real window, headless, running the real engine against the simulator. */
class BenchmarkViewTest {

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private Studio studio;
    private StudioApp app;

    @BeforeEach
    void open() throws Exception {
        studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
        FxToolkit.registerPrimaryStage();
        app = (StudioApp) FxToolkit.setupApplication(() -> new StudioApp(studio,
                new WindowState(Double.NaN, Double.NaN, 1280, 800, false, StudioTab.BENCHMARK)));
        WaitForAsyncUtils.waitForFxEvents();
        // The headless robot clicks but does not type: put the text in the real fields.
        type("#bench-users", "2");
        type("#bench-max-tokens", "8");
    }

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            app.window().benchmarkViewModel().stop();
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        if (studio != null) {
            studio.close();
        }
    }

    @Test
    void runningAShortBenchmarkMovesTheProgressBarDrawsTheChartsAndShowsTheResults() throws Exception {
        type("#bench-length", "3s");
        ProgressBar progress = robot.lookup("#bench-progress").queryAs(ProgressBar.class);
        LineChart<?, ?> latency = robot.lookup("#bench-latency-chart").queryAs(LineChart.class);
        TableView<?> results = robot.lookup("#bench-results").queryAs(TableView.class);

        robot.clickOn("#bench-run");

        assertThat(robot.lookup("#bench-stop").query().isDisabled()).isFalse();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> progress.getProgress() > 0 && progress.getProgress() < 1);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !latency.getData().getFirst().getData().isEmpty());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !results.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(progress.getProgress()).isEqualTo(1.0);
        assertThat(robot.lookup("#bench-progress-text").queryAs(Label.class).getText()).startsWith("done");
        assertThat(robot.lookup("#bench-facts .fact-name").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("requests", "throughput");
        assertThat(robot.lookup("#bench-breaker-band").queryAs(HBox.class).getChildren()).isNotEmpty()
                .allSatisfy(cell -> assertThat(cell.getStyleClass()).contains("breaker-closed"));
        assertThat(robot.lookup("#bench-partial").query().isVisible()).isFalse();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#bench-history").queryListView().getItems().isEmpty());
        assertThat(robot.lookup("#bench-run").query().isDisabled()).isFalse();
    }

    @Test
    void stoppingMidRunKeepsTheResultsSoFarMarkedPartial() throws Exception {
        type("#bench-length", "2m");
        LineChart<?, ?> throughput = robot.lookup("#bench-throughput-chart").queryAs(LineChart.class);
        TableView<?> results = robot.lookup("#bench-results").queryAs(TableView.class);

        robot.clickOn("#bench-run");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> throughput.getData().getFirst().getData().size() >= 2);
        robot.clickOn("#bench-stop");

        WaitForAsyncUtils.waitFor(40, TimeUnit.SECONDS, () -> !results.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        Node partial = robot.lookup("#bench-partial").query();
        assertThat(partial.isVisible()).isTrue();
        assertThat(robot.lookup("#bench-progress-text").queryAs(Label.class).getText()).contains("partial results");
        assertThat(throughput.getData().getFirst().getData()).isNotEmpty();
        assertThat(robot.lookup("#bench-export").query().isDisabled()).isFalse();
    }

    @Test
    void twoSavedRunsCompareAsColouredDeltasAndOverlaidSeries() throws Exception {
        type("#bench-length", "2s");
        javafx.scene.control.ListView<?> history = robot.lookup("#bench-history").queryListView();
        for (int n = 1; n <= 2; n++) {
            int runs = n;
            robot.clickOn("#bench-run");
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> history.getItems().size() == runs
                    && !robot.lookup("#bench-run").query().isDisabled());
        }

        robot.interact(() -> history.getSelectionModel().selectAll());
        robot.clickOn("#bench-compare");

        TableView<?> comparison = robot.lookup("#bench-comparison").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !comparison.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(comparison.isVisible()).as("the Compare tab is shown").isTrue();
        assertThat(robot.lookup("#bench-comparison .table-cell.better").tryQuery().isPresent()
                || robot.lookup("#bench-comparison .table-cell.worse").tryQuery().isPresent()).isTrue();
        LineChart<?, ?> overlay = robot.lookup("#bench-compare-chart").queryAs(LineChart.class);
        assertThat(overlay.getData()).hasSize(4).allSatisfy(series -> assertThat(series.getData()).isNotEmpty());
    }

    @Test
    void anInvalidSettingDisablesRunAndSaysWhy() {
        type("#bench-users", "lots");

        assertThat(robot.lookup("#bench-run").query().isDisabled()).isTrue();
        assertThat(robot.lookup("#bench-message").queryAs(Label.class).getText()).isEqualTo("users must be a whole number (got 'lots')");
        type("#bench-users", "2");
        assertThat(robot.lookup("#bench-run").query().isDisabled()).isFalse();
        assertThat(robot.lookup("#bench-message").query().isVisible()).isFalse();
    }

    private void type(String id, String text) {
        TextField field = robot.lookup(id).queryAs(TextField.class);
        robot.interact(() -> field.setText(text));
    }
}
