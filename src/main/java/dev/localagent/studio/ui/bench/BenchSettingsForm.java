package dev.localagent.studio.ui.bench;

import dev.localagent.studio.model.CacheStrategy;
import dev.localagent.studio.service.bench.Arrival;
import dev.localagent.studio.service.bench.BenchScenario;
import dev.localagent.studio.service.bench.BenchSpec;
import dev.localagent.studio.service.bench.DurationText;
import dev.localagent.studio.service.bench.Objectives;
import dev.localagent.studio.service.bench.PromptSet;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.config.StudioConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The benchmark settings as the user types them: text stays as typed (a bad value is never thrown
 * away), and {@link #problemProperty()} says in one line what is wrong, or is empty when a run can
 * start. No nodes; reads no files (a prompt file is read when the run starts, off the FX thread).
 */
public final class BenchSettingsForm {

    /** The simulator's fault presets a breaker run can apply to its own simulator. */
    public static final List<String> FAULT_PRESETS = List.of("brownout", "flaky", "slow", "rate-limited", "chaos", "healthy");

    static final String DEFAULT_LENGTH = "30s";
    static final String BREAKER_LENGTH = "80s";

    private final StudioConfig config;
    private final ObservableList<String> providers = FXCollections.observableArrayList();
    private final ObservableList<String> providersView = FXCollections.unmodifiableObservableList(providers);
    private final ObjectProperty<String> provider = new SimpleObjectProperty<>();
    private final StringProperty model = new SimpleStringProperty("");
    private final ObjectProperty<BenchScenario> scenario = new SimpleObjectProperty<>(BenchScenario.LOAD);
    private final StringProperty users = new SimpleStringProperty("8");
    private final StringProperty rate = new SimpleStringProperty("10");
    private final ObjectProperty<Arrival> arrival = new SimpleObjectProperty<>(Arrival.CONSTANT);
    private final StringProperty inFlightCap = new SimpleStringProperty("0");
    private final StringProperty rateStep = new SimpleStringProperty("10");
    private final StringProperty stepDuration = new SimpleStringProperty("10s");
    private final StringProperty maxSteps = new SimpleStringProperty("10");
    private final ObjectProperty<String> faults = new SimpleObjectProperty<>("brownout");
    private final StringProperty repeatRatio = new SimpleStringProperty("0.5");
    private final ObjectProperty<CacheStrategy> cacheStrategy = new SimpleObjectProperty<>(CacheStrategy.SELECTIVE);
    private final BooleanProperty byRequests = new SimpleBooleanProperty(false);
    private final StringProperty length = new SimpleStringProperty(DEFAULT_LENGTH);
    private final StringProperty warmup = new SimpleStringProperty("0s");
    private final StringProperty maxTokens = new SimpleStringProperty("128");
    private final BooleanProperty stream = new SimpleBooleanProperty(true);
    private final BooleanProperty clientLimits = new SimpleBooleanProperty(true);
    private final StringProperty prompts = new SimpleStringProperty("short-chat");
    private final StringProperty ttft = new SimpleStringProperty("");
    private final StringProperty e2e = new SimpleStringProperty("");
    private final StringProperty tpot = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private Duration sampleInterval = Duration.ofSeconds(1);

    public BenchSettingsForm(StudioConfig config) {
        this.config = config;
        providers.setAll(config.providers().stream().filter(ProviderConfig::enabled).map(ProviderConfig::id).toList());
        provider.addListener((obs, old, now) -> {
            if (now != null) {
                config.provider(now).ifPresent(p -> model.set(p.defaultModel()));
            }
        });
        provider.set(providers.isEmpty() ? null : providers.getFirst());
        scenario.addListener((obs, old, now) -> {
            // Like the bench command: a breaker run lasts long enough for the brownout's fault timeline
            // (healthy 20 s, errors 20 s, outage 10 s, healthy again), unless the user set a length.
            if (now == BenchScenario.BREAKER && !byRequests.get() && DEFAULT_LENGTH.equals(length.get())) {
                length.set(BREAKER_LENGTH);
            } else if (old == BenchScenario.BREAKER && !byRequests.get() && BREAKER_LENGTH.equals(length.get())) {
                length.set(DEFAULT_LENGTH);
            }
        });
        Observable[] inputs = {provider, model, scenario, users, rate, arrival, inFlightCap, rateStep, stepDuration, maxSteps, faults,
                repeatRatio, cacheStrategy, byRequests, length, warmup, maxTokens, stream, prompts, ttft, e2e, tpot};
        for (Observable input : inputs) {
            input.addListener(o -> revalidate());
        }
        revalidate();
    }

    /**
     * The spec the settings describe.
     *
     * @param promptSets how a prompt set name or file becomes prompts (reading a file: call off the FX thread)
     * @throws IllegalArgumentException with one line for the user when a setting is wrong
     */
    public BenchSpec spec(Function<String, PromptSet> promptSets) {
        BenchScenario s = scenario.get();
        String providerId = provider.get();
        if (providerId == null || providerId.isBlank()) {
            throw new IllegalArgumentException("choose a provider");
        }
        ProviderConfig providerConfig = config.requireProvider(providerId);
        BenchSpec.Builder b = BenchSpec.builder(s, providerId)
                .model(model.get() == null || model.get().isBlank() ? null : model.get().strip())
                .stream(stream.get())
                .clientLimits(clientLimits.get())
                .maxTokens(integer(maxTokens.get(), "max tokens"))
                .prompts(promptSets.apply(text(prompts.get(), "the prompt set")))
                .objectives(objectives())
                .sampleInterval(sampleInterval);
        if (s.openLoop()) {
            double r = decimal(rate.get(), s == BenchScenario.STRESS ? "the start rate" : "the rate");
            b.rate(r).arrival(arrival.get()).concurrency(integer(inFlightCap.get(), "the in-flight cap"));
            if (!(r > 0)) {
                throw new IllegalArgumentException("the " + s.id() + " scenario needs a rate above 0 requests/s");
            }
        } else {
            int u = integer(users.get(), "users");
            if (u < 1) {
                throw new IllegalArgumentException("a run needs at least 1 user");
            }
            b.concurrency(u);
        }
        if (s == BenchScenario.STRESS) {
            b.rateStep(decimal(rateStep.get(), "the rate step"))
                    .stepDuration(duration(stepDuration.get(), "the step duration"))
                    .maxSteps(integer(maxSteps.get(), "max steps"));
        } else if (byRequests.get()) {
            b.requests((long) integer(length.get(), "the number of requests"));
        } else {
            b.duration(duration(length.get(), "the duration"));
        }
        if (BenchParameter.WARMUP.usedBy(s)) {
            b.warmup(duration(warmup.get(), "the warm-up"));
        }
        if (s == BenchScenario.CACHE) {
            b.repeatRatio(decimal(repeatRatio.get(), "the repeat ratio")).cacheStrategy(cacheStrategy.get());
        }
        if (s == BenchScenario.BREAKER && faults.get() != null && !faults.get().equals("healthy")) {
            if (!providerConfig.simulator()) {
                throw new IllegalArgumentException("fault presets need a simulated provider (sim-…); choose healthy for " + providerId);
            }
            b.simFaults(faults.get());
        }
        return b.build();
    }

    /** Reads the objectives fields; an empty field is no objective. */
    private Objectives objectives() {
        StringBuilder text = new StringBuilder();
        append(text, "ttft", ttft.get());
        append(text, "e2e", e2e.get());
        append(text, "tpot", tpot.get());
        return Objectives.parse(text.toString());
    }

    private static void append(StringBuilder text, String name, String value) {
        if (value != null && !value.isBlank()) {
            text.append(text.isEmpty() ? "" : ",").append(name).append('=').append(value.strip());
        }
    }

    /**
     * The spec with its prompt set when that is built in, or with a stand-in where a file is named:
     * a file is read when the run starts (off the FX thread), not on each keystroke.
     *
     * @throws IllegalArgumentException with one line for the user when a setting is wrong
     */
    BenchSpec draft() {
        return spec(name -> namesFile(name) ? PromptSet.builtIn("short-chat") : PromptSet.builtIn(name));
    }

    /** Whether the prompt set named is a file rather than a built-in set. */
    static boolean namesFile(String promptSet) {
        return !PromptSet.BUILT_IN.contains(promptSet.strip().toLowerCase(Locale.ROOT));
    }

    private void revalidate() {
        try {
            draft();
            problem.set("");
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
        }
    }

    private static String text(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        return value.strip();
    }

    private static int integer(String value, String what) {
        try {
            return Integer.parseInt(text(value, what));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number (got '" + value.strip() + "')");
        }
    }

    private static double decimal(String value, String what) {
        try {
            double d = Double.parseDouble(text(value, what));
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number (got '" + value.strip() + "')");
        }
    }

    private static Duration duration(String value, String what) {
        try {
            return DurationText.parse(text(value, what));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage());
        }
    }

    /** Live samples this often (1 s unless a test or a screenshot wants them faster). */
    public void sampleInterval(Duration interval) {
        this.sampleInterval = interval;
        revalidate();
    }

    /** One line saying what stops a run from starting; empty when the settings are good. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ObservableList<String> providers() {
        return providersView;
    }

    public ObjectProperty<String> providerProperty() { return provider; }
    public StringProperty modelProperty() { return model; }
    public ObjectProperty<BenchScenario> scenarioProperty() { return scenario; }
    public StringProperty usersProperty() { return users; }
    public StringProperty rateProperty() { return rate; }
    public ObjectProperty<Arrival> arrivalProperty() { return arrival; }
    public StringProperty inFlightCapProperty() { return inFlightCap; }
    public StringProperty rateStepProperty() { return rateStep; }
    public StringProperty stepDurationProperty() { return stepDuration; }
    public StringProperty maxStepsProperty() { return maxSteps; }
    public ObjectProperty<String> faultsProperty() { return faults; }
    public StringProperty repeatRatioProperty() { return repeatRatio; }
    public ObjectProperty<CacheStrategy> cacheStrategyProperty() { return cacheStrategy; }
    /** Whether {@link #lengthProperty()} is a number of requests rather than a duration. */
    public BooleanProperty byRequestsProperty() { return byRequests; }
    public StringProperty lengthProperty() { return length; }
    public StringProperty warmupProperty() { return warmup; }
    public StringProperty maxTokensProperty() { return maxTokens; }
    public BooleanProperty streamProperty() { return stream; }

    /** Keep the provider's client-side rate limiter and bulkhead as configured (on), or lift them to measure the provider alone. */
    public BooleanProperty clientLimitsProperty() { return clientLimits; }
    public StringProperty promptsProperty() { return prompts; }
    public StringProperty ttftProperty() { return ttft; }
    public StringProperty e2eProperty() { return e2e; }
    public StringProperty tpotProperty() { return tpot; }
}
