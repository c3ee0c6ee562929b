package dev.localagent.studio.ui.bench;

import dev.localagent.studio.ui.common.EmptyState;
import javafx.scene.layout.StackPane;

/** Load, rate, stress, breaker and cache runs. Until the engine lands it explains what will be here. */
public final class BenchmarkView extends StackPane {

    public BenchmarkView() {
        getStyleClass().add("benchmark-view");
        getChildren().add(new EmptyState("Benchmark",
                "Load, rate, stress, circuit-breaker and cache runs against any provider, watched live,"
                        + " with latency percentiles corrected for coordinated omission and reports to export.",
                "Not in this build yet: it arrives with the benchmark engine."));
    }
}
