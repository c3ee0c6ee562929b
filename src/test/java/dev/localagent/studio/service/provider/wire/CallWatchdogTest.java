package dev.localagent.studio.service.provider.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.service.config.TimeoutSettings;
import dev.localagent.studio.service.provider.ProviderTimeoutException.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The shared watchdog on stepped clocks: a call is aborted once, with the phase whose limit passed,
 * only after that limit; a call that ended is never aborted; one slow call does not hide another.
 * The waits below are for the watchdog's thread to notice a step (it re-reads clocks at least every
 * {@link CallWatchdog#MAX_SLEEP_NANOS}); nothing here depends on how long a real limit takes.
 */
class CallWatchdogTest {

    private static final long MS = 1_000_000L;
    private static final TimeoutSettings LIMITS = new TimeoutSettings(100, 1_000, 200, 60_000);

    @Test
    void aCallPastItsFirstTokenLimitIsAbortedOnceWithThatPhase() throws InterruptedException {
        AtomicLong clock = new AtomicLong();
        CallDeadlines deadlines = new CallDeadlines(LIMITS, true, 0);
        CountDownLatch aborted = new CountDownLatch(1);
        CountDownLatch abortedTwice = new CountDownLatch(2);
        try (CallWatchdog.Watch watch = CallWatchdog.watch(deadlines, clock::get, () -> {
            aborted.countDown();
            abortedTwice.countDown();
        })) {
            clock.set(999 * MS);
            assertThat(aborted.await(150, TimeUnit.MILLISECONDS)).as("aborted before its limit").isFalse();
            assertThat(watch.expired()).isNull();

            clock.set(1_000 * MS);
            assertThat(aborted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(watch.expired()).isEqualTo(Phase.FIRST_TOKEN);
            clock.set(2_000 * MS);
            assertThat(abortedTwice.await(150, TimeUnit.MILLISECONDS)).as("aborted a second time").isFalse();
        }
    }

    @Test
    void aCallThatEndedIsNeverAborted() throws InterruptedException {
        AtomicLong clock = new AtomicLong();
        CountDownLatch aborted = new CountDownLatch(1);
        CallWatchdog.Watch watch = CallWatchdog.watch(new CallDeadlines(LIMITS, false, 0), clock::get, aborted::countDown);
        watch.close();
        clock.set(120_000 * MS);
        assertThat(aborted.await(200, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(watch.expired()).isNull();
    }

    @Test
    void manyCallsEachGetTheirOwnVerdict() throws InterruptedException {
        AtomicLong clock = new AtomicLong();
        int calls = 200;
        CountDownLatch idleAborts = new CountDownLatch(calls / 2);
        List<CallWatchdog.Watch> watches = new ArrayList<>();
        AtomicInteger wrongAborts = new AtomicInteger();
        for (int i = 0; i < calls; i++) {
            CallDeadlines d = new CallDeadlines(LIMITS, false, 0);
            boolean silent = i % 2 == 0;
            d.bytesArrived(silent ? 0 : 1_000 * MS); // the others keep receiving bytes
            watches.add(CallWatchdog.watch(d, clock::get, silent ? idleAborts::countDown : wrongAborts::incrementAndGet));
        }
        clock.set(1_100 * MS); // 1,100 ms after the silent calls' last byte, 100 ms after the others'
        try {
            assertThat(idleAborts.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < calls; i++) {
                assertThat(watches.get(i).expired()).isEqualTo(i % 2 == 0 ? Phase.IDLE : null);
            }
            assertThat(wrongAborts).hasValue(0);
        } finally {
            watches.forEach(CallWatchdog.Watch::close);
        }
    }
}
