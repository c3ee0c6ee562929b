package dev.localagent.studio.ui.settings;

import dev.localagent.studio.app.Studio;
import dev.localagent.studio.service.config.BrokenConfigException;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.config.StudioConfig;
import dev.localagent.studio.service.config.ThemePreference;
import java.io.IOException;
import dev.localagent.studio.service.resilience.SettingsLint;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The settings a user can change here, and the saving of them. A change applies at once; the
 * write happens on a background thread. When the settings file is broken, the first save is
 * refused and the user is asked before anything is written.
 */
public final class SettingsViewModel {

    /** Where the last save stands. */
    public enum SaveState {
        IDLE,
        SAVING,
        SAVED,
        NEEDS_CONFIRMATION,
        FAILED
    }

    private final Studio studio;
    private final Executor background;
    private final Executor fx;
    private final ObjectProperty<ThemePreference> theme = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<SaveState> saveState = new ReadOnlyObjectWrapper<>(SaveState.IDLE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ObservableList<ProviderConfig> providers = FXCollections.observableArrayList();
    private final ObservableList<String> advice = FXCollections.observableArrayList();
    private UnaryOperator<StudioConfig> pendingChange;

    /**
     * @param background where file I/O runs
     * @param fx where results are published ({@code Platform::runLater}; {@code Runnable::run} in tests)
     */
    public SettingsViewModel(Studio studio, Executor background, Executor fx) {
        this.studio = studio;
        this.background = background;
        this.fx = fx;
        theme.set(studio.config().ui().theme());
        providers.setAll(studio.config().providers());
        advice.setAll(adviceFor(studio.config()));
        studio.onConfigChanged(config -> {
            List<String> next = adviceFor(config);
            fx.execute(() -> {
                providers.setAll(config.providers());
                advice.setAll(next);
            });
        });
        theme.addListener((obs, old, now) -> {
            if (now != null && now != studio.config().ui().theme()) {
                save(config -> config.withUi(config.ui().withTheme(now)));
            }
        });
    }

    public ObjectProperty<ThemePreference> themeProperty() {
        return theme;
    }

    public ReadOnlyObjectProperty<SaveState> saveStateProperty() {
        return saveState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObservableList<ProviderConfig> providers() {
        return FXCollections.unmodifiableObservableList(providers);
    }

    /** Settings that are valid but will surprise, one sentence each. */
    public ObservableList<String> advice() {
        return FXCollections.unmodifiableObservableList(advice);
    }

    private static List<String> adviceFor(StudioConfig config) {
        return SettingsLint.check(config).stream().map(SettingsLint.Warning::toString).toList();
    }

    public Path configFile() {
        return studio.paths().configFile();
    }

    public Path dataDir() {
        return studio.paths().dataDir();
    }

    private void save(UnaryOperator<StudioConfig> change) {
        pendingChange = change;
        saveState.set(SaveState.SAVING);
        background.execute(() -> {
            try {
                studio.updateConfig(change);
                publish(SaveState.SAVED, "Saved to " + configFile() + ".");
            } catch (BrokenConfigException e) {
                publish(SaveState.NEEDS_CONFIRMATION, e.getMessage());
            } catch (IOException | RuntimeException e) {
                publish(SaveState.FAILED, "Could not save the settings to " + configFile() + ": " + e.getMessage());
            }
        });
    }

    /** The user agreed to replace a broken settings file; a copy of it is kept beside it. */
    public void confirmSaveKeepingBrokenCopy() {
        UnaryOperator<StudioConfig> change = pendingChange;
        if (change == null || saveState.get() != SaveState.NEEDS_CONFIRMATION) {
            return;
        }
        saveState.set(SaveState.SAVING);
        background.execute(() -> {
            try {
                Path kept = studio.updateConfigKeepingBrokenCopy(change);
                publish(SaveState.SAVED, kept == null
                        ? "Saved to " + configFile() + "."
                        : "Saved to " + configFile() + ". The broken file was kept as " + kept.getFileName() + ".");
            } catch (IOException | RuntimeException e) {
                publish(SaveState.FAILED, "Could not save the settings to " + configFile() + ": " + e.getMessage());
            }
        });
    }

    private void publish(SaveState state, String text) {
        fx.execute(() -> {
            saveState.set(state);
            message.set(text);
        });
    }
}
