package dev.localagent.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localagent.studio.app.GuiFrontEnd;
import dev.localagent.studio.app.ScreenshotSpec;
import dev.localagent.studio.app.SimulatorHost;
import dev.localagent.studio.app.SimulatorOptions;
import dev.localagent.studio.app.Studio;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.service.config.StudioPaths;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code studio bench} end to end: a simulator on loopback, the printed summary, the files, the exit codes. */
class BenchCommandTest {

    private static SimulatorHost sim;
    private static String openAi;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startSimulator() throws Exception {
        sim = SimulatorHost.start(SimulatorOptions.builder().instant(true).build());
        openAi = sim.baseUrl(ProviderKind.OPENAI);
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    private int run(String... args) {
        GuiFrontEnd noWindow = new GuiFrontEnd() {
            @Override
            public void open(Studio studio) {
                throw new AssertionError("bench must not open a window");
            }

            @Override
            public void screenshot(Studio studio, ScreenshotSpec spec) {
                throw new AssertionError("bench must not render");
            }
        };
        List<String> all = new ArrayList<>(List.of("bench", "--config=" + dir.resolve("config.json"), "--data-dir=" + dir.resolve("data")));
        all.addAll(List.of(args));
        return StudioCommand.commandLine(noWindow, new PrintWriter(out, true), new PrintWriter(err, true)).execute(all.toArray(String[]::new));
    }

    @Test
    void printsASummaryWritesTheReportsAndKeepsTheRun() throws Exception {
        Path json = dir.resolve("r.json");
        Path csv = dir.resolve("r.csv");
        Path html = dir.resolve("r.html");
        int exit = run("--provider", "sim-openai", "--base-url", openAi, "--scenario", "load", "--concurrency", "2", "--requests", "30",
                "--max-tokens", "6", "--slo", "e2e=30s", "--json", json.toString(), "--csv", csv.toString(), "--html", html.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("load · sim-openai · gpt-4o-mini").contains("sent 30 · succeeded 30 · failed 0")
                .contains("objectives MET").containsPattern("e2e\\s+\\d");
        assertThat(err.toString()).as("live lines go to stderr").contains("req/s");

        JsonNode r = new ObjectMapper().readTree(Files.readString(json));
        for (String field : List.of("scenario", "provider", "model", "durationSeconds", "targetRate", "achievedRate", "lateSends", "goodput")) {
            assertThat(r.has(field)).as(field).isTrue();
        }
        assertThat(r.at("/requests/sent").asLong()).isEqualTo(30);
        assertThat(r.at("/requests/succeeded").asLong()).isEqualTo(30);
        assertThat(r.at("/requests/failed").asLong()).isZero();
        assertThat(r.at("/requests/byErrorClass").isObject()).isTrue();
        assertThat(r.at("/throughput/requestsPerSecond").asDouble()).isPositive();
        assertThat(r.at("/throughput/outputTokensPerSecond").asDouble()).isPositive();
        for (String metric : List.of("e2e", "ttft", "itl", "tpot")) {
            for (String p : List.of("p50", "p90", "p95", "p99", "p999", "max", "mean")) {
                assertThat(r.at("/latencyMs/" + metric + "/" + p).isNumber()).as(metric + "." + p).isTrue();
            }
        }
        assertThat(r.at("/latencyMs/e2eUncorrected/p99").isNumber()).isTrue();
        assertThat(r.at("/breaker/transitions").isArray()).isTrue();
        assertThat(r.at("/breaker/shortCircuited").asLong()).isZero();
        assertThat(r.at("/rateLimiter/rejected").isNumber()).isTrue();
        assertThat(r.at("/cache/hits").isNumber()).isTrue();
        assertThat(r.at("/cache/misses").isNumber()).isTrue();
        assertThat(r.at("/cache/hitRate").isNumber()).isTrue();
        assertThat(r.at("/goodput/met").asBoolean()).isTrue();

        assertThat(Files.readAllLines(csv).getFirst()).isEqualTo("scenario,provider,model,metric,count,p50,p90,p95,p99,p999,max,mean");
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("<svg").doesNotContain("<script");

        try (Studio studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")))) {
            assertThat(studio.benchHistory().recent(5)).singleElement().satisfies(s -> assertThat(s.id()).isEqualTo(r.get("id").asText()));
        }
    }

    @Test
    void anObjectiveThatFailedExitsWithOne() {
        int exit = run("--provider", "sim-openai", "--base-url", openAi, "--scenario", "rate", "--rate", "50", "--requests", "20",
                "--no-stream", "--max-tokens", "4", "--slo", "e2e=1us", "--quiet");

        assertThat(exit).isEqualTo(BenchCommand.EXIT_OBJECTIVE_FAILED);
        assertThat(out.toString()).contains("objectives FAILED");
    }

    @Test
    void badInputExitsWithTwoAndOneLine() {
        assertThat(run("--provider", "sim-openai", "--scenario", "soak")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("bench: unknown scenario 'soak' (choose load, rate, stress, breaker, cache)");
        assertBad("the rate scenario needs --rate", "--provider", "sim-openai", "--scenario", "rate");
        assertBad("give --duration or --requests, not both", "--provider", "sim-openai", "--scenario", "load", "--duration", "5s",
                "--requests", "3");
        assertBad("unknown provider 'nope'", "--provider", "nope", "--scenario", "load");
        assertBad("--sim-faults needs a simulated provider without --base-url", "--provider", "sim-openai", "--base-url", openAi,
                "--scenario", "breaker", "--sim-faults", "brownout");
        assertBad("unknown objective 'p99'", "--provider", "sim-openai", "--scenario", "load", "--slo", "p99=1s");
        assertBad("not a duration", "--provider", "sim-openai", "--scenario", "load", "--duration", "soon");
    }

    private void assertBad(String message, String... args) {
        err.getBuffer().setLength(0);
        assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
        assertThat(err.toString()).startsWith("bench: ").contains(message);
        assertThat(err.toString().strip().lines().count()).isEqualTo(1);
    }
}
