package dev.localagent.studio.ui.shell;

import dev.localagent.studio.app.Studio;
import dev.localagent.studio.app.WindowState;
import java.util.Objects;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: one main window over a {@link Studio} the launcher built. */
public final class StudioApp extends Application {

    private record Handoff(Studio studio, WindowState state) {}

    /** Set by {@link FxFrontEnd#open} because JavaFX constructs the application itself. */
    private static volatile Handoff handoff;

    private final Studio studio;
    private final WindowState state;
    private MainWindow window;

    public StudioApp() {
        this(Objects.requireNonNull(handoff, "StudioApp must be started through FxFrontEnd.open").studio(), handoff.state());
    }

    /** @param state the window state, read before the FX thread needs it (it is file I/O) */
    public StudioApp(Studio studio, WindowState state) {
        this.studio = studio;
        this.state = state;
    }

    static void launchWith(Studio studio, WindowState state) {
        handoff = new Handoff(studio, state);
    }

    @Override
    public void start(Stage stage) {
        window = new MainWindow(studio, stage, state, true);
        stage.show();
        studio.health().start();
    }

    public MainWindow window() {
        return window;
    }
}
