package dev.localagent.studio.ui.bench;

import dev.localagent.studio.ui.common.Handoff;
import dev.localagent.studio.app.Studio;
import dev.localagent.studio.service.bench.BenchProgress;
import dev.localagent.studio.service.bench.BenchReport;
import dev.localagent.studio.service.bench.BenchRun;
import dev.localagent.studio.service.bench.BenchSpec;
import dev.localagent.studio.service.bench.PromptSet;
import dev.localagent.studio.service.bench.ReportCsv;
import dev.localagent.studio.service.bench.ReportHtml;
import dev.localagent.studio.service.bench.ReportJson;
import dev.localagent.studio.service.bench.TimelinePoint;
import dev.localagent.studio.service.config.AtomicFileWriter;
import dev.localagent.studio.service.store.StoredBenchRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark tab without any node: the settings, Run and Stop, the live points and progress of
 * the run, the shown report as table rows, the saved runs, comparison and export. Live points
 * arrive on the engine's sampler thread and reach the FX executor in batches, with at most one
 * hand-over pending; storage and file writes run on the background executor. Testable without a window.
 */
public final class BenchmarkViewModel {

    public enum State {
        IDLE,
        RUNNING,
        STOPPING,
        DONE,
        FAILED
    }

    public enum ExportFormat {
        JSON,
        CSV,
        HTML
    }

    /** The most live points the charts keep: older ones scroll off (a long run is still whole in its report). */
    public static final int MAX_POINTS = 300;

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkViewModel.class);

    private final Studio studio;
    private final Executor background;
    private final Executor fx;
    private final BenchSettingsForm form;
    private final ObservableList<String> models = FXCollections.observableArrayList();
    private final ObservableList<String> modelsView = FXCollections.unmodifiableObservableList(models);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ObservableList<TimelinePoint> points = FXCollections.observableArrayList();
    private final ObservableList<TimelinePoint> pointsView = FXCollections.unmodifiableObservableList(points);
    private final ReadOnlyObjectWrapper<BenchReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper partial = new ReadOnlyBooleanWrapper();
    private final ObservableList<ResultRows.LatencyRow> latencyRows = FXCollections.observableArrayList();
    private final ObservableList<ResultRows.LatencyRow> latencyRowsView = FXCollections.unmodifiableObservableList(latencyRows);
    private final ObservableList<ResultRows.Fact> facts = FXCollections.observableArrayList();
    private final ObservableList<ResultRows.Fact> factsView = FXCollections.unmodifiableObservableList(facts);
    private final ConcurrentLinkedQueue<TimelinePoint> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean handOverPending = new AtomicBoolean();
    private final SavedRuns savedRuns;
    private volatile BenchRun current;
    private volatile boolean stopAsked;

    public BenchmarkViewModel(Studio studio, Executor background, Executor fx) {
        this.studio = studio;
        this.background = background;
        this.fx = fx;
        this.form = new BenchSettingsForm(studio.config());
        this.savedRuns = new SavedRuns(studio.benchHistory(), background, fx, message::set);
        form.providerProperty().addListener((obs, old, now) -> loadModels(now));
        loadModels(form.providerProperty().get());
    }

    /** The models the chosen provider lists; empty while loading or when it does not answer (the model stays as typed). */
    public ObservableList<String> models() {
        return modelsView;
    }

    private void loadModels(String providerId) {
        models.clear();
        if (providerId == null) {
            return;
        }
        submit(() -> {
            List<String> names;
            try {
                names = studio.pipelines().pipeline(providerId).listModels().stream().map(m -> m.id()).toList();
            } catch (RuntimeException e) {
                names = List.of();
            }
            List<String> found = names;
            toFx(() -> {
                if (providerId.equals(form.providerProperty().get())) {
                    models.setAll(found);
                }
            });
        });
    }

    public BenchSettingsForm form() {
        return form;
    }

    /**
     * Starts a run with the form's settings. Refused, with the reason in {@link #messageProperty()},
     * when a setting is wrong or a run is already going. The settings are checked here; a prompt
     * file is read on the background executor, and a missing or broken one refuses the run there.
     */
    public void run() {
        State now = state.get();
        if (now == State.RUNNING || now == State.STOPPING) {
            return;
        }
        if (!form.problemProperty().get().isEmpty()) {
            message.set(form.problemProperty().get());
            return;
        }
        BenchSpec draft;
        try {
            draft = form.draft();
        } catch (IllegalArgumentException e) {
            refused(e.getMessage());
            return;
        }
        String promptSet = form.promptsProperty().get().strip();
        state.set(State.RUNNING);
        message.set("");
        progress.set(0);
        progressText.set("starting");
        points.clear();
        pending.clear();
        clearReport();
        stopAsked = false;
        submit(() -> {
            BenchSpec spec;
            try {
                spec = BenchSettingsForm.namesFile(promptSet) ? draft.toBuilder().prompts(PromptSet.named(promptSet)).build() : draft;
            } catch (IllegalArgumentException e) {
                toFx(() -> refused(e.getMessage()));
                return;
            }
            BenchRun run;
            try {
                run = studio.benchEngine().start(spec);
            } catch (RuntimeException e) {
                LOG.warn("A benchmark run could not start", e);
                toFx(() -> {
                    state.set(State.FAILED);
                    progressText.set("");
                    message.set("The run could not start: " + e.getMessage());
                });
                return;
            }
            current = run;
            run.onPoint(point -> {
                pending.add(point);
                handOver(run);
            });
            run.result().whenComplete((r, error) -> finished(run, r, error));
            if (stopAsked) {
                run.stop(); // Stop was pressed while the run was being set up
            }
        });
    }

    /** Stops the run: requests in flight are cancelled and the results so far are kept and saved. */
    public void stop() {
        if (state.get() == State.RUNNING) {
            state.set(State.STOPPING);
            progressText.set("stopping: cancelling requests in flight");
            stopAsked = true;
            BenchRun run = current;
            if (run != null) {
                run.stop();
            }
        }
    }

    private void refused(String why) {
        state.set(State.IDLE);
        progressText.set("");
        message.set(why);
    }

    /** Hands the queued points to the FX executor unless a hand-over is already waiting there. */
    private void handOver(BenchRun run) {
        if (!handOverPending.compareAndSet(false, true)) {
            return;
        }
        toFx(() -> {
            handOverPending.set(false);
            List<TimelinePoint> batch = new ArrayList<>();
            for (TimelinePoint p; (p = pending.poll()) != null; ) {
                batch.add(p);
            }
            if (run != current || batch.isEmpty()) {
                return;
            }
            if (points.size() + batch.size() > MAX_POINTS) {
                List<TimelinePoint> kept = new ArrayList<>(points);
                kept.addAll(batch);
                points.setAll(kept.subList(kept.size() - MAX_POINTS, kept.size()));
            } else {
                points.addAll(batch);
            }
            showProgress(run.progress());
        });
    }

    private void showProgress(BenchProgress p) {
        if (state.get() != State.RUNNING) {
            return;
        }
        progress.set(p.plannedSeconds() == null && p.fraction() == 0 ? -1 : p.fraction());
        Double left = p.secondsLeft();
        String leftText = left == null ? "" : String.format(Locale.ROOT, " · %s left", ResultRows.clock(left));
        progressText.set(String.format(Locale.ROOT, "%s · %s elapsed%s · %d requests, %d errors", p.label(), ResultRows.clock(p.elapsedSeconds()),
                leftText, p.completed(), p.errors()));
    }

    private void finished(BenchRun run, BenchReport r, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
            toFx(() -> {
                if (run == current) {
                    state.set(State.FAILED);
                    progressText.set("");
                    message.set("The run failed: " + cause.getMessage());
                }
            });
            return;
        }
        submit(() -> {
            String note = savedRuns.save(r);
            if (!note.isEmpty()) {
                LOG.warn("Could not save benchmark run {}: {}", r.id(), note);
            }
            toFx(() -> {
                if (run != current) {
                    return;
                }
                show(r);
                state.set(State.DONE);
                progress.set(1);
                progressText.set(r.stoppedEarly() ? String.format(Locale.ROOT, "stopped after %s · partial results", ResultRows.measuredTime(r.durationSeconds()))
                        : String.format(Locale.ROOT, "done · %s measured", ResultRows.measuredTime(r.durationSeconds())));
                message.set(note);
            });
            savedRuns.refresh();
        });
    }

    private void show(BenchReport r) {
        report.set(r);
        partial.set(r.stoppedEarly());
        latencyRows.setAll(ResultRows.latency(r));
        facts.setAll(ResultRows.facts(r));
    }

    private void clearReport() {
        report.set(null);
        partial.set(false);
        latencyRows.clear();
        facts.clear();
    }

    /** Shows a saved run's results and timeline (not while a run is going). */
    public void open(StoredBenchRun stored) {
        if (stored == null || state.get() == State.RUNNING || state.get() == State.STOPPING) {
            return;
        }
        savedRuns.load(stored, r -> {
            if (state.get() == State.RUNNING || state.get() == State.STOPPING) {
                return; // a run started while the report was read: it owns the charts now
            }
            current = null;
            show(r);
            points.setAll(downsample(r.timeline(), MAX_POINTS));
            state.set(State.DONE);
            progress.set(1);
            progressText.set("saved run of " + stored.startedAt());
            message.set("");
        });
    }

    /**
     * Writes the shown report to a file off the FX thread, replacing it atomically.
     *
     * @return completes with the file when written, exceptionally with the reason otherwise (also shown as the message)
     */
    public CompletableFuture<Path> export(Path file, ExportFormat format) {
        BenchReport r = report.get();
        CompletableFuture<Path> done = new CompletableFuture<>();
        if (r == null) {
            message.set("Nothing to export yet: run a benchmark or open a saved run.");
            done.completeExceptionally(new IllegalStateException(message.get()));
            return done;
        }
        submit(() -> {
            try {
                String text = switch (format) {
                    case JSON -> ReportJson.write(r);
                    case CSV -> ReportCsv.write(r);
                    case HTML -> ReportHtml.write(r);
                };
                AtomicFileWriter.writeString(file, text);
                toFx(() -> message.set("Exported " + format.name() + " to " + file));
                done.complete(file);
            } catch (Exception e) {
                toFx(() -> message.set("The export failed: " + e.getMessage()));
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private void toFx(Runnable task) {
        Handoff.quietly(fx, task);
    }

    private void submit(Runnable task) {
        Handoff.quietly(background, task);
    }

    /** Keeps at most {@code max} points, evenly spread over the whole list, the last one always in. */
    static List<TimelinePoint> downsample(List<TimelinePoint> all, int max) {
        if (all.size() <= max) {
            return all;
        }
        List<TimelinePoint> kept = new ArrayList<>(max);
        double step = (all.size() - 1) / (double) (max - 1);
        for (int i = 0; i < max; i++) {
            kept.add(all.get((int) Math.round(i * step)));
        }
        return kept;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** One line for the user: why a run was refused or failed, or what an action did. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** 0 to 1; -1 when the length is not known in advance (a run of a number of requests in a stress run). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The current phase, time elapsed and left, requests and errors so far. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** The live points of the running run, or the timeline of the shown one; at most {@link #MAX_POINTS}. */
    public ObservableList<TimelinePoint> points() {
        return pointsView;
    }

    /** The report whose results are shown; null before any. */
    public ReadOnlyObjectProperty<BenchReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** Whether the shown results are partial (the run was stopped early). */
    public ReadOnlyBooleanProperty partialProperty() {
        return partial.getReadOnlyProperty();
    }

    public ObservableList<ResultRows.LatencyRow> latencyRows() {
        return latencyRowsView;
    }

    public ObservableList<ResultRows.Fact> facts() {
        return factsView;
    }

    /** The saved runs: list, rename, delete, compare. */
    public SavedRuns savedRuns() {
        return savedRuns;
    }
}
