package dev.localagent.studio.service.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a run measures; each has its own report section. */
public enum BenchScenario {
    /** Closed loop at a concurrency. */
    LOAD,
    /** Open loop at an arrival rate. */
    RATE,
    /** Open-loop steps of rising rate until the objectives break; reports the knee. */
    STRESS,
    /** A scripted fault timeline; reports every breaker transition and what users saw. */
    BREAKER,
    /** A prompt set with repeats, run with the cache off and then on; reports hits and savings. */
    CACHE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code load}, {@code rate}, ...; a one-line error naming the choices otherwise. */
    public static BenchScenario parse(String text) {
        for (BenchScenario s : values()) {
            if (s.id().equalsIgnoreCase(text.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + text + "' (choose "
                + Arrays.stream(values()).map(BenchScenario::id).collect(Collectors.joining(", ")) + ")");
    }

    /** Whether the scenario sends on a schedule rather than when replies end. */
    public boolean openLoop() {
        return this == RATE || this == STRESS;
    }
}
