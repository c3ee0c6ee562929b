package dev.localagent.studio.app;

import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.sim.Pacing;
import dev.localagent.studio.sim.Persona;
import dev.localagent.studio.sim.SimOptions;
import dev.localagent.studio.sim.SimServer;
import dev.localagent.studio.sim.fault.FaultPlan;
import dev.localagent.studio.sim.fault.FaultPlanJson;
import dev.localagent.studio.sim.fault.FaultPresets;
import dev.localagent.studio.sim.fault.FaultSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The app's handle on the built-in simulator: starts one from {@link SimulatorOptions}, tells each
 * provider client its base URL (as that provider's official client writes it), and stops it.
 * <pre>{@code
 * try (SimulatorHost sim = SimulatorHost.start(SimulatorOptions.inProcess())) {
 *     String openAi = sim.baseUrl(ProviderKind.OPENAI);   // http://127.0.0.1:PORT/v1
 * }
 * }</pre>
 * Thread-safe.
 */
public final class SimulatorHost implements AutoCloseable {

    private final SimServer server;
    private final CountDownLatch closed = new CountDownLatch(1);

    private SimulatorHost(SimServer server) {
        this.server = server;
    }

    /**
     * Starts a simulator.
     *
     * @throws IllegalArgumentException for an unknown preset, a bad fault file or a non-loopback
     *     host that was not given explicitly; the message is one line fit for a user
     * @throws IOException when the port cannot be bound
     */
    public static SimulatorHost start(SimulatorOptions o) throws IOException {
        SimOptions.Builder b = SimOptions.builder()
                .host(o.host() == null ? "127.0.0.1" : o.host())
                .allowNonLoopback(o.hostExplicit())
                .port(o.port())
                .apiKey(o.apiKey())
                .faults(plan(o));
        if (o.seed() != null) {
            b.seed(o.seed());
        }
        if (o.instant()) {
            b.fixedPacing(Pacing.INSTANT);
        }
        return new SimulatorHost(SimServer.start(b.build()));
    }

    private static FaultPlan plan(SimulatorOptions o) throws IOException {
        FaultPlan plan;
        Path file = o.faultFile();
        if (o.faults() == null) {
            plan = FaultPlan.HEALTHY;
        } else if (file == null && FaultPresets.exists(o.faults())) {
            plan = FaultPresets.get(o.faults());
        } else if (file == null) {
            throw new IllegalArgumentException("unknown fault preset '" + o.faults() + "' (known: " + String.join(", ", FaultPresets.names())
                    + "; or give a .json fault file)");
        } else {
            try {
                plan = FaultPlanJson.read(Files.readString(file));
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("fault file not found: " + file);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage());
            }
        }
        if (o.seed() != null) {
            plan = plan.withSeed(o.seed());
        }
        FaultSet.Builder flags = FaultSet.builder().latency(o.latency()).errorRate(o.errorRate()).errorStatus(o.errorStatus())
                .rpm(o.rpm()).tpm(o.tpm()).ttft(o.ttft()).tps(o.tps());
        if (o.stallAfter() != null || o.stall() != null) {
            flags.stallRate(1.0).stallAfterTokens(o.stallAfter() == null ? 0 : o.stallAfter()).stall(o.stall());
        }
        if (o.dropAfter() != null) {
            flags.dropRate(1.0).dropAfterTokens(o.dropAfter());
        }
        return plan.overriddenBy(flags.build());
    }

    /** {@code http://HOST:PORT}. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /**
     * The base URL a client of this kind should use: OpenAI's includes {@code /v1}, Gemini's
     * {@code /v1beta}, Ollama's and Perplexity's are the bare host.
     */
    public String baseUrl(ProviderKind kind) {
        return server.baseUrl(Persona.fromId(kind.id()));
    }

    /** Whether it listens on a loopback address only. */
    public boolean loopback() {
        try {
            return java.net.InetAddress.getByName(java.net.URI.create(server.baseUrl()).getHost()).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    public int port() {
        return server.port();
    }

    /** The current fault plan as the JSON of {@code GET /_sim/faults}. */
    public String faultsJson() {
        return FaultPlanJson.write(server.faults());
    }

    /**
     * Replaces the faults: a preset name or a fault plan in JSON (docs/simulator.md).
     *
     * @throws IllegalArgumentException with a one-line reason when it is neither
     */
    public void applyFaults(String presetOrJson) {
        String s = presetOrJson.strip();
        server.faults(s.startsWith("{") ? FaultPlanJson.read(s) : FaultPresets.get(s));
    }

    /** Blocks until {@link #close()} is called (the {@code sim} command serves until stopped). */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Stops the simulator; safe to call more than once. */
    @Override
    public void close() {
        server.close();
        closed.countDown();
    }
}
