package dev.localagent.studio.service.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TimelinePointTest {

    private static TimelinePoint point(double at, long completed, double perSecond, double tokensPerSecond) {
        return new TimelinePoint(at, false, completed, 0, perSecond, tokensPerSecond, 600.0, 615.0, 631.0, 310.0, 344.0, 8, "CLOSED",
                0, null);
    }

    @Test
    void theLastSliverOfARunIsRatedOverAWholeIntervalNotOnItsOwn() {
        // 8 users at ~600 ms: eight replies ending in the last 0.3 s read 27/s on their own.
        TimelinePoint previous = point(4.0, 13, 13.0, 312.0);
        TimelinePoint sliver = point(4.3, 8, 8 / 0.3, 192 / 0.3);

        TimelinePoint last = sliver.overInterval(previous, 0.3, 1.0);

        assertThat(last.requestsPerSecond()).isCloseTo(8 + 13.0 * 0.7, within(1e-9));
        assertThat(last.outputTokensPerSecond()).isCloseTo(192 + 312.0 * 0.7, within(1e-9));
        assertThat(last.completed()).as("the requests that ended in the sliver, counted once").isEqualTo(8);
        assertThat(last.atSeconds()).isEqualTo(4.3);
        assertThat(last.e2eP99()).isEqualTo(sliver.e2eP99());
    }

    @Test
    void aStretchOfAWholeIntervalKeepsItsOwnRates() {
        TimelinePoint previous = point(4.0, 13, 13.0, 312.0);
        TimelinePoint whole = point(5.0, 16, 16.0, 384.0);

        assertThat(whole.overInterval(previous, 1.0, 1.0)).isSameAs(whole);
    }
}
