package dev.localagent.studio.service.bench;

import dev.localagent.studio.model.CacheStrategy;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that decides a run, as the user chose it. Immutable; build with {@link #builder}.
 * The compact constructor refuses impossible settings with one line fit for a user.
 *
 * @param model null for the provider's default model
 * @param baseUrl null for the provider's configured address (or the built-in simulator's)
 * @param concurrency closed loop: virtual users (0 = the default, 8; 1 for {@code cache}); open loop:
 *     the most requests in flight (0 = {@link #OPEN_LOOP_CONNECTIONS})
 * @param rate open loop: requests per second (for {@code stress}, the first step's rate)
 * @param duration how long to measure after warm-up; null when {@link #requests} decides
 * @param requests how many measured requests to send; null when {@link #duration} decides
 * @param repeatRatio the share of requests that repeat an earlier prompt exactly
 * @param cacheStrategy the response cache during the run; null = off, except in {@code cache}
 * @param simFaults a simulator fault preset or fault file, applied when the run starts its own simulator
 * @param rateStep stress: how much each step adds to the rate
 * @param stepDuration stress: how long each step lasts
 * @param maxSteps stress: the most steps before giving up on finding the knee
 * @param sampleInterval how often live figures are taken
 * @param clientLimits keep the provider's client-side rate limiter and bulkhead as configured (the
 *     run then shows them at work); false lifts both, to measure the provider alone
 */
public record BenchSpec(
        BenchScenario scenario,
        String providerId,
        String model,
        String baseUrl,
        boolean stream,
        Integer maxTokens,
        PromptSet prompts,
        double repeatRatio,
        CacheStrategy cacheStrategy,
        Objectives objectives,
        int concurrency,
        double rate,
        Arrival arrival,
        Duration duration,
        Long requests,
        Duration warmup,
        Duration rampUp,
        double rateStep,
        Duration stepDuration,
        int maxSteps,
        String simFaults,
        long seed,
        Duration sampleInterval,
        boolean clientLimits) {

    /**
     * The most requests an open loop without a cap keeps in flight: the connections the run may
     * hold (aiohttp's default, which vLLM's and GuideLLM's clients inherit). HTTP/1.1 carries one
     * request per connection, so more would only queue in the pool, whose wait list degrades with
     * thousands waiting; they queue in the engine instead, where the wait is measured and reported.
     * Raise it with the concurrency setting for long streams at high rates.
     */
    public static final int OPEN_LOOP_CONNECTIONS = 100;

    /** Virtual users of a closed loop when the user named none. */
    public static final int DEFAULT_USERS = 8;

    public BenchSpec {
        Objects.requireNonNull(scenario, "scenario");
        if (providerId == null || providerId.isBlank()) {
            throw new IllegalArgumentException("a benchmark needs a provider");
        }
        prompts = prompts == null ? PromptSet.builtIn("short-chat") : prompts;
        objectives = objectives == null ? Objectives.NONE : objectives;
        arrival = arrival == null ? Arrival.CONSTANT : arrival;
        warmup = warmup == null ? Duration.ZERO : warmup;
        rampUp = rampUp == null ? Duration.ZERO : rampUp;
        sampleInterval = sampleInterval == null ? Duration.ofSeconds(1) : sampleInterval;
        if (duration == null && requests == null) {
            duration = Duration.ofSeconds(30);
        }
        if (duration != null && requests != null) {
            throw new IllegalArgumentException("give a duration or a number of requests, not both");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("the duration must be longer than zero");
        }
        if (requests != null && requests < 1) {
            throw new IllegalArgumentException("the number of requests must be at least 1");
        }
        if (warmup.isNegative() || rampUp.isNegative()) {
            throw new IllegalArgumentException("warm-up and ramp-up cannot be negative");
        }
        if (!(repeatRatio >= 0 && repeatRatio < 1)) {
            throw new IllegalArgumentException("the repeat ratio must be at least 0 and below 1 (got " + repeatRatio + ")");
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("max tokens must be at least 1");
        }
        if (concurrency < 0 || concurrency > 10_000) {
            throw new IllegalArgumentException("concurrency must be between 1 and 10000 (got " + concurrency + ")");
        }
        if (!scenario.openLoop() && concurrency == 0) {
            concurrency = scenario == BenchScenario.CACHE ? 1 : DEFAULT_USERS;
        }
        if (scenario.openLoop() && !(rate > 0 && rate <= 1_000_000)) {
            throw new IllegalArgumentException("the " + scenario.id() + " scenario needs a rate above 0 requests/s (got " + rate + ")");
        }
        if (scenario == BenchScenario.STRESS) {
            if (!(rateStep > 0)) {
                throw new IllegalArgumentException("a stress run needs a rate step above 0");
            }
            if (stepDuration == null || stepDuration.isZero() || stepDuration.isNegative()) {
                throw new IllegalArgumentException("a stress run needs a step duration above 0");
            }
            if (maxSteps < 1 || maxSteps > 1000) {
                throw new IllegalArgumentException("a stress run takes 1 to 1000 steps (got " + maxSteps + ")");
            }
        }
        if (sampleInterval.toMillis() < 50) {
            throw new IllegalArgumentException("the sample interval must be at least 50 ms");
        }
    }

    public static Builder builder(BenchScenario scenario, String providerId) {
        return new Builder(scenario, providerId);
    }

    public Builder toBuilder() {
        Builder b = new Builder(scenario, providerId);
        b.model = model;
        b.baseUrl = baseUrl;
        b.stream = stream;
        b.maxTokens = maxTokens;
        b.prompts = prompts;
        b.repeatRatio = repeatRatio;
        b.cacheStrategy = cacheStrategy;
        b.objectives = objectives;
        b.concurrency = concurrency;
        b.rate = rate;
        b.arrival = arrival;
        b.duration = duration;
        b.requests = requests;
        b.warmup = warmup;
        b.rampUp = rampUp;
        b.rateStep = rateStep;
        b.stepDuration = stepDuration;
        b.maxSteps = maxSteps;
        b.simFaults = simFaults;
        b.seed = seed;
        b.sampleInterval = sampleInterval;
        b.clientLimits = clientLimits;
        return b;
    }

    /** The cache strategy the run's pipeline uses: off unless asked, and on for the {@code cache} scenario. */
    public CacheStrategy effectiveCacheStrategy() {
        if (cacheStrategy != null) {
            return cacheStrategy;
        }
        return scenario == BenchScenario.CACHE ? CacheStrategy.SELECTIVE : CacheStrategy.DISABLED;
    }

    /** Collects a spec; the defaults are those of the command line. */
    public static final class Builder {
        private BenchScenario scenario;
        private String providerId;
        private String model;
        private String baseUrl;
        private boolean stream = true;
        private Integer maxTokens = 128;
        private PromptSet prompts;
        private double repeatRatio;
        private CacheStrategy cacheStrategy;
        private Objectives objectives;
        private int concurrency;
        private double rate = 10;
        private Arrival arrival;
        private Duration duration;
        private Long requests;
        private Duration warmup;
        private Duration rampUp;
        private double rateStep = 10;
        private Duration stepDuration = Duration.ofSeconds(10);
        private int maxSteps = 20;
        private String simFaults;
        private long seed = 42;
        private Duration sampleInterval;
        private boolean clientLimits = true;

        private Builder(BenchScenario scenario, String providerId) {
            this.scenario = scenario;
            this.providerId = providerId;
        }

        public Builder scenario(BenchScenario v) { scenario = v; return this; }
        public Builder providerId(String v) { providerId = v; return this; }
        public Builder model(String v) { model = v; return this; }
        public Builder baseUrl(String v) { baseUrl = v; return this; }
        public Builder stream(boolean v) { stream = v; return this; }
        public Builder maxTokens(Integer v) { maxTokens = v; return this; }
        public Builder prompts(PromptSet v) { prompts = v; return this; }
        public Builder repeatRatio(double v) { repeatRatio = v; return this; }
        public Builder cacheStrategy(CacheStrategy v) { cacheStrategy = v; return this; }
        public Builder objectives(Objectives v) { objectives = v; return this; }
        public Builder concurrency(int v) { concurrency = v; return this; }
        public Builder rate(double v) { rate = v; return this; }
        public Builder arrival(Arrival v) { arrival = v; return this; }
        /** Sets the duration and clears a request count. */
        public Builder duration(Duration v) { duration = v; requests = null; return this; }
        /** Sets a request count and clears the duration. */
        public Builder requests(Long v) { requests = v; duration = v == null ? duration : null; return this; }
        public Builder warmup(Duration v) { warmup = v; return this; }
        public Builder rampUp(Duration v) { rampUp = v; return this; }
        public Builder rateStep(double v) { rateStep = v; return this; }
        public Builder stepDuration(Duration v) { stepDuration = v; return this; }
        public Builder maxSteps(int v) { maxSteps = v; return this; }
        public Builder simFaults(String v) { simFaults = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder sampleInterval(Duration v) { sampleInterval = v; return this; }
        public Builder clientLimits(boolean v) { clientLimits = v; return this; }

        public BenchSpec build() {
            return new BenchSpec(scenario, providerId, model, baseUrl, stream, maxTokens, prompts, repeatRatio, cacheStrategy,
                    objectives, concurrency, rate, arrival, duration, requests, warmup, rampUp, rateStep, stepDuration, maxSteps,
                    simFaults, seed, sampleInterval, clientLimits);
        }
    }
}
