package dev.localagent.studio.sim;

import dev.localagent.studio.sim.fault.FaultPhase;
import dev.localagent.studio.sim.fault.FaultPlan;
import dev.localagent.studio.sim.fault.FaultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Applies the current {@link FaultPlan}: decides each request's faults, keeps the timeline's
 * clock, owns the per-persona rate limiters, and tells the server when an outage begins or ends.
 * The plan can be swapped at any time ({@code PUT /_sim/faults}); the timeline then starts over.
 * All time comes from the injected clock. Thread-safe.
 */
final class FaultController {

    private record State(FaultPlan plan, Instant timelineStart) {}

    private final Clock clock;
    private final SimStats stats;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<Persona, RateLimiter> limiters = new EnumMap<>(Persona.class);
    private volatile State state;
    private volatile Consumer<Boolean> outageSwitch = down -> {};
    private boolean down;

    FaultController(FaultPlan plan, Clock clock, SimStats stats) {
        this.clock = clock;
        this.stats = stats;
        install(plan);
    }

    FaultPlan plan() {
        return state.plan();
    }

    /** Replaces the plan; limiters restart full and the timeline waits for its start again. */
    synchronized void install(FaultPlan plan) {
        state = new State(plan, plan.startNow() ? clock.instant() : null);
        sequence.set(0);
        synchronized (limiters) {
            limiters.clear();
        }
        refresh();
    }

    /** Called with {@code true} when an outage begins and {@code false} when it ends. */
    void onOutage(Consumer<Boolean> listener) {
        this.outageSwitch = listener;
    }

    /** Decides the faults of the next request to {@code persona}; starts the timeline on the first. */
    FaultDecision decide(Persona persona) {
        State s = startTimeline();
        FaultSet faults = effective(s, persona, clock.instant());
        if (faults.isEmpty()) {
            sequence.incrementAndGet();
            return FaultDecision.NONE;
        }
        long n = sequence.incrementAndGet();
        return FaultDecision.roll(faults, new SplittableRandom(s.plan().seed() * 0x9E3779B97F4A7C15L + n));
    }

    /** The persona's limiter under the faults in force now, or {@code null} when none limits it. */
    RateLimiter limiter(Persona persona) {
        State s = startTimeline();
        FaultSet f = effective(s, persona, clock.instant());
        int rpm = f.rpm() == null ? 0 : f.rpm();
        int tpm = f.tpm() == null ? 0 : f.tpm();
        if (rpm == 0 && tpm == 0) {
            return null;
        }
        synchronized (limiters) {
            RateLimiter l = limiters.get(persona);
            if (l == null || !l.matches(rpm, tpm)) {
                l = new RateLimiter(rpm, tpm, clock);
                limiters.put(persona, l);
            }
            return l;
        }
    }

    /** Whether the plan says the simulator is down right now. */
    boolean outageNow() {
        FaultPhase phase = phase(state, clock.instant());
        return phase != null && phase.outage();
    }

    /**
     * Compares the plan's outage state with the server's and switches it. The server calls this on
     * a short timer; tests call it after moving their clock.
     */
    synchronized void refresh() {
        boolean shouldBeDown = outageNow();
        if (shouldBeDown != down) {
            down = shouldBeDown;
            if (shouldBeDown) {
                stats.recordFault("outage");
            }
            outageSwitch.accept(shouldBeDown);
        }
    }

    private State startTimeline() {
        State s = state;
        if (s.timelineStart() == null && !s.plan().timeline().isEmpty()) {
            synchronized (this) {
                if (state.timelineStart() == null && state.plan() == s.plan()) {
                    state = new State(s.plan(), clock.instant());
                }
                s = state;
            }
        }
        return s;
    }

    private static FaultSet effective(State s, Persona persona, Instant now) {
        FaultPlan plan = s.plan();
        FaultSet faults = plan.faults();
        FaultPhase phase = phase(s, now);
        if (phase != null) {
            faults = faults.overriddenBy(phase.faults());
        }
        return faults.overriddenBy(plan.personas().get(persona.id()));
    }

    /** The phase in force at {@code now}, or {@code null} before the start and after the end. */
    private static FaultPhase phase(State s, Instant now) {
        FaultPlan plan = s.plan();
        if (s.timelineStart() == null || plan.timeline().isEmpty() || now.isBefore(s.timelineStart())) {
            return null;
        }
        long elapsed = Duration.between(s.timelineStart(), now).toNanos();
        long length = plan.timelineLength().toNanos();
        if (elapsed >= length) {
            if (!plan.repeat()) {
                return null;
            }
            elapsed %= length;
        }
        for (FaultPhase phase : plan.timeline()) {
            if (elapsed < phase.duration().toNanos()) {
                return phase;
            }
            elapsed -= phase.duration().toNanos();
        }
        return null;
    }
}
