package dev.localagent.studio.cli;

import dev.localagent.studio.app.Studio;
import dev.localagent.studio.model.CacheStrategy;
import dev.localagent.studio.service.bench.Arrival;
import dev.localagent.studio.service.bench.BenchReport;
import dev.localagent.studio.service.bench.BenchRun;
import dev.localagent.studio.service.bench.BenchScenario;
import dev.localagent.studio.service.bench.BenchSpec;
import dev.localagent.studio.service.bench.DurationText;
import dev.localagent.studio.service.bench.Objectives;
import dev.localagent.studio.service.bench.PromptSet;
import dev.localagent.studio.service.bench.ReportCsv;
import dev.localagent.studio.service.bench.ReportHtml;
import dev.localagent.studio.service.bench.ReportJson;
import dev.localagent.studio.service.bench.ReportSummary;
import dev.localagent.studio.service.bench.TimelinePoint;
import dev.localagent.studio.service.config.AtomicFileWriter;
import dev.localagent.studio.service.config.ProviderConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code studio bench}: one benchmark run, a summary table, and the report files asked for. Exit
 * codes as k6 uses them: 0, 1 when an objective of {@code --slo} failed (or the run failed), 2 on
 * bad input. Ctrl+C stops the run and still prints and writes what it measured.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark scenario against a provider, print a summary and write reports.")
final class BenchCommand implements Callable<Integer> {

    static final int EXIT_OBJECTIVE_FAILED = 1;
    static final int EXIT_BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Mixin
    StudioOptions options;

    @Option(names = "--provider", required = true, paramLabel = "ID", description = "A configured provider, e.g. sim-openai.")
    String providerId;

    @Option(names = "--model", paramLabel = "M", description = "Model (default: the provider's default model).")
    String model;

    @Option(names = "--base-url", paramLabel = "URL", description = "Talk to this address instead of the configured one (or the built-in simulator).")
    String baseUrl;

    @Option(names = "--scenario", required = true, paramLabel = "S", description = "load, rate, stress, breaker or cache.")
    String scenario;

    @Option(names = "--concurrency", paramLabel = "N", description = "Closed loop: virtual users (default 8; cache: 1). Open loop: most requests in flight, beyond which sends queue in the engine (default 100).")
    Integer concurrency;

    @Option(names = "--rate", paramLabel = "R", description = "Open loop: requests per second (stress: the first step's).")
    Double rate;

    @Option(names = "--rate-step", paramLabel = "R", description = "Stress: added to the rate at each step (default: the starting rate).")
    Double rateStep;

    @Option(names = "--step-duration", paramLabel = "D", description = "Stress: length of each step (default 10s).")
    String stepDuration;

    @Option(names = "--max-steps", paramLabel = "N", description = "Stress: most steps (default 20).")
    Integer maxSteps;

    @Option(names = "--arrival", paramLabel = "A", description = "Open loop: constant (default) or poisson.")
    String arrival;

    @Option(names = "--duration", paramLabel = "D", description = "How long to measure after warm-up, e.g. 30s (default 30s; breaker: 80s).")
    String duration;

    @Option(names = "--requests", paramLabel = "N", description = "Measure this many requests instead of a duration.")
    Long requests;

    @Option(names = "--warmup", paramLabel = "D", description = "Warm-up before measuring, excluded from every figure (default 0).")
    String warmup;

    @Option(names = "--ramp-up", paramLabel = "D", description = "Reach the concurrency or rate gradually over this time.")
    String rampUp;

    @Option(names = "--no-stream", description = "Ask for whole replies instead of streams (no TTFT or ITL).")
    boolean noStream;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Most output tokens per reply (default 128).")
    Integer maxTokens;

    @Option(names = "--prompts", paramLabel = "SET|FILE", description = "short-chat (default), long-context, code, or a JSONL file of {\"prompt\": ...}.")
    String prompts;

    @Option(names = "--repeat-ratio", paramLabel = "R", description = "Share of requests that repeat an earlier prompt exactly (0 to below 1).")
    Double repeatRatio;

    @Option(names = "--cache-strategy", paramLabel = "S", description = "aggressive, conservative, selective or disabled (default: disabled; cache: selective).")
    String cacheStrategy;

    @Option(names = "--slo", paramLabel = "OBJ", description = "Objectives per request, e.g. ttft=500ms,e2e=5s,tpot=50ms; exit 1 when fewer than 99 % of requests meet them.")
    String slo;

    @Option(names = "--sim-faults", paramLabel = "PRESET|FILE", description = "Faults for the run's own simulator (default for breaker: brownout).")
    String simFaults;

    @Option(names = "--no-client-limits", description = "Lift the provider's client-side rate limiter and bulkhead for this run, to measure the provider alone.")
    boolean noClientLimits;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for prompts, repeats and Poisson arrivals (default 42).")
    Long seed;

    @Option(names = "--sample-interval", paramLabel = "D", description = "How often a live line is printed (default 1s).")
    String sampleInterval;

    @Option(names = "--quiet", description = "No live lines while the run is going; only the summary.")
    boolean quiet;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON (docs/report-format.md).")
    Path jsonFile;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the summary table as CSV.")
    Path csvFile;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report with charts.")
    Path htmlFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Studio studio = options.startStudio()) {
            BenchSpec benchSpec;
            try {
                benchSpec = buildSpec(studio);
            } catch (IllegalArgumentException e) {
                err.println("bench: " + e.getMessage());
                return EXIT_BAD_INPUT;
            }
            BenchRun run = studio.benchEngine().start(benchSpec);
            if (!quiet) {
                run.onPoint(p -> {
                    err.println(liveLine(p));
                    err.flush();
                });
            }
            Thread onInterrupt = Thread.ofPlatform().unstarted(() -> finishAfterInterrupt(run, out, err));
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            BenchReport report;
            try {
                report = run.result().get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IllegalArgumentException) {
                    err.println("bench: " + cause.getMessage());
                    return EXIT_BAD_INPUT;
                }
                err.println("bench: the run failed: " + cause.getMessage());
                return EXIT_OBJECTIVE_FAILED;
            } finally {
                removeHook(onInterrupt);
            }
            out.print(ReportSummary.text(report));
            out.flush();
            writeFiles(report, err);
            save(studio, report, err);
            return Boolean.FALSE.equals(report.goodput().met()) ? EXIT_OBJECTIVE_FAILED : 0;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it prints the partial report.
        }
    }

    /** Ctrl+C: stop the run, then print and write what it measured so far. */
    private void finishAfterInterrupt(BenchRun run, PrintWriter out, PrintWriter err) {
        if (run.result().isDone()) {
            return;
        }
        run.stop();
        try {
            BenchReport partial = run.result().get(15, TimeUnit.SECONDS);
            out.print(ReportSummary.text(partial));
            out.flush();
            writeFiles(partial, err);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            err.println("bench: stopped; no report could be made (" + e.getMessage() + ")");
        }
        err.flush();
    }

    /** Every run goes to the history, so the Benchmark tab can open and compare it. */
    private static void save(Studio studio, BenchReport report, PrintWriter err) {
        try {
            studio.benchHistory().save(report, null);
        } catch (java.sql.SQLException e) {
            err.println("bench: the run was not saved to the history: " + e.getMessage());
        }
    }

    private void writeFiles(BenchReport report, PrintWriter err) {
        write(jsonFile, ReportJson.write(report), err);
        write(csvFile, ReportCsv.write(report), err);
        write(htmlFile, ReportHtml.write(report), err);
    }

    private static void write(Path file, String text, PrintWriter err) {
        if (file == null) {
            return;
        }
        try {
            AtomicFileWriter.writeString(file.toAbsolutePath(), text);
            err.println("wrote " + file);
        } catch (IOException e) {
            err.println("bench: could not write " + file + ": " + e.getMessage());
        }
    }

    BenchSpec buildSpec(Studio studio) {
        BenchScenario s = BenchScenario.parse(scenario);
        ProviderConfig provider = studio.config().requireProvider(providerId);
        boolean ownSimulator = provider.simulator() && (baseUrl == null || baseUrl.isBlank());
        BenchSpec.Builder b = BenchSpec.builder(s, providerId).model(model).baseUrl(baseUrl).stream(!noStream);
        if (concurrency != null) {
            b.concurrency(concurrency);
        }
        if (s.openLoop() && rate == null) {
            throw new IllegalArgumentException("the " + s.id() + " scenario needs --rate");
        }
        if (rate != null) {
            b.rate(rate);
            b.rateStep(rateStep != null ? rateStep : rate);
        } else if (rateStep != null) {
            b.rateStep(rateStep);
        }
        if (stepDuration != null) {
            b.stepDuration(DurationText.parse(stepDuration));
        }
        if (maxSteps != null) {
            b.maxSteps(maxSteps);
        }
        if (arrival != null) {
            b.arrival(Arrival.parse(arrival));
        }
        if (duration != null && requests != null) {
            throw new IllegalArgumentException("give --duration or --requests, not both");
        }
        if (requests != null) {
            b.requests(requests);
        } else if (duration != null) {
            b.duration(DurationText.parse(duration));
        } else if (s == BenchScenario.BREAKER) {
            b.duration(Duration.ofSeconds(80));
        }
        if (warmup != null) {
            b.warmup(DurationText.parse(warmup));
        }
        if (rampUp != null) {
            b.rampUp(DurationText.parse(rampUp));
        }
        if (maxTokens != null) {
            b.maxTokens(maxTokens);
        }
        if (prompts != null) {
            b.prompts(PromptSet.named(prompts));
        }
        if (repeatRatio != null) {
            b.repeatRatio(repeatRatio);
        }
        if (cacheStrategy != null) {
            b.cacheStrategy(parseStrategy(cacheStrategy));
        }
        b.objectives(Objectives.parse(slo));
        String faults = simFaults;
        if (faults == null && s == BenchScenario.BREAKER && ownSimulator) {
            faults = "brownout";
        }
        if (faults != null && !ownSimulator) {
            throw new IllegalArgumentException("--sim-faults needs a simulated provider without --base-url (the run starts its own simulator)");
        }
        b.simFaults(faults);
        b.clientLimits(!noClientLimits);
        if (seed != null) {
            b.seed(seed);
        }
        if (sampleInterval != null) {
            b.sampleInterval(DurationText.parse(sampleInterval));
        }
        return b.build();
    }

    private static CacheStrategy parseStrategy(String text) {
        try {
            return CacheStrategy.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown cache strategy '" + text + "' (choose aggressive, conservative, selective or disabled)");
        }
    }

    static String liveLine(TimelinePoint p) {
        return String.format(Locale.ROOT, "%7.1f s %s %8.1f req/s %9.1f tok/s  p50 %s  p99 %s  errors %d  in flight %d  breaker %s",
                p.atSeconds(), p.warmup() ? "warm-up" : "       ", p.requestsPerSecond(), p.outputTokensPerSecond(), ms(p.e2eP50()),
                ms(p.e2eP99()), p.errors(), p.inFlight(), p.breakerState());
    }

    private static String ms(Double v) {
        return v == null ? "     -   " : String.format(Locale.ROOT, "%7.1f ms", v);
    }
}
