package dev.localagent.studio.ui.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.service.bench.TimelinePoint;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pure parts of the charts: the breaker strip's colours, the time ticks, and the point bound. */
class BenchChartsTest {

    @Test
    void theBreakerStripHasThreeColoursAndForcedStatesShowWhatTheyForce() {
        assertThat(BenchCharts.bandOf("CLOSED")).isEqualTo("closed");
        assertThat(BenchCharts.bandOf("FORCED_CLOSED")).isEqualTo("closed");
        assertThat(BenchCharts.bandOf("HALF_OPEN")).isEqualTo("half-open");
        assertThat(BenchCharts.bandOf("OPEN")).isEqualTo("open");
        assertThat(BenchCharts.bandOf("FORCED_OPEN")).isEqualTo("open");
        assertThat(BenchCharts.bandOf(null)).isEqualTo("unknown");
    }

    @Test
    void timeTicksAreRoundNumbers() {
        assertThat(BenchCharts.tick(20)).isEqualTo(5);
        assertThat(BenchCharts.tick(6)).isEqualTo(1);
        assertThat(BenchCharts.tick(300)).isEqualTo(50);
        assertThat(BenchCharts.tick(3600)).isEqualTo(500);
    }

    @Test
    void aLongTimelineIsThinnedEvenlyKeepingItsEnds() {
        List<TimelinePoint> hour = IntStream.rangeClosed(1, 3600).mapToObj(BenchChartsTest::point).toList();

        List<TimelinePoint> shown = BenchmarkViewModel.downsample(hour, BenchmarkViewModel.MAX_POINTS);

        assertThat(shown).hasSize(BenchmarkViewModel.MAX_POINTS);
        assertThat(shown.getFirst().atSeconds()).isEqualTo(1);
        assertThat(shown.getLast().atSeconds()).isEqualTo(3600);
        assertThat(BenchmarkViewModel.downsample(hour.subList(0, 10), BenchmarkViewModel.MAX_POINTS)).hasSize(10);
    }

    @Test
    void theRequestsLineAveragesBurstsOfRepliesIntoTheirRate() {
        // Eight users at ~600 ms: intervals see 8 and 16 replies in turn around a steady 12.
        double[] perInterval = {8, 16, 8, 16, 8, 16, 8};
        List<TimelinePoint> points = IntStream.range(0, perInterval.length)
                .mapToObj(i -> new TimelinePoint(i + 1, false, (long) perInterval[i], 0, perInterval[i], 0, 600.0, 610.0, 620.0, 300.0, 310.0,
                        8, "CLOSED", 0, null))
                .toList();

        List<Number> line = BenchCharts.movingRate(points, BenchCharts.RATE_WINDOW).stream().map(d -> d.getYValue()).toList();

        assertThat(line.getFirst().doubleValue()).as("the first point has nothing before it").isEqualTo(8);
        assertThat(line.subList(2, line.size())).allSatisfy(v -> assertThat(v.doubleValue()).isBetween(10.0, 14.0));
        assertThat(BenchCharts.movingRate(points, BenchCharts.RATE_WINDOW)).extracting(d -> d.getXValue().doubleValue())
                .containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0);
    }

    private static TimelinePoint point(int second) {
        return new TimelinePoint(second, false, 1, 0, 1, 10, 100.0, 120.0, 150.0, 50.0, 60.0, 1, "CLOSED", 0, null);
    }
}
