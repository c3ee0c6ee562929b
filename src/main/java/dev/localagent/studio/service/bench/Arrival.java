package dev.localagent.studio.service.bench;

import java.util.Locale;

/** How an open loop spaces its sends. */
public enum Arrival {
    /** Exactly 1/rate apart. */
    CONSTANT,
    /** Exponential gaps with mean 1/rate, from the run's seed: the arrivals of many independent users. */
    POISSON;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Arrival parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "constant" -> CONSTANT;
            case "poisson" -> POISSON;
            default -> throw new IllegalArgumentException("unknown arrival '" + text + "' (choose constant or poisson)");
        };
    }
}
