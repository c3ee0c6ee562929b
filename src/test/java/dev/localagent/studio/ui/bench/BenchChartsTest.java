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

    private static TimelinePoint point(int second) {
        return new TimelinePoint(second, false, 1, 0, 1, 10, 100.0, 120.0, 150.0, 50.0, 60.0, 1, "CLOSED", 0, null);
    }
}
