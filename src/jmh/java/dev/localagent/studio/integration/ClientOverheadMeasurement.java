package dev.localagent.studio.integration;

import dev.localagent.studio.app.SimulatorHost;
import dev.localagent.studio.app.SimulatorOptions;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.service.config.ApiKeys;
import dev.localagent.studio.service.config.ConfigDefaults;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.http.HttpClientSettings;
import dev.localagent.studio.service.http.PooledHttpClient;
import dev.localagent.studio.service.provider.Provider;
import dev.localagent.studio.service.provider.ProviderFactory;
import dev.localagent.studio.service.provider.ollama.OllamaStreamParserBenchmark;
import dev.localagent.studio.service.provider.openai.OpenAiStreamParserBenchmark;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The two figures of issue 4 measured so that a busy shared machine distorts them least:
 * parser cost as this thread's CPU time (not wall time, which other builds inflate), and pooled
 * versus new-connection calls interleaved round by round in one run, compared by their medians.
 * Run: see docs/PERFORMANCE.md, "Provider clients".
 */
public final class ClientOverheadMeasurement {

    private ClientOverheadMeasurement() {}

    public static void main(String[] args) throws Exception {
        parserCpu("OpenAI SSE", 1_003, () -> {
            OpenAiStreamParserBenchmark b = new OpenAiStreamParserBenchmark();
            b.build();
            return b::parseThousandTokenStream;
        });
        parserCpu("Ollama NDJSON", 1_001, () -> {
            OllamaStreamParserBenchmark b = new OllamaStreamParserBenchmark();
            b.build();
            return b::parseThousandTokenStream;
        });
        for (ProviderKind kind : new ProviderKind[] {ProviderKind.OPENAI, ProviderKind.OLLAMA}) {
            pooling(kind);
        }
    }

    private static void parserCpu(String name, int frames, Supplier<Supplier<String>> setup) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Supplier<String> parse = setup.get();
        int sink = 0;
        for (int i = 0; i < 3_000; i++) {
            sink += parse.get().length();
        }
        int n = 2_000;
        long[] cpu = new long[n];
        for (int i = 0; i < n; i++) {
            long before = threads.getCurrentThreadCpuTime();
            sink += parse.get().length();
            cpu[i] = threads.getCurrentThreadCpuTime() - before;
        }
        Arrays.sort(cpu);
        double median = cpu[n / 2] / 1e3;
        double mean = Arrays.stream(cpu).average().orElseThrow() / 1e3;
        System.out.printf(Locale.ROOT, "parser %-14s 1,000-token stream: CPU median %.0f us, mean %.0f us, p90 %.0f us; %,.0f frames/s of CPU (sink %d)%n",
                name, median, mean, cpu[n * 9 / 10] / 1e3, frames / (median / 1e6), sink % 10);
    }

    private static void pooling(ProviderKind kind) throws Exception {
        try (SimulatorHost sim = SimulatorHost.start(SimulatorOptions.builder().instant(true).build());
                PooledHttpClient http = new PooledHttpClient(HttpClientSettings.DEFAULT)) {
            ProviderConfig config = ConfigDefaults.config().provider("sim-" + kind.id()).orElseThrow().withBaseUrl(sim.baseUrl(kind));
            Provider provider = new ProviderFactory(http, ApiKeys.none(), Clock.systemUTC()).create(config);
            ChatRequest request = ChatRequest.builder(config.defaultModel()).user("ping").maxOutputTokens(4).stream(false).build();
            for (int i = 0; i < 500; i++) {
                provider.chat(request);
                http.closeIdleConnections();
                provider.chat(request);
            }
            int rounds = 20;
            int perRound = 100;
            long[] pooled = new long[rounds * perRound];
            long[] fresh = new long[rounds * perRound];
            long openedBefore = http.snapshot().connectionsOpened();
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < perRound; i++) {
                    long t = System.nanoTime();
                    provider.chat(request);
                    pooled[r * perRound + i] = System.nanoTime() - t;
                }
                for (int i = 0; i < perRound; i++) {
                    long t = System.nanoTime();
                    http.closeIdleConnections();
                    provider.chat(request);
                    fresh[r * perRound + i] = System.nanoTime() - t;
                }
            }
            long opened = http.snapshot().connectionsOpened() - openedBefore;
            Arrays.sort(pooled);
            Arrays.sort(fresh);
            double p = pooled[pooled.length / 2] / 1e3;
            double f = fresh[fresh.length / 2] / 1e3;
            System.out.printf(Locale.ROOT, "pooling %-6s median per call: pooled %.0f us, new connection %.0f us; pooled/new = %.2f "
                    + "(%.0f %% less time per call); connections opened in the measured rounds: %d for %d calls%n",
                    kind.id(), p, f, p / f, 100 * (1 - p / f), opened, pooled.length + fresh.length);
        }
    }
}
