package dev.localagent.studio.ui.bench;

import dev.localagent.studio.ui.common.Handoff;
import dev.localagent.studio.service.bench.BenchHistory;
import dev.localagent.studio.service.bench.BenchReport;
import dev.localagent.studio.service.bench.RunComparison;
import dev.localagent.studio.service.store.StoredBenchRun;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The benchmark tab's saved runs: the list, rename, delete and the comparison of two. Every read
 * and write of the store runs on the background executor; results reach the FX executor. No nodes.
 */
public final class SavedRuns {

    /** How many saved runs the list shows. */
    static final int LIMIT = 50;

    private final BenchHistory store;
    private final Executor background;
    private final Executor fx;
    private final Consumer<String> message;
    private final ObservableList<StoredBenchRun> runs = FXCollections.observableArrayList();
    private final ObservableList<StoredBenchRun> runsView = FXCollections.unmodifiableObservableList(runs);
    private final ReadOnlyObjectWrapper<RunComparison> comparison = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ResultRows.ComparisonRow> comparisonRows = FXCollections.observableArrayList();
    private final ObservableList<ResultRows.ComparisonRow> comparisonRowsView = FXCollections.unmodifiableObservableList(comparisonRows);

    /** @param message shows one line to the user; called on the FX executor */
    SavedRuns(BenchHistory store, Executor background, Executor fx, Consumer<String> message) {
        this.store = store;
        this.background = background;
        this.fx = fx;
        this.message = message;
    }

    /** Saved runs, newest first. */
    public ObservableList<StoredBenchRun> list() {
        return runsView;
    }

    public ReadOnlyObjectProperty<RunComparison> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    public ObservableList<ResultRows.ComparisonRow> comparisonRows() {
        return comparisonRowsView;
    }

    /** Reloads the list off the FX thread. */
    public void refresh() {
        submit(() -> {
            try {
                List<StoredBenchRun> recent = store.recent(LIMIT);
                toFx(() -> runs.setAll(recent));
            } catch (Exception e) {
                toFx(() -> message.accept("The saved runs could not be read: " + e.getMessage()));
            }
        });
    }

    /** Saves a finished or stopped run; call off the FX thread. @return an empty line, or why it was not saved */
    String save(BenchReport report) {
        try {
            store.save(report, null);
            return "";
        } catch (Exception e) {
            return "It could not be saved to the history: " + e.getMessage();
        }
    }

    /** Reads one saved report, then hands it to {@code shown} on the FX executor. */
    void load(StoredBenchRun stored, Consumer<BenchReport> shown) {
        submit(() -> {
            try {
                BenchReport r = store.load(stored.id()).orElseThrow(() -> new IllegalArgumentException("the run was deleted"));
                toFx(() -> shown.accept(r));
            } catch (Exception e) {
                toFx(() -> message.accept("That run cannot be opened: " + e.getMessage()));
            }
        });
    }

    /** Names a run; an empty name clears it. */
    public void rename(StoredBenchRun stored, String label) {
        submit(() -> {
            try {
                store.rename(stored.id(), label == null || label.isBlank() ? null : label.strip());
                refresh();
            } catch (Exception e) {
                toFx(() -> message.accept("The run could not be renamed: " + e.getMessage()));
            }
        });
    }

    public void delete(StoredBenchRun stored) {
        submit(() -> {
            try {
                store.delete(stored.id());
                refresh();
            } catch (Exception e) {
                toFx(() -> message.accept("The run could not be deleted: " + e.getMessage()));
            }
        });
    }

    /** Compares two saved runs, the first as the baseline; the rows and the overlay appear when both are read. */
    public void compare(StoredBenchRun baseline, StoredBenchRun candidate) {
        if (baseline == null || candidate == null) {
            message.accept("Select two saved runs to compare.");
            return;
        }
        submit(() -> {
            try {
                BenchReport a = store.load(baseline.id()).orElseThrow(() -> new IllegalArgumentException("the baseline was deleted"));
                BenchReport b = store.load(candidate.id()).orElseThrow(() -> new IllegalArgumentException("the other run was deleted"));
                RunComparison c = RunComparison.of(a, b);
                List<ResultRows.ComparisonRow> rows = ResultRows.comparison(c);
                toFx(() -> {
                    comparison.set(c);
                    comparisonRows.setAll(rows);
                    message.accept("");
                });
            } catch (Exception e) {
                toFx(() -> message.accept("The runs cannot be compared: " + e.getMessage()));
            }
        });
    }

    private void toFx(Runnable task) {
        Handoff.quietly(fx, task);
    }

    private void submit(Runnable task) {
        Handoff.quietly(background, task);
    }
}
