package dev.localagent.studio.service.resilience;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerBuilder;
import dev.localagent.studio.service.config.BreakerSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One provider's circuit breaker: Failsafe's breaker driven through its standalone permit API, plus
 * what Failsafe lacks for this app — which errors count is explicit, the open delay can follow the
 * provider's own back-off, the user can force it open or closed, and every transition is an event
 * that names the call that tipped it.
 *
 * <p>An error that does not count (a bad request, a bad key) is recorded as a success: the provider
 * answered, which is what the breaker measures. Thread-safe.
 */
public final class ProviderBreaker {

    private static final int KEPT_TRANSITIONS = 200;

    /** What the pipeline holds while a call is in flight; report its outcome exactly once. */
    public interface Permit {
        void succeeded();

        void failed(Throwable error);
    }

    private static final Permit UNCOUNTED = new Permit() {
        @Override
        public void succeeded() {}

        @Override
        public void failed(Throwable error) {}
    };

    private final String provider;
    private final Clock clock;
    private final Predicate<Throwable> counts;
    private final Function<Throwable, Optional<Duration>> backoffHint;
    private final CircuitBreaker<Object> breaker;
    private final Duration openDelay;
    private final boolean followBackoff;
    private final TimeSource time;
    /** The provider's back-off carried by the failure being recorded, if any. */
    private final AtomicReference<Duration> pendingHint = new AtomicReference<>();
    /** Failsafe's standalone breaker has one fixed delay, so a longer back-off is held here. */
    private volatile long heldOpenUntilNanos;
    private final AtomicReference<String> lastFailure = new AtomicReference<>("");
    private final Deque<BreakerTransition> transitions = new ArrayDeque<>();
    private final List<Consumer<BreakerTransition>> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder permitted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private volatile BreakerState override;

    /**
     * @param counts which errors count as failures
     * @param backoffHint how long the provider asked us to back off, read from an error
     */
    public ProviderBreaker(String provider, BreakerSettings settings, Clock clock, TimeSource time, Predicate<Throwable> counts,
            Function<Throwable, Optional<Duration>> backoffHint) {
        this.provider = provider;
        this.clock = clock;
        this.time = time;
        this.counts = counts;
        this.backoffHint = backoffHint;
        this.openDelay = Duration.ofMillis(settings.openDelayMs());
        this.followBackoff = settings.followRetryAfter();
        this.override = settings.enabled() ? null : BreakerState.DISABLED;
        this.breaker = build(settings);
    }

    private CircuitBreaker<Object> build(BreakerSettings s) {
        CircuitBreakerBuilder<Object> builder = CircuitBreaker.builder()
                .handleIf(error -> counts.test(error))
                .withDelay(openDelay)
                .withSuccessThreshold(s.successThreshold(), Math.max(s.successThreshold(), s.halfOpenMaxCalls()))
                .onOpen(e -> {
                    holdOpenBeyondDelay();
                    transition(state(e.getPreviousState()), BreakerState.OPEN, lastFailure.get());
                })
                .onHalfOpen(e -> transition(state(e.getPreviousState()), BreakerState.HALF_OPEN, "open delay elapsed"))
                .onClose(e -> transition(state(e.getPreviousState()), BreakerState.CLOSED,
                        e.getPreviousState() == CircuitBreaker.State.HALF_OPEN ? "trial calls succeeded" : "reset"));
        if (s.mode().equals("time")) {
            builder.withFailureRateThreshold(s.failureRatePercent(), s.minimumCalls(), Duration.ofMillis(s.windowMs()));
        } else {
            builder.withFailureThreshold(s.failureThreshold(), s.windowCalls());
        }
        return builder.build();
    }

    /**
     * Rejects at once if the breaker would reject a call now, without taking a trial slot: lets the
     * pipeline fail fast before it waits in a rate limiter, and take the real permit only when it
     * is about to send.
     *
     * @throws BreakerOpenException when open (or forced open) and the open delay has not passed
     */
    public void rejectIfOpen() {
        BreakerState forced = override;
        if (forced == BreakerState.FORCED_OPEN) {
            rejected.increment();
            throw new BreakerOpenException(provider, forced, Duration.ZERO);
        }
        if (forced == null && breaker.isOpen()) {
            Duration remaining = remainingOpenDelay();
            if (!remaining.isZero()) {
                rejected.increment();
                throw new BreakerOpenException(provider, BreakerState.OPEN, remaining);
            }
        }
    }

    /**
     * Asks to send a call.
     *
     * @throws BreakerOpenException when the breaker is open (or forced open)
     */
    public Permit acquire() {
        BreakerState forced = override;
        if (forced == BreakerState.FORCED_OPEN) {
            rejected.increment();
            throw new BreakerOpenException(provider, forced, Duration.ZERO);
        }
        if (forced != null) {
            permitted.increment();
            return UNCOUNTED;
        }
        long heldFor = heldOpenUntilNanos - time.nanoTime();
        if (heldFor > 0 && breaker.isOpen()) {
            rejected.increment();
            throw new BreakerOpenException(provider, BreakerState.OPEN, Duration.ofNanos(heldFor));
        }
        if (!breaker.tryAcquirePermit()) {
            rejected.increment();
            throw new BreakerOpenException(provider, BreakerState.OPEN, breaker.getRemainingDelay());
        }
        permitted.increment();
        return new Permit() {
            @Override
            public void succeeded() {
                breaker.recordSuccess();
            }

            @Override
            public void failed(Throwable error) {
                if (counts.test(error)) {
                    lastFailure.set(describe(error));
                    pendingHint.set(backoffHint.apply(error).orElse(null));
                }
                breaker.recordException(error);
                pendingHint.set(null);
            }
        };
    }

    private void holdOpenBeyondDelay() {
        Duration hint = pendingHint.get();
        heldOpenUntilNanos = followBackoff && hint != null && hint.compareTo(openDelay) > 0
                ? time.nanoTime() + hint.toNanos()
                : 0;
    }

    /** The state a call sent now would see. */
    public BreakerState state() {
        BreakerState forced = override;
        return forced != null ? forced : state(breaker.getState());
    }

    public void forceOpen() {
        setOverride(BreakerState.FORCED_OPEN, "forced open by the user");
    }

    public void forceClosed() {
        setOverride(BreakerState.FORCED_CLOSED, "forced closed by the user");
    }

    /** Clears any override and closes the breaker with fresh counts. */
    public synchronized void reset() {
        BreakerState before = state();
        override = BreakerState.FORCED_CLOSED; // silences Failsafe's own events while it is cycled
        breaker.open(); // closing an already closed Failsafe breaker would keep its counts
        breaker.close();
        override = null;
        if (before != BreakerState.CLOSED) {
            record(before, BreakerState.CLOSED, "reset by the user");
        }
    }

    public void setEnabled(boolean enabled) {
        if (enabled && override == BreakerState.DISABLED) {
            reset();
        } else if (!enabled) {
            setOverride(BreakerState.DISABLED, "disabled in the settings");
        }
    }

    public void onTransition(Consumer<BreakerTransition> listener) {
        listeners.add(listener);
    }

    public BreakerStats stats() {
        List<BreakerTransition> recent;
        synchronized (transitions) {
            recent = List.copyOf(transitions);
        }
        return new BreakerStats(state(), breaker.getFailureRate(), breaker.getFailureCount(), breaker.getSuccessCount(),
                permitted.sum(), rejected.sum(), remainingOpenDelay(), recent);
    }

    private Duration remainingOpenDelay() {
        if (!breaker.isOpen()) {
            return Duration.ZERO;
        }
        Duration held = Duration.ofNanos(Math.max(0, heldOpenUntilNanos - time.nanoTime()));
        Duration failsafe = breaker.getRemainingDelay();
        return held.compareTo(failsafe) > 0 ? held : failsafe;
    }

    private synchronized void setOverride(BreakerState to, String reason) {
        BreakerState before = state();
        override = to;
        if (before != to) {
            record(before, to, reason);
        }
    }

    private void transition(BreakerState from, BreakerState to, String reason) {
        if (override == null) {
            record(from, to, reason);
        }
    }

    private void record(BreakerState from, BreakerState to, String reason) {
        BreakerTransition t = new BreakerTransition(provider, clock.instant(), from, to, reason);
        synchronized (transitions) {
            if (transitions.size() == KEPT_TRANSITIONS) {
                transitions.removeFirst();
            }
            transitions.addLast(t);
        }
        listeners.forEach(l -> l.accept(t));
    }

    private static BreakerState state(CircuitBreaker.State s) {
        return switch (s) {
            case CLOSED -> BreakerState.CLOSED;
            case OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
        };
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null ? error.getClass().getSimpleName() : message;
    }
}
