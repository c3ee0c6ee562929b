package dev.localagent.studio.service.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.studio.service.config.BreakerSettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Failsafe's breaker keeps its own monotonic time, so the open delay here is real but short
 * (100 ms); everything else is counted, not timed.
 */
class ProviderBreakerTest {

    /** A server error: counts. */
    static final class ServerError extends IOException {
        final Duration retryAfter;

        ServerError(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }
    }

    /** A bad request: the provider answered, so it does not count. */
    static final class BadRequest extends IllegalArgumentException {
        BadRequest() {
            super("400 bad request");
        }
    }

    private final List<BreakerTransition> seen = new ArrayList<>();

    private ProviderBreaker breaker(BreakerSettings settings) {
        ProviderBreaker breaker = new ProviderBreaker("sim-openai", settings, Clock.systemUTC(), TimeSource.SYSTEM,
                error -> error instanceof ServerError,
                error -> error instanceof ServerError s ? Optional.ofNullable(s.retryAfter) : Optional.empty());
        breaker.onTransition(seen::add);
        return breaker;
    }

    private static BreakerSettings countBased(int failures, int window, long openDelayMs, int successes) {
        return new BreakerSettings(true, "count", failures, window, 50, 60_000, 10, openDelayMs, successes, successes, false, true);
    }

    private static void fail(ProviderBreaker breaker, String message) {
        breaker.acquire().failed(new ServerError(message, null));
    }

    @Test
    void opensAfterTheConfiguredFailuresAndNamesTheCallThatTippedIt() {
        ProviderBreaker breaker = breaker(countBased(3, 5, 10_000, 1));

        breaker.acquire().succeeded();
        fail(breaker, "503 overloaded #1");
        fail(breaker, "503 overloaded #2");
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        fail(breaker, "503 overloaded #3");

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(seen).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo(BreakerState.CLOSED);
            assertThat(t.to()).isEqualTo(BreakerState.OPEN);
            assertThat(t.reason()).isEqualTo("503 overloaded #3");
            assertThat(t.provider()).isEqualTo("sim-openai");
        });
    }

    @Test
    void rejectsEveryCallWhileOpenAndSaysWhenTrialsResume() {
        ProviderBreaker breaker = breaker(countBased(1, 1, 10_000, 1));
        fail(breaker, "boom");

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(breaker::acquire).isInstanceOf(BreakerOpenException.class)
                    .hasMessageStartingWith("sim-openai: circuit breaker open after repeated failures; trial calls in ")
                    .satisfies(e -> assertThat(((BreakerOpenException) e).retryIn()).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10)));
        }
        assertThat(breaker.stats().rejected()).isEqualTo(5);
        assertThat(breaker.stats().permitted()).isEqualTo(1);
    }

    @Test
    void halfOpensAfterTheDelayAndClosesAfterTheTrialSuccesses() throws Exception {
        ProviderBreaker breaker = breaker(countBased(1, 1, 100, 2));
        fail(breaker, "boom");
        Thread.sleep(150);

        ProviderBreaker.Permit first = breaker.acquire();
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        first.succeeded();
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        breaker.acquire().succeeded();

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(seen).extracting(BreakerTransition::to)
                .containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED);
        assertThat(seen.getLast().reason()).isEqualTo("trial calls succeeded");
    }

    @Test
    void halfOpenLetsOnlyTheCappedNumberOfTrialCallsThroughAtOnce() throws Exception {
        ProviderBreaker breaker = breaker(new BreakerSettings(true, "count", 1, 1, 50, 60_000, 1, 100, 1, 1, false, true));
        fail(breaker, "boom");
        Thread.sleep(150);

        ProviderBreaker.Permit trial = breaker.acquire();
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThatThrownBy(breaker::acquire).as("a second trial while the first is in flight").isInstanceOf(BreakerOpenException.class);
        trial.succeeded();

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        breaker.acquire().succeeded();
    }

    @Test
    void aFailedTrialCallReopensIt() throws Exception {
        ProviderBreaker breaker = breaker(countBased(1, 1, 100, 2));
        fail(breaker, "boom");
        Thread.sleep(150);

        fail(breaker, "still down");

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(seen.getLast()).extracting(BreakerTransition::from, BreakerTransition::to, BreakerTransition::reason)
                .containsExactly(BreakerState.HALF_OPEN, BreakerState.OPEN, "still down");
    }

    @Test
    void errorsThatDoNotCountNeverOpenIt() {
        ProviderBreaker breaker = breaker(countBased(2, 2, 10_000, 1));

        for (int i = 0; i < 20; i++) {
            breaker.acquire().failed(new BadRequest());
        }

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(seen).isEmpty();
    }

    @Test
    void theOpenDelayFollowsTheProvidersBackOffWhenLonger() {
        ProviderBreaker breaker = breaker(countBased(1, 1, 100, 1));

        breaker.acquire().failed(new ServerError("429 slow down", Duration.ofSeconds(30)));

        assertThat(breaker.stats().remainingOpenDelay()).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30));
        assertThatThrownBy(breaker::acquire).isInstanceOf(BreakerOpenException.class)
                .satisfies(e -> assertThat(((BreakerOpenException) e).retryIn()).isGreaterThan(Duration.ofSeconds(29)));
    }

    @Test
    void trialCallsResumeWhenTheProvidersBackOffEnds() throws Exception {
        ProviderBreaker breaker = breaker(countBased(1, 1, 50, 1));
        breaker.acquire().failed(new ServerError("429 slow down", Duration.ofMillis(300)));

        Thread.sleep(120);
        assertThatThrownBy(breaker::acquire).as("past Failsafe's delay, inside the provider's").isInstanceOf(BreakerOpenException.class);
        Thread.sleep(250);
        breaker.acquire().succeeded();

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void aForcedOpenBreakerHoldsUntilReset() throws Exception {
        ProviderBreaker breaker = breaker(countBased(1, 1, 50, 1));

        breaker.forceOpen();
        Thread.sleep(100);

        assertThatThrownBy(breaker::acquire).isInstanceOf(BreakerOpenException.class).hasMessageContaining("forced open");
        breaker.reset();
        breaker.acquire().succeeded();
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(seen).extracting(BreakerTransition::to).containsExactly(BreakerState.FORCED_OPEN, BreakerState.CLOSED);
        assertThat(seen).extracting(BreakerTransition::reason).containsExactly("forced open by the user", "reset by the user");
    }

    @Test
    void aForcedClosedBreakerLetsEverythingThroughAndCountsNothing() {
        ProviderBreaker breaker = breaker(countBased(1, 1, 10_000, 1));
        breaker.forceClosed();

        for (int i = 0; i < 10; i++) {
            fail(breaker, "boom");
        }

        assertThat(breaker.state()).isEqualTo(BreakerState.FORCED_CLOSED);
        breaker.reset();
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.stats().failures()).isZero();
    }

    @Test
    void resetClearsTheCountsOfAClosedBreaker() {
        ProviderBreaker breaker = breaker(countBased(2, 2, 10_000, 1));
        fail(breaker, "one");

        breaker.reset();
        fail(breaker, "two");

        assertThat(breaker.state()).as("one failure since the reset is below the threshold").isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void timeBasedModeOpensOnTheFailureRateOnceEnoughCallsWereMade() {
        ProviderBreaker breaker = breaker(new BreakerSettings(true, "time", 1, 1, 50, 60_000, 4, 10_000, 1, 1, false, true));

        fail(breaker, "a");
        fail(breaker, "b");
        breaker.acquire().succeeded();
        assertThat(breaker.state()).as("3 calls, below the minimum of 4").isEqualTo(BreakerState.CLOSED);
        breaker.acquire().succeeded();

        assertThat(breaker.state()).as("2 of 4 failed: 50 %").isEqualTo(BreakerState.OPEN);
    }

    @Test
    void aBreakerDisabledInTheSettingsLetsEverythingThrough() {
        ProviderBreaker breaker = breaker(new BreakerSettings(false, "count", 1, 1, 50, 60_000, 1, 10_000, 1, 1, false, true));

        for (int i = 0; i < 5; i++) {
            fail(breaker, "boom");
        }

        assertThat(breaker.state()).isEqualTo(BreakerState.DISABLED);
        breaker.setEnabled(true);
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }
}
