package dev.localagent.studio.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.localagent.studio.app.SimulatorHost;
import dev.localagent.studio.app.SimulatorOptions;
import dev.localagent.studio.app.Studio;
import dev.localagent.studio.model.CacheStrategy;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.service.bench.BenchProgress;
import dev.localagent.studio.service.bench.BenchReport;
import dev.localagent.studio.service.bench.BenchRun;
import dev.localagent.studio.service.bench.BenchScenario;
import dev.localagent.studio.service.bench.BenchSpec;
import dev.localagent.studio.service.bench.ReportJson;
import dev.localagent.studio.service.bench.RunComparison;
import dev.localagent.studio.service.config.StudioPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark engine against the simulator on loopback, with timings and faults the test sets:
 * what the engine measures must agree with what the simulator was told to do.
 */
class BenchAgainstSimulatorTest {

    @TempDir
    Path dir;

    /** Milliseconds a loaded shared machine may add to any client's wake-up (see the TTFT test). */
    private static final double SCHEDULING = 6;

    private Studio studio;
    private SimulatorHost sim;

    @AfterEach
    void close() {
        if (sim != null) {
            sim.close();
        }
        if (studio != null) {
            studio.close();
        }
    }

    private Studio studio(String configJson) throws Exception {
        if (configJson != null) {
            Files.writeString(dir.resolve("config.json"), configJson);
        }
        studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
        return studio;
    }

    private String openAiAt(SimulatorOptions options) throws Exception {
        sim = SimulatorHost.start(options);
        return sim.baseUrl(ProviderKind.OPENAI);
    }

    private static BenchReport await(BenchRun run) throws Exception {
        return run.result().get(60, TimeUnit.SECONDS);
    }

    @Test
    void measuredTimeToFirstTokenAndTokenGapsAgreeWithTheSimulatorsPacing() throws Exception {
        // Ollama reports its own measured phases, so the client's figures can be held against
        // what the simulator actually did (told: 150 ms to the first token, 50 tokens/s).
        sim = SimulatorHost.start(SimulatorOptions.builder().ttft(Duration.ofMillis(150)).tps(50.0).build());
        BenchRun run = studio(null).benchEngine().start(BenchSpec.builder(BenchScenario.LOAD, "sim-ollama")
                .baseUrl(sim.baseUrl(ProviderKind.OLLAMA)).concurrency(1).maxTokens(20).warmup(Duration.ofSeconds(1))
                .requests(16L).clientLimits(false).build());
        BenchReport r = await(run);

        assertThat(r.requests().warmup()).as("the warm-up takes the first connections and cold code out").isPositive();
        assertThat(r.requests().succeeded()).isEqualTo(16);
        BenchReport.Server server = r.server();
        assertThat(server).isNotNull();
        // The simulator is never early; how late it is (its pacer tick, the machine) is its jitter.
        assertThat(server.firstTokenMs().p50()).isGreaterThanOrEqualTo(150.0).isLessThan(150.0 + 25);
        // Ours adds the request's way in and the first line's way out. 1 ms is the bar on a quiet
        // machine (docs/PERFORMANCE.md); SCHEDULING is what a busy 2-core CI box adds to any client.
        assertThat(r.latencyMs().ttft().p50()).isBetween(server.firstTokenMs().p50(), server.firstTokenMs().p50() + 1 + SCHEDULING);
        assertThat(server.meanItlMs()).isCloseTo(20.0, within(2.0));
        assertThat(r.latencyMs().itl().mean()).isCloseTo(server.meanItlMs(), within(1.0));
        assertThat(r.latencyMs().tpot().mean()).isCloseTo(server.meanItlMs(), within(1.0));
        assertThat(r.tokens().source()).isEqualTo("server");
        assertThat(r.tokens().output()).isEqualTo(16 * 20);
    }

    @Test
    void theOpenLoopHoldsItsRateWithinOnePercent() throws Exception {
        String url = openAiAt(SimulatorOptions.builder().instant(true).build());
        BenchReport r = await(studio(null).benchEngine().start(BenchSpec.builder(BenchScenario.RATE, "sim-openai").baseUrl(url)
                .rate(200).duration(Duration.ofSeconds(3)).stream(false).maxTokens(8).clientLimits(false).build()));

        assertThat(r.targetRate()).isEqualTo(200.0);
        assertThat(r.achievedRate()).isCloseTo(200.0, within(2.0));
        assertThat(r.requests().sent()).isBetween(594L, 606L);
        assertThat(r.requests().failed()).isZero();
        assertThat(r.throughput().requestsPerSecond()).isCloseTo(200.0, within(8.0));
    }

    @Test
    void theOpenLoopsSchedulerAsksLinuxToWakeItOnTime() throws Exception {
        // A send's corrected latency counts from its intended time, so the thread keeping the
        // schedule must not let the kernel batch its wake-ups (50 µs of slack by default).
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        String url = openAiAt(SimulatorOptions.builder().instant(true).build());
        BenchRun run = studio(null).benchEngine().start(BenchSpec.builder(BenchScenario.RATE, "sim-openai").baseUrl(url)
                .rate(50).duration(Duration.ofSeconds(2)).stream(false).maxTokens(4).clientLimits(false)
                .sampleInterval(Duration.ofMillis(250)).build());
        java.util.Set<Long> slacks = java.util.concurrent.ConcurrentHashMap.newKeySet();
        run.onPoint(p -> slacks.addAll(timerSlackOfThreadsNamed("bench-run")));
        BenchReport r = await(run);

        assertThat(r.requests().failed()).isZero();
        assertThat(slacks).as("the scheduling thread's timer slack, in ns, seen during the run").containsExactly(1L);
    }

    /** Reads /proc for this process's threads of that (native) name and their timer slack. */
    private static List<Long> timerSlackOfThreadsNamed(String name) {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(t -> {
                try {
                    return Files.readString(t.resolve("comm")).strip().equals(name);
                } catch (java.io.IOException gone) {
                    return false;
                }
            }).map(t -> {
                try {
                    // Only /proc/<tid> has the file, not /proc/self/task/<tid>.
                    return Long.parseLong(Files.readString(Path.of("/proc", t.getFileName().toString(), "timerslack_ns")).strip());
                } catch (java.io.IOException gone) {
                    return -1L;
                }
            }).filter(v -> v >= 0).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aOneSecondStallShowsInTheCorrectedP99AndNotInTheUncorrectedOne() throws Exception {
        // One request meets a 1 s delay; with one request in flight at a time, the ~100 sends
        // scheduled behind it wait. Only the corrected figure (from the intended send) sees them.
        Path faults = dir.resolve("stall.json");
        Files.writeString(faults, """
                {"timeline": [{"for": "1500ms"}, {"for": "40ms", "faults": {"latency": "1s"}}]}""");
        String url = openAiAt(SimulatorOptions.builder().instant(true).faults(faults.toString()).build());
        BenchReport r = await(studio(null).benchEngine().start(BenchSpec.builder(BenchScenario.RATE, "sim-openai").baseUrl(url)
                .rate(100).concurrency(1).duration(Duration.ofSeconds(4)).stream(false).maxTokens(4).clientLimits(false).build()));

        assertThat(r.requests().failed()).isZero();
        assertThat(r.latencyMs().e2eUncorrected().max()).as("the stalled request itself").isGreaterThan(900.0);
        assertThat(r.latencyMs().e2eUncorrected().p99()).isLessThan(100.0);
        assertThat(r.latencyMs().e2e().p99()).isGreaterThan(800.0);
        assertThat(r.latencyMs().queueWait().p99()).isGreaterThan(800.0);
    }

    @Test
    void aBacklogLeftByTheWarmUpIsDroppedNotMeasured() throws Exception {
        // One sender (cap 1) against a 20 ms endpoint at 25 sends/s keeps up with room to spare,
        // until a 1 s stall, set off from the run's first live point (~0.25 s in) so it falls in
        // the warm-up wherever the run's start lands: every warm-up send due from then on is still
        // queued when the measurement begins at 1.2 s, and is dropped, not sent ahead of the
        // measured ones.
        String url = openAiAt(SimulatorOptions.builder().instant(true).latency(Duration.ofMillis(20)).build());
        BenchRun run = studio(null).benchEngine().start(BenchSpec.builder(BenchScenario.RATE, "sim-openai").baseUrl(url)
                .rate(25).concurrency(1).warmup(Duration.ofMillis(1200)).duration(Duration.ofSeconds(3)).stream(false).maxTokens(4)
                .sampleInterval(Duration.ofMillis(250)).clientLimits(false).build());
        java.util.concurrent.atomic.AtomicBoolean stalled = new java.util.concurrent.atomic.AtomicBoolean();
        run.onPoint(p -> {
            if (stalled.compareAndSet(false, true)) {
                sim.applyFaults("""
                        {"faults": {"latency": "20ms"}, "start": "now", "timeline": [{"for": "60ms", "faults": {"latency": "1s"}}]}""");
            }
        });
        BenchReport r = await(run);

        assertThat(stalled).isTrue();
        assertThat(r.requests().failed()).isZero();
        assertThat(r.requests().warmupSkipped()).as("warm-up sends still queued at the start of the measurement").isBetween(12L, 28L);
        assertThat(r.requests().warmup() + r.requests().warmupSkipped()).as("every warm-up send is sent or dropped")
                .isBetween(29L, 31L);
        assertThat(r.requests().sent()).isBetween(73L, 77L);
        String dropped = r.requests().warmupSkipped() + " warm-up sends dropped unsent";
        assertThat(dev.localagent.studio.service.bench.ReportSummary.text(r)).contains(dropped);
        assertThat(dev.localagent.studio.service.bench.ReportHtml.write(r)).contains(dropped);
        assertThat(ReportJson.read(ReportJson.write(r)).requests().warmupSkipped()).isEqualTo(r.requests().warmupSkipped());
    }

    @Test
    void theBreakerScenarioReportsTheTransitionsAnOutageMustCause() throws Exception {
        Path faults = dir.resolve("outage.json");
        Files.writeString(faults, """
                {"timeline": [{"for": "1s"}, {"for": "2s", "faults": {"errorRate": 1.0, "errorStatus": [503]}}]}""");
        studio("""
                {"providers": [{"id": "sim-openai",
                  "breaker": {"failureThreshold": 3, "windowCalls": 5, "openDelayMs": 500, "successThreshold": 1, "halfOpenMaxCalls": 1},
                  "retry": {"maxAttempts": 1}}]}""");
        BenchReport r = await(studio.benchEngine().start(BenchSpec.builder(BenchScenario.BREAKER, "sim-openai")
                .simFaults(faults.toString()).concurrency(2).duration(Duration.ofSeconds(8)).stream(false).maxTokens(4)
                .clientLimits(false).build()));

        List<BenchReport.Transition> t = r.breaker().transitions();
        assertThat(t).isNotEmpty();
        assertThat(t.getFirst().from()).isEqualTo("CLOSED");
        assertThat(t.getFirst().to()).isEqualTo("OPEN");
        // The healthy first second (its clock starts with the priming request) answered.
        assertThat(t.getFirst().at()).isPositive();
        assertThat(r.breaker().userView().answered()).isPositive();
        assertThat(t.getLast().to()).as("recovered once the outage ended").isEqualTo("CLOSED");
        // The outage ends 3 s after the priming request on the simulator's clock; the run's clock
        // starts a little later (a loaded machine has shown 130 ms), so the end reads a bit earlier.
        assertThat(t.getLast().at()).isGreaterThan(2.5);
        assertThat(t).anyMatch(x -> x.to().equals("HALF_OPEN"));
        assertThat(r.breaker().shortCircuited()).isPositive();
        assertThat(r.breaker().timeToOpenSeconds()).isNotNull().isLessThan(1.0);
        assertThat(r.breaker().timeToRecoverSeconds()).isNotNull().isLessThan(2.0);
        assertThat(r.breaker().openSeconds()).isBetween(0.5, 3.0);
        assertThat(r.breaker().userView().failedFast()).isEqualTo(r.breaker().shortCircuited());
        assertThat(r.breaker().userView().failedSlow()).isPositive();
        assertThat(r.requests().byErrorClass()).containsKeys("BreakerOpenException", "UnavailableException");
        assertThat(r.timeline()).anyMatch(p -> p.breakerState().equals("OPEN"));
    }

    @Test
    void theCacheScenarioHitsAsOftenAsItsPromptsRepeatAndSavesMoney() throws Exception {
        String url = openAiAt(SimulatorOptions.builder().instant(true).build());
        BenchReport r = await(studio(null).benchEngine().start(BenchSpec.builder(BenchScenario.CACHE, "sim-openai").baseUrl(url)
                .repeatRatio(0.4).requests(60L).maxTokens(16).cacheStrategy(CacheStrategy.CONSERVATIVE).build()));

        assertThat(r.requests().succeeded()).isEqualTo(60);
        assertThat(r.cache().strategy()).isEqualTo("conservative");
        assertThat(r.cache().hits() + r.cache().misses()).isEqualTo(60);
        assertThat(r.cache().hitRate()).isEqualTo(r.cache().expectedHitRate());
        assertThat(r.cache().hitRate()).isBetween(0.25, 0.55);
        assertThat(r.cacheComparison()).isNotNull();
        assertThat(r.cacheComparison().costCacheOffUsd()).isGreaterThan(r.cost().totalUsd());
        assertThat(r.cacheComparison().savedUsd()).isPositive();
    }

    @Test
    void stoppingMidRunKeepsWhatFinishedAndSaysSo() throws Exception {
        studio(null);
        BenchRun run = studio.benchEngine().start(BenchSpec.builder(BenchScenario.LOAD, "sim-openai").concurrency(4).maxTokens(6)
                .duration(Duration.ofMinutes(5)).sampleInterval(Duration.ofMillis(200)).build());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (run.progress().completed() < 6 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        run.stop();
        BenchReport r = run.result().get(10, TimeUnit.SECONDS);

        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.requests().succeeded()).isGreaterThanOrEqualTo(6);
        assertThat(r.durationSeconds()).isLessThan(60);
        assertThat(run.progress().state()).isEqualTo(BenchProgress.State.STOPPED);
        assertThat(r.timeline()).isNotEmpty();
    }

    @Test
    void aRunIsStoredWholeAndComparesWithAnother() throws Exception {
        String url = openAiAt(SimulatorOptions.builder().instant(true).build());
        studio(null);
        BenchReport a = await(studio.benchEngine().start(BenchSpec.builder(BenchScenario.LOAD, "sim-openai").baseUrl(url)
                .concurrency(1).requests(20L).stream(false).maxTokens(4).build()));
        BenchReport b = await(studio.benchEngine().start(BenchSpec.builder(BenchScenario.LOAD, "sim-openai").baseUrl(url)
                .concurrency(4).requests(40L).stream(false).maxTokens(4).build()));
        studio.benchHistory().save(a, "one user");
        studio.benchHistory().save(b, null);

        assertThat(ReportJson.read(ReportJson.write(a))).isEqualTo(a);
        assertThat(studio.benchHistory().recent(10)).extracting(x -> x.id()).containsExactly(b.id(), a.id());
        BenchReport reopened = studio.benchHistory().load(a.id()).orElseThrow();
        assertThat(reopened).isEqualTo(a);
        assertThat(dev.localagent.studio.service.bench.HistogramCodec.decode(reopened.histograms().e2e()).getTotalCount()).isEqualTo(20);
        RunComparison c = RunComparison.of(a, b);
        assertThat(c.rows()).anySatisfy(row -> {
            assertThat(row.metric()).isEqualTo("throughput");
            assertThat(row.delta()).isNotNull();
        });
    }
}
