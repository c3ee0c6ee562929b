package dev.localagent.studio.ui.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultRowsTest {

    @Test
    void aRunsMeasuredTimeReadsInTenthsUpToAMinuteThenInMinutesAndSeconds() {
        assertThat(ResultRows.measuredTime(4.46)).isEqualTo("4.5 s");
        assertThat(ResultRows.measuredTime(59.9)).isEqualTo("59.9 s");
        assertThat(ResultRows.measuredTime(59.96)).as("not \"60.0 s\"").isEqualTo("1:00");
        assertThat(ResultRows.measuredTime(125.3)).isEqualTo("2:05");
    }

    @Test
    void theClockOfARunningRunCountsWholeSeconds() {
        assertThat(ResultRows.clock(4.46)).isEqualTo("4 s");
        assertThat(ResultRows.clock(3600)).isEqualTo("60:00");
    }
}
