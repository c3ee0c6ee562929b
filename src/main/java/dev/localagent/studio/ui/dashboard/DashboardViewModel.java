package dev.localagent.studio.ui.dashboard;

import dev.localagent.studio.app.Studio;
import dev.localagent.studio.service.resilience.BreakerStats;
import dev.localagent.studio.service.resilience.BreakerTransition;
import dev.localagent.studio.service.resilience.ProviderBreaker;
import dev.localagent.studio.service.resilience.ProviderPipeline;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The dashboard's circuit breakers without any node: a row per enabled provider, refreshed from
 * the pipelines' snapshots, and the manual controls (force open, force closed, reset). Snapshots
 * are read on a background thread; at most one refresh is in flight. Testable without a window.
 */
public final class DashboardViewModel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    private final Studio studio;
    private final Executor background;
    private final Executor fx;
    private final ObservableList<BreakerRow> breakers = FXCollections.observableArrayList();
    private final ObservableList<BreakerRow> breakersView = FXCollections.unmodifiableObservableList(breakers);
    private final AtomicBoolean refreshing = new AtomicBoolean();

    public DashboardViewModel(Studio studio, Executor background, Executor fx) {
        this.studio = studio;
        this.background = background;
        this.fx = fx;
    }

    public ObservableList<BreakerRow> breakers() {
        return breakersView;
    }

    /** Reads every enabled provider's breaker; skipped while the previous refresh still runs. */
    public void refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        submit(() -> {
            try {
                List<BreakerRow> rows = new ArrayList<>();
                for (String id : studio.pipelines().ids()) {
                    pipeline(id).ifPresent(p -> rows.add(row(p)));
                }
                fx.execute(() -> breakers.setAll(rows));
            } finally {
                refreshing.set(false);
            }
        });
    }

    public void forceOpen(String providerId) {
        control(providerId, ProviderBreaker::forceOpen);
    }

    public void forceClosed(String providerId) {
        control(providerId, ProviderBreaker::forceClosed);
    }

    public void reset(String providerId) {
        control(providerId, ProviderBreaker::reset);
    }

    private void control(String providerId, Consumer<ProviderBreaker> action) {
        submit(() -> {
            pipeline(providerId).ifPresent(p -> action.accept(p.breaker()));
            refresh();
        });
    }

    private void submit(Runnable task) {
        try {
            background.execute(task);
        } catch (RejectedExecutionException closing) {
            refreshing.set(false); // the studio is shutting down: nothing left to show
        }
    }

    private Optional<ProviderPipeline> pipeline(String id) {
        try {
            return studio.pipelines().find(id);
        } catch (RuntimeException e) {
            return Optional.empty(); // a provider that cannot be built (no address) has no breaker to show
        }
    }

    private static BreakerRow row(ProviderPipeline pipeline) {
        BreakerStats s = pipeline.breaker().stats();
        String last = s.recentTransitions().isEmpty() ? "" : describe(s.recentTransitions().getLast());
        return new BreakerRow(pipeline.providerId(), s.state(), s.failureRatePercent(), s.permitted(), s.rejected(), last);
    }

    private static String describe(BreakerTransition t) {
        return TIME.format(t.at()) + " " + name(t.from().name()) + " → " + name(t.to().name()) + ": " + t.reason();
    }

    private static String name(String state) {
        return state.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
