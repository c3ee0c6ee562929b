package dev.localagent.studio.service.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

    @Test
    void constantArrivalsAreExactlyOneOverTheRateApartFromZero() {
        ArrivalSchedule s = new ArrivalSchedule(200, Arrival.CONSTANT, 0, 1);
        assertThat(s.nextOffsetNanos()).isZero();
        assertThat(s.nextOffsetNanos()).isEqualTo(5_000_000);
        for (int i = 2; i < 1000; i++) {
            s.nextOffsetNanos();
        }
        assertThat(s.nextOffsetNanos()).isEqualTo(1000 * 5_000_000L);
    }

    @Test
    void poissonArrivalsHoldTheRateOnAverageAndVaryFromGapToGap() {
        ArrivalSchedule s = new ArrivalSchedule(100, Arrival.POISSON, 0, 7);
        long previous = 0;
        long smallest = Long.MAX_VALUE;
        long largest = 0;
        long last = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            last = s.nextOffsetNanos();
            long gap = last - previous;
            smallest = Math.min(smallest, gap);
            largest = Math.max(largest, gap);
            previous = last;
        }
        double meanGapMs = last / 1e6 / n;
        assertThat(meanGapMs).isBetween(9.7, 10.3);
        assertThat(smallest).isLessThan(1_000_000);
        assertThat(largest).isGreaterThan(50_000_000);
    }

    @Test
    void theSameSeedGivesTheSamePoissonSchedule() {
        ArrivalSchedule a = new ArrivalSchedule(50, Arrival.POISSON, 0, 3);
        ArrivalSchedule b = new ArrivalSchedule(50, Arrival.POISSON, 0, 3);
        for (int i = 0; i < 100; i++) {
            assertThat(a.nextOffsetNanos()).isEqualTo(b.nextOffsetNanos());
        }
    }

    @Test
    void aRampSendsHalfTheFullRatesRequestsWhileItRisesThenTheFullRate() {
        // 100/s reached over 2 s: 100 requests during the ramp, then one every 10 ms.
        ArrivalSchedule s = new ArrivalSchedule(100, Arrival.CONSTANT, 2_000_000_000L, 1);
        int inRamp = 0;
        long t;
        while ((t = s.nextOffsetNanos()) < 2_000_000_000L) {
            inRamp++;
        }
        assertThat(inRamp).isBetween(100, 101);
        long next = s.nextOffsetNanos();
        assertThat(next - t).isEqualTo(10_000_000);
    }
}
