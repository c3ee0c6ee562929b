package dev.localagent.studio.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.app.Studio;
import dev.localagent.studio.service.config.StudioPaths;
import dev.localagent.studio.service.config.ThemePreference;
import dev.localagent.studio.ui.settings.SettingsViewModel.SaveState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings view model without a window: both executors run tasks on the calling thread. */
class SettingsViewModelTest {

    private static final Executor NOW = Runnable::run;

    @TempDir
    Path dir;

    private Studio studio;

    private SettingsViewModel open() throws Exception {
        studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
        return new SettingsViewModel(studio, NOW, NOW);
    }

    @AfterEach
    void close() {
        if (studio != null) {
            studio.close();
        }
    }

    @Test
    void choosingAThemeSavesItAndSaysWhere() throws Exception {
        SettingsViewModel vm = open();

        vm.themeProperty().set(ThemePreference.DARK);

        assertThat(vm.saveStateProperty().get()).isEqualTo(SaveState.SAVED);
        assertThat(vm.messageProperty().get()).isEqualTo("Saved to " + dir.resolve("config.json") + ".");
        assertThat(studio.config().ui().theme()).isEqualTo(ThemePreference.DARK);
        assertThat(Files.readString(dir.resolve("config.json"))).contains("\"theme\" : \"dark\"");
    }

    @Test
    void withABrokenFileTheChangeWaitsForConfirmationAndTheFileIsUntouched() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{ broken");
        SettingsViewModel vm = open();

        vm.themeProperty().set(ThemePreference.LIGHT);

        assertThat(vm.saveStateProperty().get()).isEqualTo(SaveState.NEEDS_CONFIRMATION);
        assertThat(vm.messageProperty().get()).startsWith("Not saved: ").contains("is not valid JSON").endsWith("confirm to save your settings to a new file.");
        assertThat(Files.readString(dir.resolve("config.json"))).isEqualTo("{ broken");
        assertThat(studio.configProblem()).isPresent();

        vm.confirmSaveKeepingBrokenCopy();

        assertThat(vm.saveStateProperty().get()).isEqualTo(SaveState.SAVED);
        assertThat(vm.messageProperty().get()).contains("The broken file was kept as config.broken-");
        assertThat(studio.configProblem()).isEmpty();
        assertThat(studio.config().ui().theme()).isEqualTo(ThemePreference.LIGHT);
    }

    @Test
    void settingsThatWillSurpriseAreListedAsAdvice() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"providers\": [{\"id\": \"openai\", \"breaker\": {\"failureThreshold\": 1}}]}");
        SettingsViewModel vm = open();

        assertThat(vm.advice()).singleElement().asString().startsWith("openai breaker.failureThreshold: the breaker opens on a single failure");
    }

    @Test
    void confirmingWithoutARefusedSaveDoesNothing() throws Exception {
        SettingsViewModel vm = open();

        vm.confirmSaveKeepingBrokenCopy();

        assertThat(vm.saveStateProperty().get()).isEqualTo(SaveState.IDLE);
        assertThat(Files.exists(dir.resolve("config.json"))).isFalse();
    }
}
