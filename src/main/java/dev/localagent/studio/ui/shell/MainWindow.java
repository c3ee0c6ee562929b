package dev.localagent.studio.ui.shell;

import dev.localagent.studio.app.AppInfo;
import dev.localagent.studio.app.Studio;
import dev.localagent.studio.app.StudioTab;
import dev.localagent.studio.app.WindowState;
import dev.localagent.studio.ui.bench.BenchmarkView;
import dev.localagent.studio.ui.bench.BenchmarkViewModel;
import dev.localagent.studio.ui.chat.ChatView;
import dev.localagent.studio.ui.chat.ChatViewModel;
import dev.localagent.studio.ui.dashboard.DashboardView;
import dev.localagent.studio.ui.dashboard.DashboardViewModel;
import dev.localagent.studio.ui.settings.SettingsView;
import dev.localagent.studio.ui.settings.SettingsViewModel;
import dev.localagent.studio.ui.theme.ThemeController;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the shell into a stage: builds the views and view models, restores the window's size,
 * position and last tab, installs the shortcuts, and saves the window state when it closes.
 */
public final class MainWindow {

    private static final Logger LOG = LoggerFactory.getLogger(MainWindow.class);

    private final Studio studio;
    private final Stage stage;
    private final ShellViewModel shellViewModel;
    private final Scene scene;
    private final ChatViewModel chatViewModel;
    private final BenchmarkViewModel benchmarkViewModel;

    /**
     * @param followTheme whether the theme follows the settings (the window) or is left to the
     *     caller (screenshots pin light or dark)
     */
    public MainWindow(Studio studio, Stage stage, WindowState state, boolean followTheme) {
        this.studio = studio;
        this.stage = stage;
        Executor fx = Platform::runLater;
        shellViewModel = new ShellViewModel(studio, fx);
        SettingsViewModel settingsViewModel = new SettingsViewModel(studio, studio.background(), fx);
        if (followTheme) {
            ThemeController theme = new ThemeController(studio.config().ui().theme());
            theme.preferenceProperty().bind(settingsViewModel.themeProperty());
        }

        Map<StudioTab, Node> content = new EnumMap<>(StudioTab.class);
        chatViewModel = new ChatViewModel(studio, studio.background(), fx, ChatViewModel.STREAM_BATCH_INTERVAL);
        content.put(StudioTab.CHAT, new ChatView(chatViewModel));
        chatViewModel.onOpenSettings(() -> shellViewModel.select(StudioTab.SETTINGS));
        benchmarkViewModel = new BenchmarkViewModel(studio, studio.background(), fx);
        content.put(StudioTab.BENCHMARK, new BenchmarkView(benchmarkViewModel));
        content.put(StudioTab.DASHBOARD, new DashboardView(new DashboardViewModel(studio, studio.background(), fx)));
        content.put(StudioTab.SETTINGS, new SettingsView(settingsViewModel));
        shellViewModel.select(state.lastTab());
        ShellView shell = new ShellView(shellViewModel, content);

        scene = new Scene(shell, state.width(), state.height());
        installShortcuts();
        stage.setTitle(AppInfo.NAME);
        for (String icon : new String[] {"icon-64.png", "icon-256.png"}) {
            stage.getIcons().add(new javafx.scene.image.Image(MainWindow.class.getResource(icon).toExternalForm()));
        }
        stage.setScene(scene);
        stage.setMinWidth(720);
        stage.setMinHeight(480);
        place(state);
        stage.setOnHidden(e -> {
            benchmarkViewModel.stop(); // a run outliving its window would save into a closing studio
            saveState();
        });
    }

    public ShellViewModel viewModel() {
        return shellViewModel;
    }

    public Scene scene() {
        return scene;
    }

    public ChatViewModel chatViewModel() {
        return chatViewModel;
    }

    public BenchmarkViewModel benchmarkViewModel() {
        return benchmarkViewModel;
    }

    private void installShortcuts() {
        Map<KeyCombination, Runnable> keys = scene.getAccelerators();
        keys.put(shortcut(KeyCode.DIGIT1), () -> shellViewModel.select(StudioTab.CHAT));
        keys.put(shortcut(KeyCode.DIGIT2), () -> shellViewModel.select(StudioTab.BENCHMARK));
        keys.put(shortcut(KeyCode.DIGIT3), () -> shellViewModel.select(StudioTab.DASHBOARD));
        keys.put(shortcut(KeyCode.COMMA), () -> shellViewModel.select(StudioTab.SETTINGS));
        keys.put(shortcut(KeyCode.Q), stage::close);
    }

    private static KeyCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }

    /** Restores the last position only if it is still on a screen (a monitor may have gone). */
    private void place(WindowState state) {
        stage.setWidth(state.width());
        stage.setHeight(state.height());
        if (state.hasPosition() && !Screen.getScreensForRectangle(state.x(), state.y(), 100, 50).isEmpty()) {
            stage.setX(state.x());
            stage.setY(state.y());
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(state.maximized());
    }

    /** Reads the geometry here, on the FX thread, and writes it on a background thread. */
    private void saveState() {
        WindowState state = new WindowState(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized(), shellViewModel.selectedTabProperty().get());
        studio.background().execute(() -> {
            try {
                studio.windowStateStore().save(state);
            } catch (IOException e) {
                LOG.warn("Could not save the window state: {}", e.getMessage());
            }
        });
    }
}
