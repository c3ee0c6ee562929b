package dev.localagent.studio.cli;

import dev.localagent.studio.app.SimulatorHost;
import dev.localagent.studio.app.SimulatorOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code studio sim}: serves the provider simulator until stopped. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Serve the built-in provider simulator (Ollama, OpenAI, Gemini, Perplexity) on one port.",
            "Prints 'simulator listening on http://HOST:PORT' first, then serves until stopped.",
            "Fault flags apply to every persona and override the preset or file (see docs/simulator.md)."})
final class SimCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to bind (default 127.0.0.1). A non-loopback address is served only when given here.")
    String host;

    @Option(names = "--port", defaultValue = "0", paramLabel = "N", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--faults", paramLabel = "FILE|PRESET", description = "healthy, flaky, brownout, rate-limited, slow, chaos, or a .json fault file.")
    String faults;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for replies and for which requests fail.")
    Long seed;

    @Option(names = "--ttft", paramLabel = "DURATION", converter = DurationConverter.class, description = "Time to first token of a stream, e.g. 200ms.")
    Duration ttft;

    @Option(names = "--tps", paramLabel = "N", description = "Tokens per second after the first (0 = unpaced).")
    Double tps;

    @Option(names = "--latency", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Fixed delay before a non-streamed reply and before the first byte of a stream.")
    Duration latency;

    @Option(names = "--error-rate", paramLabel = "R", description = "Share of requests (0..1) answered with an error status.")
    Double errorRate;

    @Option(names = "--error-status", paramLabel = "CODES", split = ",", description = "Statuses for --error-rate, e.g. 500,503,529.")
    List<Integer> errorStatus;

    @Option(names = "--rpm", paramLabel = "N", description = "Requests per minute each persona allows (0 = unlimited).")
    Integer rpm;

    @Option(names = "--tpm", paramLabel = "N", description = "Tokens per minute each persona allows (0 = unlimited).")
    Integer tpm;

    @Option(names = "--stall-after", paramLabel = "N", description = "Stall every stream after N tokens (with --stall).")
    Integer stallAfter;

    @Option(names = "--stall", paramLabel = "DURATION", converter = DurationConverter.class, description = "How long a stall lasts (default 5s).")
    Duration stall;

    @Option(names = "--drop-after", paramLabel = "N", description = "Drop every stream's connection after N tokens.")
    Integer dropAfter;

    @Option(names = "--api-key", paramLabel = "KEY", description = "Require this key, checked the way each provider checks it. Never logged.")
    String apiKey;

    @Option(names = "--instant", description = "No pacing at all (for throughput benchmarks); --ttft and --tps still apply.")
    boolean instant;

    @Override
    public Integer call() {
        validate();
        SimulatorOptions options = SimulatorOptions.builder().host(host).hostExplicit(host != null).port(port).faults(faults).seed(seed)
                .ttft(ttft).tps(tps).latency(latency).errorRate(errorRate).errorStatus(errorStatus).rpm(rpm).tpm(tpm)
                .stallAfter(stallAfter).stall(stall).dropAfter(dropAfter).apiKey(apiKey).instant(instant).build();
        SimulatorHost sim;
        try {
            sim = SimulatorHost.start(options);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException e) {
            spec.commandLine().getErr().println("cannot listen on " + (host == null ? "127.0.0.1" : host) + ":" + port + ": " + e.getMessage());
            return 1;
        }
        Thread hook = Thread.ofPlatform().name("sim-shutdown").unstarted(sim::close);
        Runtime.getRuntime().addShutdownHook(hook);
        spec.commandLine().getOut().println("simulator listening on " + sim.baseUrl());
        spec.commandLine().getOut().flush();
        if (host != null && !sim.loopback()) {
            spec.commandLine().getErr().println("warning: " + host + " is not a loopback address: other machines can reach this simulator");
        }
        try {
            sim.awaitClose();
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } finally {
            sim.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping: the hook runs anyway
            }
        }
        return 0;
    }

    private void validate() {
        if (errorRate != null && (errorRate < 0 || errorRate > 1)) {
            throw new ParameterException(spec.commandLine(), "--error-rate must be between 0 and 1");
        }
        if (errorStatus != null && errorStatus.stream().anyMatch(s -> s < 400 || s > 599)) {
            throw new ParameterException(spec.commandLine(), "--error-status takes HTTP error codes 400..599");
        }
        if (tps != null && tps < 0) {
            throw new ParameterException(spec.commandLine(), "--tps must be >= 0");
        }
        for (Integer n : new Integer[] {rpm, tpm, stallAfter, dropAfter}) {
            if (n != null && n < 0) {
                throw new ParameterException(spec.commandLine(), "--rpm, --tpm, --stall-after and --drop-after must be >= 0");
            }
        }
        if (stall != null && stallAfter == null) {
            throw new ParameterException(spec.commandLine(), "--stall needs --stall-after N");
        }
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0..65535");
        }
    }

    /** Reads {@code 250ms}, {@code 2s}, {@code 1m30s}. */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return SimulatorOptions.parseDuration(value);
        }
    }
}
