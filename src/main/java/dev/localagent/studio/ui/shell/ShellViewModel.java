package dev.localagent.studio.ui.shell;

import dev.localagent.studio.app.Studio;
import dev.localagent.studio.app.StudioTab;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.config.StudioConfig;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the main window without any node: which tab is open, the settings-file problem (if
 * any), and the providers in the status bar. Testable without a window.
 */
public final class ShellViewModel {

    private final ObjectProperty<StudioTab> selectedTab = new SimpleObjectProperty<>(StudioTab.CHAT);
    private final ReadOnlyStringWrapper configProblem = new ReadOnlyStringWrapper();
    private final ObservableList<ProviderHealth> providers = FXCollections.observableArrayList();

    /**
     * @param fx runs a task on the FX thread ({@code Platform::runLater}; {@code Runnable::run} in tests)
     */
    public ShellViewModel(Studio studio, Executor fx) {
        configProblem.set(studio.configProblem().orElse(null));
        providers.setAll(statusOf(studio.config()));
        studio.onConfigChanged(config -> {
            List<ProviderHealth> next = statusOf(config);
            fx.execute(() -> {
                configProblem.set(null);
                providers.setAll(next);
            });
        });
    }

    /**
     * Health is not probed yet: every provider starts as "not checked", which is the truth until a
     * health check has answered.
     */
    private static List<ProviderHealth> statusOf(StudioConfig config) {
        return config.providers().stream()
                .filter(ProviderConfig::enabled)
                .map(p -> new ProviderHealth(p.id(), p.id(), ProviderHealth.State.UNKNOWN, "–",
                        (p.simulator() ? "Built-in simulator" : p.baseUrl()) + " · not checked yet"))
                .toList();
    }

    public ObjectProperty<StudioTab> selectedTabProperty() {
        return selectedTab;
    }

    public void select(StudioTab tab) {
        selectedTab.set(tab);
    }

    public ReadOnlyStringProperty configProblemProperty() {
        return configProblem.getReadOnlyProperty();
    }

    public void dismissConfigProblem() {
        configProblem.set(null);
    }

    public ObservableList<ProviderHealth> providers() {
        return FXCollections.unmodifiableObservableList(providers);
    }
}
