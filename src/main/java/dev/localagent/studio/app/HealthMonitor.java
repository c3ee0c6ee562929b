package dev.localagent.studio.app;

import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.provider.Health;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Probes every enabled provider now and then, for the status bar and the model pickers. A remote
 * provider without an API key is not probed: it is reported as needing one. Thread-safe.
 */
public final class HealthMonitor implements AutoCloseable {

    /** What the status bar shows of one provider. */
    public record Status(String providerId, State state, Duration latency, String detail) {}

    public enum State {
        /** Not probed yet. */
        UNKNOWN,
        UP,
        DOWN,
        /** Cannot be used as configured (no API key). */
        NEEDS_SETUP
    }

    private final Studio studio;
    private final Duration interval;
    private final List<Consumer<List<Status>>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("health-timer").factory());
    private volatile List<Status> current;

    public HealthMonitor(Studio studio, Duration interval) {
        this.studio = studio;
        this.interval = interval;
        this.current = unknown();
    }

    /** Probes at once, then every interval, on background threads. */
    public void start() {
        timer.scheduleWithFixedDelay(() -> studio.background().execute(this::checkNow), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void onChange(Consumer<List<Status>> listener) {
        listeners.add(listener);
    }

    public List<Status> current() {
        return current;
    }

    /** Probes every enabled provider in parallel and returns (and publishes) the result. Blocks. */
    public List<Status> checkNow() {
        List<CompletableFuture<Status>> probes = new ArrayList<>();
        for (ProviderConfig p : enabled()) {
            probes.add(CompletableFuture.supplyAsync(() -> probe(p), studio.background()));
        }
        List<Status> next = probes.stream().map(CompletableFuture::join).toList();
        current = next;
        listeners.forEach(l -> l.accept(next));
        return next;
    }

    private Status probe(ProviderConfig p) {
        if (needsKey(p) && studio.apiKeys().keyFor(p).isEmpty()) {
            return new Status(p.id(), State.NEEDS_SETUP, null,
                    "no API key: set " + p.kind().name() + "_API_KEY or add it to secrets.json");
        }
        try {
            Health health = studio.pipelines().pipeline(p.id()).health();
            if (health.up()) {
                return new Status(p.id(), State.UP, health.latency(),
                        "answering" + health.versionIfKnown().map(v -> ", version " + v).orElse(""));
            }
            return new Status(p.id(), State.DOWN, health.latency(), health.error() == null ? "not answering" : health.error().getMessage());
        } catch (RuntimeException e) {
            return new Status(p.id(), State.DOWN, null, e.getMessage());
        }
    }

    /** A hosted service needs a key; Ollama, the simulator and OpenAI-compatible servers on this machine do not. */
    private static boolean needsKey(ProviderConfig p) {
        if (p.simulator() || p.kind() == ProviderKind.OLLAMA || p.baseUrl() == null) {
            return false;
        }
        String host = URI.create(p.baseUrl()).getHost();
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return !(h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1"));
    }

    private List<ProviderConfig> enabled() {
        return studio.config().providers().stream().filter(ProviderConfig::enabled).toList();
    }

    private List<Status> unknown() {
        return enabled().stream().map(p -> new Status(p.id(), State.UNKNOWN, null, "not checked yet")).toList();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
