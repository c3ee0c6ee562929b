package dev.localagent.studio.service.bench;

import java.util.List;
import java.util.Map;

/**
 * The result of a run. Its field names are a contract (docs/report-format.md): the JSON export,
 * the run store and other tools read them. Add fields; never rename or remove one without raising
 * {@link #FORMAT_VERSION}.
 *
 * @param stoppedEarly the user stopped the run; the figures cover what ran until then
 * @param targetRate open loop: the rate asked for (stress: the knee's); null in a closed loop
 * @param achievedRate open loop: the measured send rate; null in a closed loop
 * @param lateSends open loop: sends more than 1 ms after their intended time
 * @param stress stress runs only
 * @param cacheComparison cache runs only: the same requests with the cache off
 * @param histograms the measured distributions whole, so runs can be compared and re-read by HdrHistogram tools
 */
public record BenchReport(
        int formatVersion,
        String id,
        String scenario,
        String provider,
        String model,
        String startedAt,
        double durationSeconds,
        boolean stoppedEarly,
        Settings settings,
        Requests requests,
        Throughput throughput,
        Double targetRate,
        Double achievedRate,
        long lateSends,
        Latency latencyMs,
        Tokens tokens,
        Goodput goodput,
        Breaker breaker,
        RateLimiter rateLimiter,
        Cache cache,
        Cost cost,
        Server server,
        Stress stress,
        CacheComparison cacheComparison,
        List<TimelinePoint> timeline,
        Histograms histograms) {

    public static final int FORMAT_VERSION = 1;

    public BenchReport {
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    /** The run's settings as given, for the report and for running it again. */
    public record Settings(
            String scenario,
            String provider,
            String model,
            String baseUrl,
            boolean stream,
            Integer maxTokens,
            String prompts,
            double repeatRatio,
            String cacheStrategy,
            Map<String, Double> objectivesMs,
            int concurrency,
            Double rate,
            String arrival,
            Double durationSeconds,
            Long requests,
            double warmupSeconds,
            double rampUpSeconds,
            String simFaults,
            long seed,
            boolean clientLimits) {}

    /** @param warmup requests sent during the warm-up, in no other figure */
    /**
     * @param warmup requests sent during the warm-up (excluded from every other figure)
     * @param warmupSkipped open loop: warm-up sends still waiting for the concurrency cap when the
     *     measurement began; dropped so a start-up backlog is not measured as the target's queue
     */
    public record Requests(long sent, long succeeded, long failed, Map<String, Long> byErrorClass, long warmup, long warmupSkipped) {}

    public record Throughput(double requestsPerSecond, double outputTokensPerSecond) {}

    /**
     * Milliseconds. In an open loop every figure but {@code e2eUncorrected} counts from the intended
     * send time; {@code queueWait} is the part spent waiting for the schedule or the concurrency cap.
     */
    public record Latency(LatencySummary e2e, LatencySummary e2eUncorrected, LatencySummary ttft, LatencySummary itl,
            LatencySummary tpot, LatencySummary queueWait) {}

    /**
     * @param source {@code server} when every reply reported its usage, {@code estimated} when
     *     none did (our counter), {@code mixed} otherwise
     * @param perRequestPerSecond each request's output tokens over its E2E seconds
     */
    public record Tokens(long output, long estimatedReplies, String source, LatencySummary perRequestPerSecond) {}

    /**
     * @param fraction good requests over measured requests (failures count as not good)
     * @param met whether the objectives held: at least {@code requiredFraction} of requests were good;
     *     null when the run had no objectives
     */
    public record Goodput(Map<String, Double> objectivesMs, long goodRequests, double requestsPerSecond, double fraction,
            double requiredFraction, Boolean met) {}

    public record Transition(double at, String from, String to, String reason) {}

    /**
     * @param transitions every breaker transition, {@code at} in seconds from the start of the run
     * @param timeToOpenSeconds from the first failure to the first opening; null if it never opened
     * @param timeToRecoverSeconds from the last failure before the final closing to that closing; null if not recovered
     * @param userView what users would have seen: answers, fast refusals (breaker open), slow failures
     */
    public record Breaker(List<Transition> transitions, long shortCircuited, Double timeToOpenSeconds, Double timeToRecoverSeconds,
            double openSeconds, String finalState, UserView userView) {

        public Breaker {
            transitions = List.copyOf(transitions);
        }
    }

    /** @param failedFast refused at once by an open breaker @param failedSlow failed after waiting for the provider */
    public record UserView(long answered, long failedFast, long failedSlow) {}

    /** @param rejected calls refused by a client-side limiter @param waits calls that waited for one */
    public record RateLimiter(long rejected, long waits, double waitedMs) {}

    /**
     * @param expectedHitRate the share of requests that repeated an earlier prompt: what a perfect
     *     cache would hit
     */
    public record Cache(String strategy, long hits, long misses, double hitRate, Double expectedHitRate) {}

    /** @param totalUsd at list prices; {@code estimated} when any reply's tokens were counted by us */
    public record Cost(double totalUsd, boolean estimated) {}

    /**
     * Ollama's own timings, when it reported them, to set beside the client's.
     *
     * @param firstTokenMs load plus prompt evaluation: the server's time to first token
     * @param meanItlMs generation time over the gaps between tokens
     */
    public record Server(LatencySummary totalMs, LatencySummary firstTokenMs, Double meanItlMs, Double tokensPerSecond) {}

    public record Step(int step, double targetRate, Double achievedRate, long sent, long succeeded, long failed, double goodFraction,
            LatencySummary e2e, LatencySummary ttft, boolean met) {}

    /** @param kneeRate the highest rate whose step met the objectives; null when none did */
    public record Stress(Map<String, Double> objectivesMs, List<Step> steps, Double kneeRate) {

        public Stress {
            steps = List.copyOf(steps);
        }
    }

    /**
     * Each distribution as HdrHistogram's compressed encoding in Base64 (the form its
     * {@code HistogramLogReader} and online plotters take), values in {@link #unit}.
     */
    public record Histograms(String unit, String e2e, String ttft, String itl, String tpot) {}

    /** The cache-off baseline of a cache run and what the cache saved against it. */
    public record CacheComparison(LatencySummary e2eCacheOff, double costCacheOffUsd, double savedUsd, Double e2eP50SpeedUp) {}
}
