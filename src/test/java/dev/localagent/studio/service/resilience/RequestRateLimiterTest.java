package dev.localagent.studio.service.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.localagent.studio.service.config.RateLimitSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {

    private final FakeTime time = new FakeTime();

    private RequestRateLimiter limiter(double rate, int burst, boolean blocking, long maxWaitMs) {
        return new RequestRateLimiter("sim-openai", new RateLimitSettings(rate, burst, 0, blocking, maxWaitMs), time);
    }

    @Test
    void admitsTheWholeBurstAtOnceThenOneCallPerRefillInterval() throws Exception {
        RequestRateLimiter limiter = limiter(10, 20, true, 60_000);

        for (int i = 0; i < 20; i++) {
            assertThat(limiter.acquire()).isEqualTo(Duration.ZERO);
        }
        assertThat(limiter.acquire()).isEqualTo(Duration.ofMillis(100));
        assertThat(limiter.acquire()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void overTenSecondsAdmitsItsRateWithinFivePercentAndNeverMoreThanTheBurstAtOnce() throws Exception {
        double rate = 60;
        int burst = 100;
        RequestRateLimiter limiter = limiter(rate, burst, true, 60_000);
        long start = time.nanoTime();
        List<Long> admittedAt = new ArrayList<>();

        // Callers arrive faster than the limit allows: 200 per second, each waiting its turn.
        long nextArrival = start;
        while (time.nanoTime() - start < Duration.ofSeconds(10).toNanos()) {
            if (time.nanoTime() < nextArrival) {
                time.advance(Duration.ofNanos(nextArrival - time.nanoTime()));
            }
            limiter.acquire();
            admittedAt.add(time.nanoTime());
            nextArrival += Duration.ofMillis(5).toNanos();
        }

        long inFirstTenSeconds = admittedAt.stream().filter(t -> t - start <= Duration.ofSeconds(10).toNanos()).count();
        double sustained = (inFirstTenSeconds - burst) / 10.0;
        assertThat(sustained).isCloseTo(rate, within(rate * 0.05));
        assertThat(maxAdmittedInAnyWindow(admittedAt, Duration.ofMillis(1).toNanos())).isLessThanOrEqualTo(burst);
        for (long window : new long[] {Duration.ofMillis(500).toNanos(), Duration.ofSeconds(2).toNanos()}) {
            assertThat(maxAdmittedInAnyWindow(admittedAt, window)).isLessThanOrEqualTo(burst + (long) Math.ceil(rate * window / 1e9));
        }
    }

    @Test
    void aNonBlockingLimiterRejectsAtOnceAndSaysWhenTheNextPermitComes() throws Exception {
        RequestRateLimiter limiter = limiter(5, 2, false, 10_000);
        limiter.acquire();
        limiter.acquire();

        assertThatThrownBy(limiter::acquire)
                .isInstanceOf(RateLimitRejectedException.class)
                .hasMessage("sim-openai: request rate limit reached; the next permit is 200 ms away and this limiter does not wait")
                .satisfies(e -> assertThat(((RateLimitRejectedException) e).wouldWait()).isEqualTo(Duration.ofMillis(200)));
        assertThat(limiter.stats().rejected()).isEqualTo(1);
        assertThat(limiter.stats().admitted()).isEqualTo(2);
    }

    @Test
    void aBlockingLimiterRejectsWhenTheWaitIsLongerThanAllowedAndTakesNothing() throws Exception {
        RequestRateLimiter limiter = limiter(1, 1, true, 500);
        limiter.acquire();

        assertThatThrownBy(limiter::acquire).isInstanceOf(RateLimitRejectedException.class)
                .hasMessageContaining("the next permit is 1000 ms away, longer than the 500 ms a call may wait");

        time.advance(Duration.ofSeconds(1));
        assertThat(limiter.acquire()).as("the rejected call took no permit").isEqualTo(Duration.ZERO);
    }

    @Test
    void aProvidersBackOffSignalPausesTheLimiterUntilTheReset() throws Exception {
        RequestRateLimiter limiter = limiter(100, 100, true, 60_000);

        limiter.pauseFor(Duration.ofSeconds(3));

        assertThat(limiter.acquire()).isEqualTo(Duration.ofSeconds(3));
        assertThat(limiter.acquire()).as("the pause is over").isEqualTo(Duration.ZERO);
    }

    @Test
    void statisticsRecordWaits() throws Exception {
        RequestRateLimiter limiter = limiter(10, 1, true, 60_000);
        limiter.acquire();
        limiter.acquire();
        limiter.acquire();

        RateLimiterStats stats = limiter.stats();
        assertThat(stats.admitted()).isEqualTo(3);
        assertThat(stats.waits()).isEqualTo(2);
        assertThat(stats.totalWait()).isEqualTo(Duration.ofMillis(200));
        assertThat(stats.longestWait()).isEqualTo(Duration.ofMillis(100));
    }

    private static long maxAdmittedInAnyWindow(List<Long> times, long windowNanos) {
        long max = 0;
        int from = 0;
        for (int to = 0; to < times.size(); to++) {
            while (times.get(to) - times.get(from) >= windowNanos) {
                from++;
            }
            max = Math.max(max, to - from + 1);
        }
        return max;
    }
}
