package dev.localagent.studio.ui.bench;

import dev.localagent.studio.service.bench.BenchScenario;
import java.util.EnumSet;
import java.util.Set;

/** The settings that only some scenarios use; the form shows each only for those. */
public enum BenchParameter {
    USERS(BenchScenario.LOAD, BenchScenario.BREAKER, BenchScenario.CACHE),
    RATE(BenchScenario.RATE, BenchScenario.STRESS),
    ARRIVAL(BenchScenario.RATE, BenchScenario.STRESS),
    IN_FLIGHT_CAP(BenchScenario.RATE, BenchScenario.STRESS),
    RATE_STEP(BenchScenario.STRESS),
    STEP_DURATION(BenchScenario.STRESS),
    MAX_STEPS(BenchScenario.STRESS),
    FAULTS(BenchScenario.BREAKER),
    REPEAT_RATIO(BenchScenario.CACHE),
    CACHE_STRATEGY(BenchScenario.CACHE),
    /** How long (or how many requests) to measure; a stress run is as long as its steps. */
    LENGTH(BenchScenario.LOAD, BenchScenario.RATE, BenchScenario.BREAKER, BenchScenario.CACHE),
    WARMUP(BenchScenario.LOAD, BenchScenario.RATE, BenchScenario.BREAKER);

    private final Set<BenchScenario> scenarios;

    BenchParameter(BenchScenario first, BenchScenario... rest) {
        this.scenarios = EnumSet.of(first, rest);
    }

    public boolean usedBy(BenchScenario scenario) {
        return scenario != null && scenarios.contains(scenario);
    }
}
