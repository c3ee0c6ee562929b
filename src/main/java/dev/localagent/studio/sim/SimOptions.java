package dev.localagent.studio.sim;

import dev.localagent.studio.sim.fault.FaultPlan;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a simulator. Immutable; {@link #defaults()} is a healthy simulator on a free
 * loopback port with realistic pacing.
 *
 * @param host address to bind; only loopback unless {@code allowNonLoopback}
 * @param port 0 picks a free port
 * @param seed mixed into every reply, so two simulators with different seeds answer differently
 * @param apiKey when set, every persona checks it and answers a wrong or missing key as the real
 *     provider does; never logged
 * @param personaPacing each persona's speed; models with their own pacing use that instead
 * @param fixedPacing when set, every persona and model uses this (tests, throughput benchmarks)
 * @param maxBodyBytes larger request bodies get a 413
 * @param clock drives the fault timeline and the rate limiters
 */
public record SimOptions(
        String host,
        int port,
        boolean allowNonLoopback,
        long seed,
        FaultPlan faults,
        String apiKey,
        Map<Persona, Pacing> personaPacing,
        Pacing fixedPacing,
        int maxBodyBytes,
        Clock clock) {

    public static final int DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

    public SimOptions {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        faults = faults == null ? FaultPlan.HEALTHY : faults;
        personaPacing = Map.copyOf(personaPacing);
        clock = clock == null ? Clock.systemUTC() : clock;
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be > 0");
        }
    }

    public static SimOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.allowNonLoopback = allowNonLoopback;
        b.seed = seed;
        b.faults = faults;
        b.apiKey = apiKey;
        b.personaPacing.putAll(personaPacing);
        b.fixedPacing = fixedPacing;
        b.maxBodyBytes = maxBodyBytes;
        b.clock = clock;
        return b;
    }

    /** The pacing a reply of this model gets, before any fault overrides it. */
    Pacing pacingFor(SimModel model) {
        if (fixedPacing != null) {
            return fixedPacing;
        }
        if (model.pacing() != null) {
            return model.pacing();
        }
        return personaPacing.getOrDefault(model.persona(), Pacing.INSTANT);
    }

    @Override
    public String toString() {
        // the key must never reach a log line, even through a record's toString
        return "SimOptions[host=" + host + ", port=" + port + ", seed=" + seed + ", faults=" + faults.name()
                + ", apiKey=" + (apiKey == null ? "none" : "set") + "]";
    }

    /** Builds options; every setter has a sensible default. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private boolean allowNonLoopback;
        private long seed;
        private FaultPlan faults = FaultPlan.HEALTHY;
        private String apiKey;
        private final Map<Persona, Pacing> personaPacing = new EnumMap<>(Persona.class);
        private Pacing fixedPacing;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Clock clock = Clock.systemUTC();

        private Builder() {
            personaPacing.put(Persona.OLLAMA, new Pacing(Duration.ofMillis(80), 45, 0.15, Duration.ofNanos(40_000)));
            personaPacing.put(Persona.OPENAI, new Pacing(Duration.ofMillis(300), 80, 0.2, Duration.ofNanos(20_000)));
            personaPacing.put(Persona.GEMINI, new Pacing(Duration.ofMillis(450), 150, 0.2, Duration.ofNanos(10_000)));
            personaPacing.put(Persona.PERPLEXITY, new Pacing(Duration.ofMillis(900), 70, 0.2, Duration.ofNanos(20_000)));
        }

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        /** Allows binding an address other than loopback; the CLI sets it only when --host was given. */
        public Builder allowNonLoopback(boolean v) { allowNonLoopback = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder faults(FaultPlan v) { faults = v; return this; }
        public Builder apiKey(String v) { apiKey = v; return this; }
        public Builder pacing(Persona persona, Pacing v) { personaPacing.put(persona, v); return this; }
        public Builder fixedPacing(Pacing v) { fixedPacing = v; return this; }
        public Builder maxBodyBytes(int v) { maxBodyBytes = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }

        public SimOptions build() {
            return new SimOptions(host, port, allowNonLoopback, seed, faults, apiKey, personaPacing, fixedPacing, maxBodyBytes, clock);
        }
    }
}
