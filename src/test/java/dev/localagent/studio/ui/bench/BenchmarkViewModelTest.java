package dev.localagent.studio.ui.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.app.Studio;
import dev.localagent.studio.service.bench.BenchReport;
import dev.localagent.studio.service.bench.BenchScenario;
import dev.localagent.studio.service.bench.ReportJson;
import dev.localagent.studio.service.config.StudioPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark view model without a window, driving the real engine against the simulator. The
 * "FX thread" is a single-thread executor, so the hand-overs happen as they would in the app.
 */
class BenchmarkViewModelTest {

    @TempDir
    Path dir;

    private Studio studio;
    private ExecutorService fx;
    private BenchmarkViewModel vm;

    @BeforeEach
    void open() throws Exception {
        studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")));
        fx = Executors.newSingleThreadExecutor();
        vm = new BenchmarkViewModel(studio, studio.background(), fx);
    }

    @AfterEach
    void close() throws Exception {
        fx.shutdownNow();
        if (studio != null) {
            studio.close();
        }
    }

    /** A short closed-loop run against the simulated OpenAI: two users, tiny replies, fast samples. */
    private void shortLoad(String seconds) throws Exception {
        onFx(() -> {
            BenchSettingsForm f = vm.form();
            f.providerProperty().set("sim-openai");
            f.scenarioProperty().set(BenchScenario.LOAD);
            f.usersProperty().set("2");
            f.lengthProperty().set(seconds);
            f.maxTokensProperty().set("8");
            f.sampleInterval(Duration.ofMillis(250));
        });
    }

    @Test
    void aShortLoadRunEndsWithResultsAndIsSaved() throws Exception {
        shortLoad("2s");

        onFx(vm::run);
        await(() -> vm.stateProperty().get() == BenchmarkViewModel.State.DONE, 30);
        await(() -> !vm.savedRuns().list().isEmpty(), 10);

        BenchReport report = onFx(() -> vm.reportProperty().get());
        assertThat(report.requests().succeeded()).isPositive();
        assertThat(report.stoppedEarly()).isFalse();
        assertThat(onFx(vm::partialProperty).get()).isFalse();
        assertThat(onFx(() -> vm.latencyRows().stream().map(ResultRows.LatencyRow::metric).toList())).contains("e2e", "ttft");
        assertThat(onFx(() -> vm.facts().stream().map(ResultRows.Fact::name).toList())).contains("requests", "throughput", "cost");
        assertThat(onFx(() -> vm.points().size())).isPositive();
        assertThat(onFx(() -> vm.progressProperty().get())).isEqualTo(1.0);
        String measured = onFx(() -> vm.facts().stream().filter(f -> f.name().equals("measured")).findFirst().orElseThrow().value());
        assertThat(onFx(() -> vm.progressTextProperty().get()))
                .as("the line above the charts states the measured time as the results table does")
                .isEqualTo("done · " + measured + " measured");
        assertThat(onFx(() -> vm.savedRuns().list().getFirst().id())).isEqualTo(report.id());
        assertThat(report.settings().clientLimits()).as("the configured limits, unless lifted").isTrue();
    }

    @Test
    void liftingClientLimitsReachesTheRunsSettings() throws Exception {
        shortLoad("1s");
        onFx(() -> vm.form().clientLimitsProperty().set(false));

        onFx(vm::run);
        await(() -> vm.stateProperty().get() == BenchmarkViewModel.State.DONE, 30);

        assertThat(onFx(() -> vm.reportProperty().get()).settings().clientLimits()).isFalse();
    }

    @Test
    void openLoopStressAndCacheRunsFromTheFormEndWithTheirOwnFacts() throws Exception {
        shortLoad("2s");
        onFx(() -> {
            vm.form().scenarioProperty().set(BenchScenario.RATE);
            vm.form().rateProperty().set("6");
        });
        onFx(vm::run);
        await(() -> vm.stateProperty().get() == BenchmarkViewModel.State.DONE, 30);
        assertThat(onFx(() -> vm.reportProperty().get().targetRate())).isEqualTo(6.0);
        assertThat(onFx(() -> vm.facts().stream().map(ResultRows.Fact::name).toList())).contains("rate");

        onFx(() -> {
            vm.form().scenarioProperty().set(BenchScenario.STRESS);
            vm.form().rateProperty().set("4");
            vm.form().rateStepProperty().set("4");
            vm.form().stepDurationProperty().set("1s");
            vm.form().maxStepsProperty().set("2");
        });
        onFx(vm::run);
        await(() -> vm.stateProperty().get() == BenchmarkViewModel.State.DONE, 40);
        assertThat(onFx(() -> vm.reportProperty().get().stress().steps())).isNotEmpty();
        assertThat(onFx(() -> vm.facts().stream().map(ResultRows.Fact::name).toList())).contains("knee");

        onFx(() -> {
            vm.form().scenarioProperty().set(BenchScenario.CACHE);
            vm.form().byRequestsProperty().set(true);
            vm.form().lengthProperty().set("6");
            vm.form().repeatRatioProperty().set("0.5");
        });
        onFx(vm::run);
        await(() -> vm.stateProperty().get() == BenchmarkViewModel.State.DONE, 40);
        assertThat(onFx(() -> vm.reportProperty().get().cacheComparison())).isNotNull();
        assertThat(onFx(() -> vm.facts().stream().map(ResultRows.Fact::name).toList())).contains("cache");
    }

    @Test
    void anInvalidSettingIsExplainedAndNothingStarts() throws Exception {
        onFx(() -> {
            vm.form().scenarioProperty().set(BenchScenario.RATE);
            vm.form().rateProperty().set("0");
        });
        assertThat(onFx(() -> vm.form().problemProperty().get())).contains("rate above 0");

        onFx(vm::run);

        assertThat(onFx(() -> vm.stateProperty().get())).isEqualTo(BenchmarkViewModel.State.IDLE);
        assertThat(onFx(() -> vm.messageProperty().get())).contains("rate above 0");
        assertThat(onFx(() -> vm.form().rateProperty().get())).isEqualTo("0"); // what was typed stays
        onFx(() -> vm.form().rateProperty().set("ten"));
        assertThat(onFx(() -> vm.form().problemProperty().get())).isEqualTo("the rate must be a number (got 'ten')");
        onFx(() -> vm.form().rateProperty().set("5"));
        assertThat(onFx(() -> vm.form().problemProperty().get())).isEmpty();
    }

    @Test
    void aBreakerRunLastsLongEnoughForTheFaultTimelineUnlessTheUserChoseALength() throws Exception {
        BenchSettingsForm f = vm.form();
        onFx(() -> f.scenarioProperty().set(BenchScenario.BREAKER));
        assertThat(onFx(() -> f.lengthProperty().get())).isEqualTo("80s");
        assertThat(onFx(() -> BenchParameter.FAULTS.usedBy(f.scenarioProperty().get()))).isTrue();
        onFx(() -> f.scenarioProperty().set(BenchScenario.LOAD));
        assertThat(onFx(() -> f.lengthProperty().get())).isEqualTo("30s");
        onFx(() -> f.lengthProperty().set("45s"));
        onFx(() -> f.scenarioProperty().set(BenchScenario.BREAKER));
        assertThat(onFx(() -> f.lengthProperty().get())).isEqualTo("45s");
    }

    @Test
    void eachScenarioShowsOnlyTheSettingsItUses() {
        assertThat(BenchParameter.USERS.usedBy(BenchScenario.LOAD)).isTrue();
        assertThat(BenchParameter.USERS.usedBy(BenchScenario.RATE)).isFalse();
        assertThat(BenchParameter.RATE.usedBy(BenchScenario.STRESS)).isTrue();
        assertThat(BenchParameter.RATE_STEP.usedBy(BenchScenario.RATE)).isFalse();
        assertThat(BenchParameter.LENGTH.usedBy(BenchScenario.STRESS)).as("a stress run lasts as long as its steps").isFalse();
        assertThat(BenchParameter.REPEAT_RATIO.usedBy(BenchScenario.CACHE)).isTrue();
        assertThat(BenchParameter.WARMUP.usedBy(BenchScenario.CACHE)).isFalse();
    }

    @Test
    void aMissingPromptFileIsRefusedWhenTheRunStarts() throws Exception {
        shortLoad("2s");
        onFx(() -> vm.form().promptsProperty().set(dir.resolve("nope.jsonl").toString()));
        onFx(vm::run);
        await(() -> vm.stateProperty().get() == BenchmarkViewModel.State.IDLE && !vm.messageProperty().get().isEmpty(), 10);
        assertThat(onFx(() -> vm.messageProperty().get())).startsWith("prompt file not found");
        assertThat(onFx(() -> vm.savedRuns().list().size())).isZero();
    }

    @Test
    void stoppingMidRunKeepsThePartialResultsMarkedAndSavesThem() throws Exception {
        shortLoad("60s");
        onFx(vm::run);
        await(() -> vm.points().size() >= 2, 30);

        onFx(vm::stop);
        await(() -> vm.stateProperty().get() == BenchmarkViewModel.State.DONE, 40);

        BenchReport report = onFx(() -> vm.reportProperty().get());
        assertThat(report.stoppedEarly()).isTrue();
        assertThat(report.durationSeconds()).isLessThan(60);
        assertThat(onFx(() -> vm.partialProperty().get())).isTrue();
        assertThat(onFx(() -> vm.progressTextProperty().get())).contains("partial results");
        assertThat(onFx(() -> vm.facts().getFirst().value())).contains("stopped early");
        await(() -> !vm.savedRuns().list().isEmpty(), 10);
        assertThat(onFx(() -> vm.savedRuns().list().getFirst().stoppedEarly())).isTrue();
    }

    @Test
    void exportWritesAJsonReportThatReadsBack() throws Exception {
        shortLoad("2s");
        onFx(vm::run);
        await(() -> vm.stateProperty().get() == BenchmarkViewModel.State.DONE, 30);
        Path json = dir.resolve("out/report.json");
        Path csv = dir.resolve("out/report.csv");
        Path html = dir.resolve("out/report.html");

        onFx(() -> vm.export(json, BenchmarkViewModel.ExportFormat.JSON)).get(10, TimeUnit.SECONDS);
        onFx(() -> vm.export(csv, BenchmarkViewModel.ExportFormat.CSV)).get(10, TimeUnit.SECONDS);
        onFx(() -> vm.export(html, BenchmarkViewModel.ExportFormat.HTML)).get(10, TimeUnit.SECONDS);

        BenchReport back = ReportJson.read(Files.readString(json));
        assertThat(back.id()).isEqualTo(onFx(() -> vm.reportProperty().get().id()));
        assertThat(Files.readString(csv)).isNotBlank();
        assertThat(Files.readString(html)).contains("<svg");
    }

    @Test
    void twoSavedRunsCompareWithDeltasAndCanBeRenamedAndDeleted() throws Exception {
        shortLoad("2s");
        onFx(vm::run);
        await(() -> vm.stateProperty().get() == BenchmarkViewModel.State.DONE && vm.savedRuns().list().size() == 1, 30);
        onFx(() -> vm.form().usersProperty().set("4"));
        onFx(vm::run);
        await(() -> vm.stateProperty().get() == BenchmarkViewModel.State.DONE && vm.savedRuns().list().size() == 2, 30);

        onFx(() -> vm.savedRuns().compare(vm.savedRuns().list().get(1), vm.savedRuns().list().get(0)));
        await(() -> !vm.savedRuns().comparisonRows().isEmpty(), 10);

        assertThat(onFx(() -> vm.savedRuns().comparisonRows().stream().map(ResultRows.ComparisonRow::metric).toList()))
                .contains("throughput (req/s)", "e2e p50 (ms)");
        assertThat(onFx(() -> vm.savedRuns().comparisonProperty().get().candidate().timeline())).isNotEmpty();

        onFx(() -> vm.savedRuns().rename(vm.savedRuns().list().getFirst(), "four users"));
        await(() -> "four users".equals(vm.savedRuns().list().getFirst().label()), 10);
        onFx(() -> vm.savedRuns().delete(vm.savedRuns().list().getFirst()));
        await(() -> vm.savedRuns().list().size() == 1, 10);

        onFx(() -> vm.open(vm.savedRuns().list().getFirst()));
        await(() -> vm.reportProperty().get() != null && vm.reportProperty().get().id().equals(vm.savedRuns().list().getFirst().id()), 10);
        assertThat(onFx(() -> vm.points().isEmpty())).isFalse();
    }

    private void onFx(Runnable action) throws Exception {
        fx.submit(action).get(10, TimeUnit.SECONDS);
    }

    private <T> T onFx(java.util.concurrent.Callable<T> action) throws Exception {
        return fx.submit(action).get(10, TimeUnit.SECONDS);
    }

    /** Polls on the FX executor until the condition holds, failing after the timeout. */
    private void await(BooleanSupplier condition, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!onFx(condition::getAsBoolean)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not reached within " + seconds + " s; state " + onFx(() -> vm.stateProperty().get())
                        + ", message '" + onFx(() -> vm.messageProperty().get()) + "'");
            }
            Thread.sleep(50);
        }
    }
}
