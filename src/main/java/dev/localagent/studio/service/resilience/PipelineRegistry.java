package dev.localagent.studio.service.resilience;

import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.config.StudioConfig;
import dev.localagent.studio.service.provider.ProviderFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Every enabled provider's pipeline, built lazily and kept in step with the settings: when a
 * provider's settings change, the next call gets a pipeline built from the new ones; a provider
 * whose settings did not change keeps its pipeline, and with it its breaker state and limiter
 * balance. Thread-safe.
 */
public final class PipelineRegistry {

    private final ProviderFactory factory;
    private final UnaryOperator<ProviderConfig> resolve;
    private final Clock clock;
    private final TimeSource time;
    private final ReplyAccounting accounting;
    private final Map<String, ProviderConfig> configs = new LinkedHashMap<>();
    private final Map<String, ProviderPipeline> built = new LinkedHashMap<>();
    private final List<Consumer<ProviderPipeline>> onBuilt = new CopyOnWriteArrayList<>();

    /**
     * @param resolve fills in what the settings leave to run time (a simulated provider's address)
     */
    public PipelineRegistry(ProviderFactory factory, UnaryOperator<ProviderConfig> resolve, Clock clock, TimeSource time,
            ReplyAccounting accounting, StudioConfig config) {
        this.factory = factory;
        this.resolve = resolve;
        this.clock = clock;
        this.time = time;
        this.accounting = accounting;
        configure(config);
    }

    /** Takes new settings; pipelines of changed or removed providers are dropped, to be rebuilt on next use. */
    public synchronized void configure(StudioConfig config) {
        Map<String, ProviderConfig> next = new LinkedHashMap<>();
        config.providers().stream().filter(ProviderConfig::enabled).forEach(p -> next.put(p.id(), p));
        built.keySet().removeIf(id -> !next.containsKey(id) || !next.get(id).equals(configs.get(id)));
        configs.clear();
        configs.putAll(next);
    }

    /** Runs for every pipeline built from now on (to bind meters, listen to transitions). */
    public void onPipelineBuilt(Consumer<ProviderPipeline> listener) {
        onBuilt.add(listener);
    }

    /**
     * The pipeline of a configured, enabled provider.
     *
     * @throws IllegalArgumentException for an unknown or disabled provider id
     */
    public ProviderPipeline pipeline(String providerId) {
        return find(providerId).orElseThrow(() -> new IllegalArgumentException("unknown provider '" + providerId
                + "' (configured: " + String.join(", ", ids()) + ")"));
    }

    public Optional<ProviderPipeline> find(String providerId) {
        ProviderPipeline created;
        synchronized (this) {
            ProviderPipeline existing = built.get(providerId);
            if (existing != null) {
                return Optional.of(existing);
            }
            ProviderConfig config = configs.get(providerId);
            if (config == null) {
                return Optional.empty();
            }
            ProviderConfig resolved = resolve.apply(config);
            created = new ProviderPipeline(factory.create(resolved), resolved, clock, time, accounting, this::find);
            built.put(providerId, created);
        }
        onBuilt.forEach(l -> l.accept(created));
        return Optional.of(created);
    }

    public synchronized List<String> ids() {
        return new ArrayList<>(configs.keySet());
    }

    /** The pipelines built so far, in settings order. */
    public synchronized List<ProviderPipeline> built() {
        return new ArrayList<>(built.values());
    }
}
