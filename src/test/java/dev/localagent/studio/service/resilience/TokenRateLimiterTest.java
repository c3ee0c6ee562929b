package dev.localagent.studio.service.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenRateLimiterTest {

    private final FakeTime time = new FakeTime();

    @Test
    void holdsTokensPerMinuteOverSeveralMinutes() throws Exception {
        TokenRateLimiter limiter = new TokenRateLimiter("sim-gemini", 20_000, Duration.ofMinutes(5), time);
        long start = time.nanoTime();
        long tokens = 0;

        while (time.nanoTime() - start < Duration.ofMinutes(5).toNanos()) {
            limiter.reserve(1_000);
            tokens += 1_000;
        }

        // The first minute's budget is available at once (a full bucket); after that 20k per minute.
        double perMinuteAfterTheFirstBudget = (tokens - 20_000) / 5.0;
        assertThat(perMinuteAfterTheFirstBudget).isCloseTo(20_000, within(20_000 * 0.05));
    }

    @Test
    void reconcilingGivesBackWhatWasOverEstimated() throws Exception {
        TokenRateLimiter limiter = new TokenRateLimiter("sim-openai", 6_000, Duration.ZERO, time);
        TokenRateLimiter.Reservation reservation = limiter.reserve(5_000);

        limiter.reconcile(reservation, 1_200);

        assertThat(limiter.stats().available()).isEqualTo(4_800, within(0.001));
        assertThat(limiter.reserve(4_800).waited()).isEqualTo(Duration.ZERO);
    }

    @Test
    void reconcilingChargesWhatWasUnderEstimated() throws Exception {
        TokenRateLimiter limiter = new TokenRateLimiter("sim-openai", 6_000, Duration.ZERO, time);
        TokenRateLimiter.Reservation reservation = limiter.reserve(1_000);

        limiter.reconcile(reservation, 3_000);

        assertThat(limiter.stats().available()).isEqualTo(3_000, within(0.001));
        assertThatThrownBy(() -> limiter.reserve(3_500)).isInstanceOf(RateLimitRejectedException.class)
                .hasMessageContaining("tokens-per-minute limit reached; the next permit is 5000 ms away");
    }

    @Test
    void aRequestLargerThanTheWholeBudgetIsAdmittedOnceTheBucketIsFull() throws Exception {
        TokenRateLimiter limiter = new TokenRateLimiter("sim-openai", 1_000, Duration.ofMinutes(2), time);
        limiter.reserve(500);

        TokenRateLimiter.Reservation big = limiter.reserve(5_000);

        assertThat(big.waited()).isEqualTo(Duration.ofSeconds(30));
        assertThat(limiter.stats().available()).isNegative();
    }

    @Test
    void zeroMeansNoLimit() throws Exception {
        TokenRateLimiter limiter = new TokenRateLimiter("ollama", 0, Duration.ZERO, time);

        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.reserve(1_000_000).waited()).isEqualTo(Duration.ZERO);
        }
        assertThat(limiter.limited()).isFalse();
    }
}
