package dev.localagent.studio.ui.bench;

import dev.localagent.studio.service.bench.BenchReport;
import dev.localagent.studio.service.bench.TimelinePoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The charts of a run: latency percentiles and throughput over time, and a strip coloured by the
 * breaker's state in each interval; and the overlay of two compared runs. Each redraw replaces
 * the series' data in one go from a list already bounded by the view model. FX thread only.
 */
final class BenchCharts {

    private final LineChart<Number, Number> latency = chart("latency (ms)", "bench-latency-chart");
    private final LineChart<Number, Number> throughput = chart("per second", "bench-throughput-chart");
    private final LineChart<Number, Number> overlay = chart("latency (ms)", "bench-compare-chart");
    private final HBox breakerBand = new HBox();
    private final XYChart.Series<Number, Number> e2eP50 = series("e2e p50");
    private final XYChart.Series<Number, Number> e2eP90 = series("e2e p90");
    private final XYChart.Series<Number, Number> e2eP99 = series("e2e p99");
    private final XYChart.Series<Number, Number> ttftP50 = series("ttft p50");
    private final XYChart.Series<Number, Number> requests = series("requests/s (avg.)");
    private final XYChart.Series<Number, Number> errors = series("errors/s");
    private final XYChart.Series<Number, Number> target = series("target/s");

    BenchCharts() {
        latency.getData().setAll(List.of(e2eP50, e2eP90, e2eP99, ttftP50));
        throughput.getData().setAll(List.of(requests, errors));
        breakerBand.setId("bench-breaker-band");
        breakerBand.getStyleClass().add("breaker-band");
        breakerBand.setMinHeight(12);
        breakerBand.setPrefHeight(12);
    }

    LineChart<Number, Number> latency() {
        return latency;
    }

    LineChart<Number, Number> throughput() {
        return throughput;
    }

    HBox breakerBand() {
        return breakerBand;
    }

    LineChart<Number, Number> overlay() {
        return overlay;
    }

    /** Redraws the live charts and the breaker strip from the points. */
    void show(List<TimelinePoint> points) {
        e2eP50.getData().setAll(data(points, TimelinePoint::e2eP50));
        e2eP90.getData().setAll(data(points, TimelinePoint::e2eP90));
        e2eP99.getData().setAll(data(points, TimelinePoint::e2eP99));
        ttftP50.getData().setAll(data(points, TimelinePoint::ttftP50));
        requests.getData().setAll(movingRate(points, RATE_WINDOW));
        List<XYChart.Data<Number, Number>> errorRate = new ArrayList<>(points.size());
        double previous = 0;
        for (TimelinePoint p : points) {
            double interval = Math.max(1e-3, p.atSeconds() - previous);
            errorRate.add(new XYChart.Data<>(p.atSeconds(), p.errors() / interval));
            previous = p.atSeconds();
        }
        errors.getData().setAll(errorRate);
        // An open loop's asked-for rate beside the achieved one; a closed loop has none, and no legend entry.
        target.getData().setAll(data(points, TimelinePoint::targetRate));
        if (target.getData().isEmpty()) {
            throughput.getData().remove(target);
        } else if (!throughput.getData().contains(target)) {
            throughput.getData().add(target);
        }
        alignTimeAxes(points);
        List<Region> cells = new ArrayList<>(points.size());
        for (TimelinePoint p : points) {
            Region cell = new Region();
            cell.getStyleClass().addAll("breaker-cell", "breaker-" + bandOf(p.breakerState()));
            cell.setMinWidth(0);
            cell.setMaxHeight(Double.MAX_VALUE);
            HBox.setHgrow(cell, Priority.ALWAYS);
            cells.add(cell);
        }
        breakerBand.getChildren().setAll(cells);
        if (!points.isEmpty()) {
            Tooltip.install(breakerBand, new Tooltip(String.format(Locale.ROOT, "Breaker state per interval; now %s",
                    points.getLast().breakerState().toLowerCase(Locale.ROOT).replace('_', ' '))));
        }
    }

    /**
     * Gives both live charts the same time range, from the start of the first interval shown to
     * the last one, so they line up with each other and with the breaker strip below.
     */
    private void alignTimeAxes(List<TimelinePoint> points) {
        if (points.isEmpty()) {
            return;
        }
        double first = points.getFirst().atSeconds();
        double interval = points.size() > 1 ? points.get(1).atSeconds() - first : first;
        double lower = Math.max(0, first - interval);
        double upper = Math.max(points.getLast().atSeconds(), lower + 1);
        for (LineChart<Number, Number> chart : List.of(latency, throughput)) {
            NumberAxis x = (NumberAxis) chart.getXAxis();
            x.setAutoRanging(false);
            double unit = tick(upper - lower);
            x.setLowerBound(Math.floor(lower / unit) * unit);
            x.setUpperBound(Math.ceil(upper / unit) * unit);
            x.setTickUnit(unit);
        }
    }

    /** A round tick unit giving about eight ticks over the span. */
    static double tick(double span) {
        double raw = span / 8;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double[] steps = {1, 2, 5, 10};
        for (double step : steps) {
            if (raw <= step * magnitude) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** Overlays the e2e p50 and p99 over time of two compared runs. */
    void compare(BenchReport baseline, BenchReport candidate) {
        List<XYChart.Series<Number, Number>> all = new ArrayList<>();
        if (baseline != null && candidate != null) {
            all.add(series("A e2e p50", data(BenchmarkViewModel.downsample(baseline.timeline(), BenchmarkViewModel.MAX_POINTS), TimelinePoint::e2eP50)));
            all.add(series("B e2e p50", data(BenchmarkViewModel.downsample(candidate.timeline(), BenchmarkViewModel.MAX_POINTS), TimelinePoint::e2eP50)));
            all.add(series("A e2e p99", data(BenchmarkViewModel.downsample(baseline.timeline(), BenchmarkViewModel.MAX_POINTS), TimelinePoint::e2eP99)));
            all.add(series("B e2e p99", data(BenchmarkViewModel.downsample(candidate.timeline(), BenchmarkViewModel.MAX_POINTS), TimelinePoint::e2eP99)));
        }
        overlay.getData().setAll(all);
    }

    /** closed, half-open or open: the three colours of the strip (forced states count as what they force). */
    static String bandOf(String breakerState) {
        return switch (breakerState == null ? "" : breakerState) {
            case "OPEN", "FORCED_OPEN" -> "open";
            case "HALF_OPEN" -> "half-open";
            case "CLOSED", "FORCED_CLOSED" -> "closed";
            default -> "unknown";
        };
    }

    /** Points averaged for the requests/s line. */
    static final int RATE_WINDOW = 3;

    /**
     * Each point's requests/s averaged with the points before it, up to {@code window} of them.
     * Replies end in bursts (eight users at 600 ms finish eight at a time), so per-interval rates
     * alternate 8, 16, 8, 16 around a steady 13 and the line reads as an unsteady target; the
     * average shows the rate, while the report's timeline keeps every interval's own figure.
     */
    static List<XYChart.Data<Number, Number>> movingRate(List<TimelinePoint> points, int window) {
        List<XYChart.Data<Number, Number>> data = new ArrayList<>(points.size());
        double sum = 0;
        for (int i = 0; i < points.size(); i++) {
            sum += points.get(i).requestsPerSecond();
            if (i >= window) {
                sum -= points.get(i - window).requestsPerSecond();
            }
            data.add(new XYChart.Data<>(points.get(i).atSeconds(), sum / Math.min(i + 1, window)));
        }
        return data;
    }

    private static List<XYChart.Data<Number, Number>> data(List<TimelinePoint> points, Function<TimelinePoint, Double> value) {
        List<XYChart.Data<Number, Number>> data = new ArrayList<>(points.size());
        for (TimelinePoint p : points) {
            Double v = value.apply(p);
            if (v != null) {
                data.add(new XYChart.Data<>(p.atSeconds(), v));
            }
        }
        return data;
    }

    private static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        return s;
    }

    private static XYChart.Series<Number, Number> series(String name, List<XYChart.Data<Number, Number>> data) {
        XYChart.Series<Number, Number> s = series(name);
        s.getData().setAll(data);
        return s;
    }

    private static LineChart<Number, Number> chart(String yLabel, String id) {
        NumberAxis x = new NumberAxis();
        x.setLabel("seconds");
        x.setForceZeroInRange(false);
        x.setAnimated(false);
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        y.setAnimated(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId(id);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setMinHeight(160);
        chart.setPrefHeight(220);
        chart.getStyleClass().add("bench-chart");
        return chart;
    }
}
