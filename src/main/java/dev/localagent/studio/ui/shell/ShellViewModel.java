package dev.localagent.studio.ui.shell;

import dev.localagent.studio.app.Studio;
import dev.localagent.studio.app.StudioTab;
import dev.localagent.studio.app.HealthMonitor;
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
        providers.setAll(shown(studio.health().current()));
        studio.health().onChange(statuses -> {
            List<ProviderHealth> next = shown(statuses);
            fx.execute(() -> providers.setAll(next));
        });
        studio.onConfigChanged(config -> fx.execute(() -> configProblem.set(null)));
    }

    static List<ProviderHealth> shown(List<HealthMonitor.Status> statuses) {
        return statuses.stream().map(ShellViewModel::shown).toList();
    }

    private static ProviderHealth shown(HealthMonitor.Status s) {
        ProviderHealth.State state = switch (s.state()) {
            case UP -> ProviderHealth.State.UP;
            case DOWN -> ProviderHealth.State.DOWN;
            case NEEDS_SETUP -> ProviderHealth.State.DEGRADED;
            case UNKNOWN -> ProviderHealth.State.UNKNOWN;
        };
        String latency = s.state() == HealthMonitor.State.UP && s.latency() != null ? s.latency().toMillis() + " ms" : "–";
        return new ProviderHealth(s.providerId(), s.providerId(), state, latency, s.detail());
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
