package dev.localagent.studio.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.app.Studio;
import dev.localagent.studio.app.StudioTab;
import dev.localagent.studio.app.WindowState;
import dev.localagent.studio.service.config.StudioPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the real window on JavaFX's headless platform and drives it like a user. */
class MainWindowTest {

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private Studio studio;
    private StudioApp app;
    private Stage stage;

    private void open(WindowState state) throws Exception {
        studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
        stage = FxToolkit.registerPrimaryStage();
        app = (StudioApp) FxToolkit.setupApplication(() -> new StudioApp(studio, state));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        if (studio != null) {
            studio.close();
        }
    }

    private TabPane tabs() {
        return robot.lookup("#main-tabs").queryAs(TabPane.class);
    }

    private StudioTab selected() {
        Tab tab = tabs().getSelectionModel().getSelectedItem();
        return (StudioTab) tab.getUserData();
    }

    @Test
    void theWindowIsTitledAndEveryTabCanBeOpened() throws Exception {
        open(WindowState.DEFAULT);

        assertThat(stage.getTitle()).isEqualTo("LocalAgent Studio");
        assertThat(tabs().getTabs()).extracting(Tab::getText).containsExactly("Chat", "Benchmark", "Dashboard", "Settings");
        for (StudioTab kind : StudioTab.values()) {
            robot.clickOn(robot.lookup(".tab").match((Node n) -> n.getId() != null && n.getId().equals("tab-" + kind.id())).queryAs(Node.class));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(selected()).isEqualTo(kind);
            assertThat(tabs().getSelectionModel().getSelectedItem().getContent().isVisible()).isTrue();
        }
    }

    @Test
    void keyboardShortcutsSwitchTabsAndOpenSettings() throws Exception {
        open(WindowState.DEFAULT);

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(selected()).isEqualTo(StudioTab.DASHBOARD);

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(selected()).isEqualTo(StudioTab.BENCHMARK);

        robot.press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(selected()).isEqualTo(StudioTab.SETTINGS);
        assertThat(robot.lookup("#provider-table").tryQuery()).isPresent();

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(selected()).isEqualTo(StudioTab.CHAT);
    }

    @Test
    void theStatusBarListsEveryEnabledProvider() throws Exception {
        open(WindowState.DEFAULT);

        for (String id : new String[] {"sim-ollama", "sim-openai", "sim-gemini", "sim-perplexity", "ollama", "openai", "gemini", "perplexity"}) {
            assertThat(robot.lookup("#status-" + id).tryQuery()).as(id).isPresent();
        }
    }

    @Test
    void choosingADarkThemeInSettingsIsSavedToTheSettingsFile() throws Exception {
        open(WindowState.DEFAULT);

        robot.press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
        robot.clickOn("#theme-dark");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(dir.resolve("config.json"))
                && Files.readString(dir.resolve("config.json")).contains("\"theme\" : \"dark\""));

        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#settings-status").queryAs(Label.class).getText().startsWith("Saved"));
        assertThat(studio.config().ui().theme().name()).isEqualTo("DARK");
    }

    @Test
    void aBrokenSettingsFileShowsOneClearMessageAndIsOnlyReplacedAfterConfirmation() throws Exception {
        String broken = "{ \"ui\": { \"theme\": 42 } }";
        Files.writeString(dir.resolve("config.json"), broken);
        open(WindowState.DEFAULT);

        Label banner = robot.lookup("#config-problem").queryAs(Label.class);
        assertThat(banner.getParent().isVisible()).isTrue();
        assertThat(banner.getText()).contains("config.json, line 1, column 20, ui.theme: must be one of system, light, dark (was 42)")
                .contains("running on defaults");

        robot.clickOn("Open settings");
        robot.clickOn("#theme-light");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#confirm-save").query().isVisible());
        assertThat(Files.readString(dir.resolve("config.json"))).isEqualTo(broken);

        robot.clickOn("#confirm-save");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !banner.getParent().isVisible());
        assertThat(Files.readString(dir.resolve("config.json"))).contains("\"theme\" : \"light\"");
        try (var files = Files.list(dir)) {
            Path kept = files.filter(p -> p.getFileName().toString().startsWith("config.broken-")).findFirst().orElseThrow();
            assertThat(Files.readString(kept)).isEqualTo(broken);
        }
    }

    @Test
    void theWindowReopensWhereItWasOnTheLastTab() throws Exception {
        open(new WindowState(Double.NaN, Double.NaN, 1000, 700, false, StudioTab.DASHBOARD));
        assertThat(selected()).isEqualTo(StudioTab.DASHBOARD);
        assertThat(stage.getWidth()).isEqualTo(1000);

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.isShowing()).isFalse();
        studio.close(); // waits for the background write

        WindowState saved = studio.windowStateStore().load();
        assertThat(saved.lastTab()).isEqualTo(StudioTab.BENCHMARK);
        assertThat(saved.width()).isEqualTo(1000);
        assertThat(saved.height()).isEqualTo(700);
    }
}
