package dev.localagent.studio.sim.fault;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The named scenarios. They are a contract: scripts, tests and the dashboard select them by name,
 * and docs/simulator.md describes each. Change one only together with that page.
 */
public final class FaultPresets {

    private static final Map<String, FaultPlan> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("healthy", FaultPlan.HEALTHY);
        PRESETS.put("flaky", FaultPlan.steady("flaky",
                FaultSet.builder().errorRate(0.05).errorStatus(List.of(503)).build()));
        PRESETS.put("brownout", new FaultPlan("brownout", 0, FaultSet.NONE, Map.of(), List.of(
                FaultPhase.of(Duration.ofSeconds(20), FaultSet.NONE),
                FaultPhase.of(Duration.ofSeconds(20), FaultSet.builder().errorRate(0.5).errorStatus(List.of(503)).build()),
                FaultPhase.outage(Duration.ofSeconds(10))), false, false));
        PRESETS.put("rate-limited", FaultPlan.steady("rate-limited",
                FaultSet.builder().rpm(60).tpm(20_000).build()));
        PRESETS.put("slow", FaultPlan.steady("slow",
                FaultSet.builder().ttft(Duration.ofSeconds(2)).tps(5.0).build()));
        // chaos: every kind of fault at a low rate, and a short outage once a minute; the seed
        // decides which request gets which, so a chaos run can be replayed.
        FaultSet chaos = FaultSet.builder()
                .spike(0.05, Duration.ofSeconds(1))
                .errorRate(0.05).errorStatus(List.of(429, 500, 502, 503, 529))
                .retryAfter(Duration.ofSeconds(1))
                .rpm(600).tpm(200_000)
                .stallRate(0.03).stallAfterTokens(5).stall(Duration.ofSeconds(2))
                .dropRate(0.03).dropAfterTokens(8)
                .malformedRate(0.02).malformedAfterTokens(3)
                .truncateRate(0.02)
                .oversizedRate(0.01).oversizedBytes(2 * 1024 * 1024)
                .build();
        PRESETS.put("chaos", new FaultPlan("chaos", 0, chaos, Map.of(), List.of(
                FaultPhase.of(Duration.ofSeconds(55), FaultSet.NONE),
                FaultPhase.outage(Duration.ofSeconds(5))), true, false));
    }

    private FaultPresets() {}

    public static Set<String> names() {
        return PRESETS.keySet();
    }

    public static boolean exists(String name) {
        return PRESETS.containsKey(name);
    }

    /** The preset of that name. */
    public static FaultPlan get(String name) {
        FaultPlan plan = PRESETS.get(name);
        if (plan == null) {
            throw new IllegalArgumentException("unknown fault preset '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
        return plan;
    }
}
