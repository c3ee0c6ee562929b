package dev.localagent.studio.service.provider.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.service.config.TimeoutSettings;
import dev.localagent.studio.service.provider.ProviderTimeoutException.Phase;
import org.junit.jupiter.api.Test;

/** Phase limits as arithmetic on a fake nanosecond clock: no sleeping. */
class CallDeadlinesTest {

    private static final long MS = 1_000_000L;
    private static final TimeoutSettings LIMITS = new TimeoutSettings(100, 1_000, 200, 5_000);

    @Test
    void beforeTheFirstTokenOnlyTheFirstTokenAndTotalLimitsRunEvenIfBytesStopComing() {
        CallDeadlines d = new CallDeadlines(LIMITS, true, 0);
        d.bytesArrived(10 * MS);
        assertThat(d.expired(999 * MS)).isNull();
        assertThat(d.expired(1_000 * MS)).isEqualTo(Phase.FIRST_TOKEN);
    }

    @Test
    void afterTheFirstTokenTheIdleGapRunsFromTheLastByte() {
        CallDeadlines d = new CallDeadlines(LIMITS, true, 0);
        d.bytesArrived(500 * MS);
        d.tokenArrived();
        d.bytesArrived(1_400 * MS);
        assertThat(d.expired(1_500 * MS)).as("first-token limit no longer applies").isNull();
        d.bytesArrived(1_600 * MS);
        assertThat(d.expired(1_799 * MS)).isNull();
        assertThat(d.expired(1_800 * MS)).isEqualTo(Phase.IDLE);
        assertThat(d.untilNextCheck(1_700 * MS)).isEqualTo(100 * MS);
    }

    @Test
    void theTotalLimitWinsEvenWhileBytesKeepComing() {
        CallDeadlines d = new CallDeadlines(LIMITS, true, 0);
        d.tokenArrived();
        d.bytesArrived(4_999 * MS);
        assertThat(d.expired(5_000 * MS)).isEqualTo(Phase.TOTAL);
    }

    @Test
    void aNonStreamedReplyWaitsForItsFirstByteUnderTheTotalLimitOnly() {
        CallDeadlines d = new CallDeadlines(LIMITS, false, 0);
        assertThat(d.expired(4_000 * MS)).isNull();
        d.bytesArrived(4_000 * MS);
        assertThat(d.expired(4_200 * MS)).isEqualTo(Phase.IDLE);
    }
}
