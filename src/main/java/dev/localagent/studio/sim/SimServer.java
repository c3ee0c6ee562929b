package dev.localagent.studio.sim;

import dev.localagent.studio.sim.fault.FaultPlan;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider simulator: one loopback port, four personas (Ollama at {@code /} and {@code /api},
 * OpenAI at {@code /v1}, Gemini at {@code /v1beta}, Perplexity at {@code /chat/completions}),
 * fault injection, and admin endpoints under {@code /_sim}. Runs on our own small HTTP/1.1 server
 * ({@link OwnHttpServer}), or on the JDK's with {@code -Dsim.server=jdk}, a virtual thread per
 * request. During a planned outage it closes its listening socket (clients get "connection
 * refused") and reopens it on the same port afterwards. Thread-safe.
 */
public final class SimServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimServer.class);
    private static final String OUTAGE_TIMER = "sim-outage-timer";

    /** Which server runs under the simulator: {@code own} (the default) or {@code jdk}, for A/B runs. */
    static final String SERVER = System.getProperty("sim.server", "own");

    private final SimOptions options;
    private final SimStats stats = new SimStats();
    private final FaultController faults;
    private final Map<Persona, PersonaEndpoint> personas = new EnumMap<>(Persona.class);
    private final AdminEndpoint admin;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService outageTimer;
    private final InetSocketAddress address;
    private final Object listenerLock = new Object();
    private final SimTransport transport;
    private boolean listening;
    private volatile boolean closed;

    private SimServer(SimOptions options) throws IOException {
        this.options = options;
        InetAddress host = InetAddress.getByName(options.host());
        if (!host.isLoopbackAddress() && !options.allowNonLoopback()) {
            throw new IllegalArgumentException("refusing to bind " + options.host()
                    + ": not a loopback address (give --host explicitly to serve other machines)");
        }
        this.faults = new FaultController(options.faults(), options.clock(), stats);
        personas.put(Persona.OPENAI, new OpenAiPersona(options, faults, stats));
        personas.put(Persona.OLLAMA, new OllamaPersona(options, faults, stats));
        personas.put(Persona.GEMINI, new GeminiPersona(options, faults, stats));
        personas.put(Persona.PERPLEXITY, new PerplexityPersona(options, faults, stats));
        this.admin = new AdminEndpoint(faults, stats, options.maxBodyBytes());
        this.transport = SimTransport.of(SERVER, this::dispatch, stats, handlers);
        int port = transport.listen(new InetSocketAddress(host, options.port()));
        this.address = new InetSocketAddress(host, port);
        this.listening = true;
        this.outageTimer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(OUTAGE_TIMER).factory());
        faults.onOutage(down -> outageTimer.execute(() -> switchListener(down)));
        faults.refresh();
        outageTimer.scheduleAtFixedRate(faults::refresh, 20, 20, TimeUnit.MILLISECONDS);
    }

    /** Binds and starts serving. */
    public static SimServer start(SimOptions options) throws IOException {
        SimServer server = new SimServer(options);
        LOG.info("Simulator listening on {} ({} HTTP server; {})", server.baseUrl(), server.transport.name(), options);
        return server;
    }

    /** {@code http://HOST:PORT}, no trailing slash. */
    public String baseUrl() {
        String host = address.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** The base URL a persona's official client would use: OpenAI adds {@code /v1}, Gemini {@code /v1beta}. */
    public String baseUrl(Persona persona) {
        return baseUrl() + persona.basePath();
    }

    public int port() {
        return address.getPort();
    }

    public SimStatsSnapshot stats() {
        return stats.snapshot();
    }

    public FaultPlan faults() {
        return faults.plan();
    }

    /**
     * Swaps the fault plan at run time (what {@code PUT /_sim/faults} does). Returns once an
     * outage the new plan starts or ends has taken effect: the listener is switched on the outage
     * timer thread, and a caller that goes on to connect must not race it.
     */
    public void faults(FaultPlan plan) {
        faults.install(plan);
        awaitListenerSwitch();
    }

    /** Re-checks the timeline now: tests call this after moving their clock. */
    public void refreshFaults() {
        faults.refresh();
        awaitListenerSwitch();
    }

    /** Waits until listener switches queued so far on the outage timer are done (at most 5 s). */
    private void awaitListenerSwitch() {
        if (Thread.currentThread().getName().equals(OUTAGE_TIMER)) {
            return;
        }
        try {
            outageTimer.submit(() -> {}).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                | java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Listener switch not confirmed: {}", e.toString());
        }
    }

    /** Whether the listening socket is open right now (false during an outage). */
    public boolean accepting() {
        synchronized (listenerLock) {
            return listening;
        }
    }

    private void switchListener(boolean down) {
        synchronized (listenerLock) {
            if (closed) {
                return;
            }
            if (down && listening) {
                LOG.info("Simulator outage begins: no longer accepting connections on {}", baseUrl());
                transport.stopListening();
                listening = false;
            } else if (!down && !listening) {
                try {
                    transport.listen(address);
                    listening = true;
                    LOG.info("Simulator outage over: accepting connections on {} again", baseUrl());
                } catch (IOException e) {
                    LOG.warn("Could not reopen {} after an outage: {}", baseUrl(), e.toString());
                }
            }
        }
    }

    private void dispatch(SimExchange ex) throws IOException {
        stats.recordRequest(ex.remoteAddress());
        boolean drop = false;
        try {
            String path = ex.path();
            PersonaEndpoint persona = route(path);
            if (path.startsWith("/_sim/")) {
                admin.handle(ex);
            } else if (persona != null) {
                ex.persona(persona.persona());
                persona.handle(ex);
            } else {
                ex.send(SimResponse.text(404, "text/plain; charset=utf-8", "404 page not found"));
            }
        } catch (SimExchange.ConnectionDrop d) {
            drop = true;
            throw d;
        } catch (IOException e) {
            // the client went away mid-reply: nothing to tell it
            LOG.debug("Client gone: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.warn("Simulator failed on {} {}: {}", ex.method(), ex.path(), e.toString(), e);
            if (!ex.headersSent()) {
                ex.send(SimResponse.json(500, SimJson.object().put("error", "simulator bug: " + e)));
            }
        } finally {
            if (!drop) {
                ex.close();
            }
        }
    }

    private PersonaEndpoint route(String path) {
        if (path.startsWith("/v1beta/") || path.equals("/v1beta")) {
            return personas.get(Persona.GEMINI);
        }
        if (path.startsWith("/v1/") || path.equals("/v1")) {
            return personas.get(Persona.OPENAI);
        }
        if (path.equals("/chat/completions")) {
            return personas.get(Persona.PERPLEXITY);
        }
        if (path.equals("/") || path.startsWith("/api/")) {
            return personas.get(Persona.OLLAMA);
        }
        return null;
    }

    /** Stops listening, ends open streams and waits briefly for request threads to finish. */
    @Override
    public void close() {
        synchronized (listenerLock) {
            if (closed) {
                return;
            }
            closed = true;
            transport.close();
            listening = false;
        }
        outageTimer.shutdownNow();
        // streams go on after their handlers return; the connections are closed by now, and this
        // takes them out of the pacer too
        personas.values().forEach(PersonaEndpoint::cancelStreams);
        handlers.shutdownNow();
        try {
            if (!handlers.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Simulator request threads still running 5 s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Simulator on {} stopped", baseUrl());
    }
}
