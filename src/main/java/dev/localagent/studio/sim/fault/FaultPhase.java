package dev.localagent.studio.sim.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of a scripted scenario: for {@code duration}, these faults apply on top of the plan's
 * base layer, or, when {@code outage} is set, the simulator refuses connections altogether.
 */
public record FaultPhase(Duration duration, FaultSet faults, boolean outage) {

    public FaultPhase {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a phase must last longer than 0s");
        }
        faults = faults == null ? FaultSet.NONE : faults;
    }

    public static FaultPhase of(Duration duration, FaultSet faults) {
        return new FaultPhase(duration, faults, false);
    }

    public static FaultPhase outage(Duration duration) {
        return new FaultPhase(duration, FaultSet.NONE, true);
    }

    FaultPhase overriddenBy(FaultSet over) {
        return new FaultPhase(duration, faults.overriddenBy(over), outage);
    }
}
