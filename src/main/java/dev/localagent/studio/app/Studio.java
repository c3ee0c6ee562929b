package dev.localagent.studio.app;

import dev.localagent.studio.service.config.ApiKeys;
import dev.localagent.studio.service.config.BrokenConfigException;
import dev.localagent.studio.service.config.ConfigLoad;
import dev.localagent.studio.service.config.ConfigStore;
import dev.localagent.studio.service.config.StudioConfig;
import dev.localagent.studio.service.config.StudioPaths;
import dev.localagent.studio.service.http.HttpClientMeters;
import dev.localagent.studio.service.http.HttpClientSettings;
import dev.localagent.studio.service.http.PooledHttpClient;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.provider.ProviderFactory;
import dev.localagent.studio.service.resilience.PipelineRegistry;
import dev.localagent.studio.service.resilience.ProviderPipeline;
import dev.localagent.studio.service.cache.CacheMeters;
import dev.localagent.studio.service.resilience.ResilienceMeters;
import dev.localagent.studio.service.tokens.CostMeters;
import dev.localagent.studio.service.resilience.SettingsLint;
import dev.localagent.studio.service.resilience.TimeSource;
import dev.localagent.studio.service.store.ConversationStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import dev.localagent.studio.service.bench.BenchEngine;
import dev.localagent.studio.service.bench.BenchHistory;
import dev.localagent.studio.service.store.BenchRunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the service graph once from the settings and closes it in reverse
 * order on exit. The GUI and every command start here. Thread-safe.
 */
public final class Studio implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Studio.class);

    private final StudioPaths paths;
    private final ConfigStore configStore;
    private final ConfigLoad initialLoad;
    private final WindowStateStore windowStateStore;
    private final ExecutorService background;
    private final PooledHttpClient http;
    private final ApiKeys apiKeys;
    private final ProviderFactory providers;
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final CacheAndCosts cacheAndCosts;
    private final ReplyAccountant accountant;
    private final PipelineRegistry pipelines;
    private final HealthMonitor health;
    private final ConversationStore conversations;
    private final BenchHistory benchHistory;
    private SimulatorHost simulator;
    private final Deque<AutoCloseable> closeInReverse = new ArrayDeque<>();
    private final List<Consumer<StudioConfig>> configListeners = new CopyOnWriteArrayList<>();
    private volatile StudioConfig config;
    private volatile String configProblem;
    private volatile boolean closed;

    private Studio(StudioPaths paths) throws IOException {
        this.paths = paths;
        Files.createDirectories(paths.dataDir());
        this.configStore = new ConfigStore(paths.configFile());
        this.initialLoad = configStore.load();
        this.config = initialLoad.config();
        this.configProblem = initialLoad.problem()
                .map(p -> p.describe() + ". The app is running on defaults; the file was left as it is.")
                .orElse(null);
        initialLoad.problem().ifPresent(p -> LOG.warn("Settings file problem, running on defaults: {}", p.describe()));
        this.windowStateStore = new WindowStateStore(paths.dataDir().resolve("window.json"));
        this.background = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("studio-bg-", 0).factory());
        closeInReverse.push(this::shutDownBackground);
        // Closed before the background executor: in-flight calls get the grace period, then are cancelled.
        this.http = own(new PooledHttpClient(HttpClientSettings.from(config)));
        this.apiKeys = ApiKeys.load(paths.configFile(), System.getenv());
        this.providers = new ProviderFactory(http, apiKeys, Clock.systemUTC());
        this.cacheAndCosts = own(orCloseAll(() -> CacheAndCosts.open(config, paths.dataDir().resolve("studio.db"), Clock.systemDefaultZone())));
        configListeners.add(cacheAndCosts::apply);
        this.accountant = new ReplyAccountant(cacheAndCosts, apiKeys);
        this.pipelines = new PipelineRegistry(providers, this::resolve, Clock.systemUTC(), TimeSource.SYSTEM, accountant, config);
        new HttpClientMeters(http).bindTo(meters);
        pipelines.onPipelineBuilt(p -> ResilienceMeters.bind(meters, p));
        CacheMeters.bind(meters, cacheAndCosts.responseCache());
        bindProviderMeters(config);
        configListeners.add(this::bindProviderMeters);
        configListeners.add(pipelines::configure);
        this.health = own(new HealthMonitor(this, Duration.ofSeconds(30)));
        this.conversations = own(orCloseAll(() -> {
            try {
                return ConversationStore.open(paths.dataDir().resolve("studio.db"), Clock.systemUTC());
            } catch (SQLException e) {
                throw new IOException("cannot open the conversations in " + paths.dataDir().resolve("studio.db") + ": " + e.getMessage(), e);
            }
        }));
        this.benchHistory = new BenchHistory(own(orCloseAll(() -> {
            try {
                return BenchRunStore.open(paths.dataDir().resolve("studio.db"));
            } catch (SQLException e) {
                throw new IOException("cannot open the benchmark runs in " + paths.dataDir().resolve("studio.db") + ": " + e.getMessage(), e);
            }
        })));
    }

    /** Opening something failed halfway through start-up: what was already open is closed, in order. */
    private <T> T orCloseAll(Opening<T> opening) throws IOException {
        try {
            return opening.open();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @FunctionalInterface
    private interface Opening<T> {
        T open() throws IOException;
    }

    /** Starts the service graph. The data folder is created if needed; a broken config is not fatal. */
    public static Studio start(StudioPaths paths) throws IOException {
        Studio studio = new Studio(paths);
        LOG.info("{} {} started: config {}, data {}", AppInfo.NAME, AppInfo.version(), paths.configFile(), paths.dataDir());
        SettingsLint.check(studio.config()).forEach(w -> LOG.warn("Settings advice: {}", w));
        return studio;
    }

    public StudioPaths paths() {
        return paths;
    }

    public StudioConfig config() {
        return config;
    }

    /** Why the settings file did not load, if it did not. Stays until the settings are saved. */
    public Optional<String> configProblem() {
        return Optional.ofNullable(configProblem);
    }

    public WindowStateStore windowStateStore() {
        return windowStateStore;
    }

    /** Where slow work goes: one virtual thread per task. Never the FX thread. */
    public ExecutorService background() {
        return background;
    }

    /** The one pooled HTTP client every provider sends through; closed (gracefully) with the studio. */
    public PooledHttpClient http() {
        return http;
    }

    /** Makes providers on the pooled client with the user's API keys. */
    public ProviderFactory providers() {
        return providers;
    }

    /** Each provider's cache share, spend today and budget; registering a meter twice finds the first. */
    private void bindProviderMeters(StudioConfig settings) {
        for (var provider : settings.providers()) {
            CacheMeters.bindProvider(meters, cacheAndCosts.responseCache(), provider.id());
            CostMeters.bind(meters, cacheAndCosts.budgets(), provider.id());
        }
    }

    /** Stored conversations; blocks on disk, so never from the FX thread. */
    public ConversationStore conversations() {
        return conversations;
    }

    /** The response cache, token counts, prices, spend and budgets. */
    public CacheAndCosts cacheAndCosts() {
        return cacheAndCosts;
    }

    /** Provider health for the status bar; probes only once {@link HealthMonitor#start()} is called (the window does). */
    public HealthMonitor health() {
        return health;
    }

    /** Where each provider's key comes from; never logged or shown. */
    public ApiKeys apiKeys() {
        return apiKeys;
    }

    /** Every enabled provider's resilience pipeline; the way calls are sent. */
    public PipelineRegistry pipelines() {
        return pipelines;
    }

    /** The one meter registry: the dashboard reads what a Prometheus scrape would. */
    public MeterRegistry meters() {
        return meters;
    }

    /**
     * A pipeline for a provider at another address than its settings name ({@code --base-url});
     * not kept in the registry.
     */
    public ProviderPipeline pipelineAt(String providerId, String baseUrl) {
        ProviderConfig config = config().requireProvider(providerId).withBaseUrl(baseUrl);
        return new ProviderPipeline(providers.create(config), config, Clock.systemUTC(), TimeSource.SYSTEM, accountant, pipelines::find);
    }

    /** Saved benchmark runs, newest first. */
    public BenchHistory benchHistory() {
        return benchHistory;
    }

    /**
     * The benchmark engine. Each run opens its own pipeline (and simulator, for a simulated
     * provider), so runs share no breaker, limiter or cache with the chat.
     */
    public BenchEngine benchEngine() {
        return new BenchEngine(new BenchTargets(this), Clock.systemUTC());
    }

    /** The built-in simulator on a free loopback port, started on first use and stopped with the studio. */
    public synchronized SimulatorHost simulator() throws IOException {
        if (simulator == null) {
            simulator = own(SimulatorHost.start(SimulatorOptions.inProcess()));
            LOG.info("Built-in simulator listening on {}", simulator.baseUrl());
        }
        return simulator;
    }

    /** Fills in what the settings leave to run time: a simulated provider's address. */
    private ProviderConfig resolve(ProviderConfig config) {
        if (!config.simulator() || (config.baseUrl() != null && !config.baseUrl().isBlank())) {
            return config;
        }
        try {
            return config.withBaseUrl(simulator().baseUrl(config.kind()));
        } catch (IOException e) {
            throw new UncheckedIOException("the built-in simulator could not start: " + e.getMessage(), e);
        }
    }

    public void onConfigChanged(Consumer<StudioConfig> listener) {
        configListeners.add(listener);
    }

    /**
     * Applies a change, saves it and tells the listeners. Blocks on file I/O: call it off the FX thread.
     *
     * @throws BrokenConfigException when the settings file did not load; nothing was written and the
     *     change is not applied
     */
    public synchronized StudioConfig updateConfig(UnaryOperator<StudioConfig> change) throws IOException, BrokenConfigException {
        StudioConfig next = change.apply(config);
        configStore.save(next);
        publish(next);
        return next;
    }

    /** After the user agreed: keeps a copy of the broken file, then saves. Returns the copy's path. */
    public synchronized Path updateConfigKeepingBrokenCopy(UnaryOperator<StudioConfig> change) throws IOException {
        StudioConfig next = change.apply(config);
        Path kept = configStore.saveKeepingBrokenCopy(next);
        publish(next);
        LOG.info("Broken settings file kept as {}; new settings written to {}", kept, paths.configFile());
        return kept;
    }

    private void publish(StudioConfig next) {
        config = next;
        configProblem = null;
        configListeners.forEach(l -> l.accept(next));
    }

    /** Registers a resource to close when the studio closes, after everything registered later. */
    public synchronized <T extends AutoCloseable> T own(T resource) {
        closeInReverse.push(resource);
        return resource;
    }

    private void shutDownBackground() throws InterruptedException {
        background.shutdown();
        if (!background.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("Background tasks still running after 5 s; cancelling them");
            background.shutdownNow();
        }
    }

    /** Closes everything in reverse order of creation. Safe to call more than once, from any thread. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!closeInReverse.isEmpty()) {
            AutoCloseable next = closeInReverse.pop();
            try {
                next.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("Error while shutting down {}: {}", next, e.toString());
            }
        }
        LOG.info("{} stopped", AppInfo.NAME);
    }
}
