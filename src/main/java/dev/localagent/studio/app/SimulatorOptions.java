package dev.localagent.studio.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to start the built-in simulator, in the terms of the {@code sim} command. Every fault field
 * is optional ({@code null} = leave the preset's value); set ones apply to every persona and win
 * over the preset or file. Immutable; {@link #inProcess()} is what the GUI uses.
 *
 * @param host address to bind; {@code null} means 127.0.0.1
 * @param hostExplicit whether the user named the host: only then may it be a non-loopback address
 * @param port 0 picks a free port
 * @param faults a preset name ({@code healthy}, {@code flaky}, {@code brownout}, {@code rate-limited},
 *     {@code slow}, {@code chaos}) or a fault file (docs/simulator.md); {@code null} = healthy
 * @param instant no pacing at all (tests and throughput benchmarks), unless ttft/tps say otherwise
 * @param apiKey when set, each persona demands it the way its provider does; never logged
 */
public record SimulatorOptions(
        String host,
        boolean hostExplicit,
        int port,
        String faults,
        Long seed,
        Duration ttft,
        Double tps,
        Duration latency,
        Double errorRate,
        List<Integer> errorStatus,
        Integer rpm,
        Integer tpm,
        Integer stallAfter,
        Duration stall,
        Integer dropAfter,
        String apiKey,
        boolean instant) {

    public SimulatorOptions {
        errorStatus = errorStatus == null ? null : List.copyOf(errorStatus);
    }

    /** A healthy simulator with realistic pacing on a free loopback port. */
    public static SimulatorOptions inProcess() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads {@code 250ms}, {@code 2s}, {@code 1m30s} (a bare number is seconds), for the command line. */
    public static Duration parseDuration(String text) {
        return dev.localagent.studio.sim.fault.DurationText.parse(text);
    }

    /** Whether {@link #faults} names a file rather than a preset. */
    Path faultFile() {
        return faults != null && (faults.endsWith(".json") || faults.contains("/") || faults.contains("\\")) ? Path.of(faults) : null;
    }

    @Override
    public String toString() {
        return "SimulatorOptions[host=" + host + ", port=" + port + ", faults=" + faults + ", apiKey=" + (apiKey == null ? "none" : "set") + "]";
    }

    /** Builds options; unset fields keep the preset's or the simulator's defaults. */
    public static final class Builder {
        private String host;
        private boolean hostExplicit;
        private int port;
        private String faults;
        private Long seed;
        private Duration ttft;
        private Double tps;
        private Duration latency;
        private Double errorRate;
        private List<Integer> errorStatus;
        private Integer rpm;
        private Integer tpm;
        private Integer stallAfter;
        private Duration stall;
        private Integer dropAfter;
        private String apiKey;
        private boolean instant;

        public Builder host(String v) { host = v; return this; }
        public Builder hostExplicit(boolean v) { hostExplicit = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder faults(String v) { faults = v; return this; }
        public Builder seed(Long v) { seed = v; return this; }
        public Builder ttft(Duration v) { ttft = v; return this; }
        public Builder tps(Double v) { tps = v; return this; }
        public Builder latency(Duration v) { latency = v; return this; }
        public Builder errorRate(Double v) { errorRate = v; return this; }
        public Builder errorStatus(List<Integer> v) { errorStatus = v; return this; }
        public Builder rpm(Integer v) { rpm = v; return this; }
        public Builder tpm(Integer v) { tpm = v; return this; }
        public Builder stallAfter(Integer v) { stallAfter = v; return this; }
        public Builder stall(Duration v) { stall = v; return this; }
        public Builder dropAfter(Integer v) { dropAfter = v; return this; }
        public Builder apiKey(String v) { apiKey = v; return this; }
        public Builder instant(boolean v) { instant = v; return this; }

        public SimulatorOptions build() {
            return new SimulatorOptions(host, hostExplicit, port, faults, seed, ttft, tps, latency, errorRate, errorStatus, rpm, tpm,
                    stallAfter, stall, dropAfter, apiKey, instant);
        }
    }
}
