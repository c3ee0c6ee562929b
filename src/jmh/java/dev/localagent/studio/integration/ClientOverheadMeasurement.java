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
import com.fasterxml.jackson.core.JsonParser;
import dev.localagent.studio.service.provider.wire.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
        OpenAiStreamParserBenchmark openAi = new OpenAiStreamParserBenchmark();
        openAi.build();
        OllamaStreamParserBenchmark ollama = new OllamaStreamParserBenchmark();
        ollama.build();
        // Baseline in the same run: only tokenizing each frame's JSON with Jackson, no framing, no
        // reading of fields. No JSON-reading client can cost less; the ratio to it travels between machines.
        List<byte[]> openAiFrames = frames(openAi.streamBytes(), "\n\n", "data: ");
        List<byte[]> ollamaFrames = frames(ollama.streamBytes(), "\n", "");
        double openAiBase = cpuMicros("baseline: Jackson tokens of the same OpenAI frames", openAiFrames.size(), () -> tokenize(openAiFrames));
        double openAiGeneric = cpuMicros("parser OpenAI SSE, generic reader only (before)", 1_003,
                openAi::parseThousandTokenStreamGenericReader);
        double openAiCost = cpuMicros("parser OpenAI SSE, 1,000-token stream", 1_003, openAi::parseThousandTokenStream);
        double ollamaBase = cpuMicros("baseline: Jackson tokens of the same Ollama lines", ollamaFrames.size(), () -> tokenize(ollamaFrames));
        double ollamaCost = cpuMicros("parser Ollama NDJSON, 1,000-token stream", 1_001, ollama::parseThousandTokenStream);
        System.out.printf(Locale.ROOT, "parser/baseline: OpenAI %.2f (generic reader only %.2f), Ollama %.2f; OpenAI fast/generic %.2f%n",
                openAiCost / openAiBase, openAiGeneric / openAiBase, ollamaCost / ollamaBase, openAiCost / openAiGeneric);
        interleaved("OpenAI fast path vs generic reader only, alternated run by run", openAi::parseThousandTokenStream,
                openAi::parseThousandTokenStreamGenericReader);
        if (args.length > 0 && args[0].equals("parsers")) {
            return;
        }
        for (ProviderKind kind : new ProviderKind[] {ProviderKind.OPENAI, ProviderKind.OLLAMA}) {
            pooling(kind);
        }
    }

    private static List<byte[]> frames(byte[] stream, String separator, String prefix) {
        List<byte[]> frames = new ArrayList<>();
        for (String frame : new String(stream, StandardCharsets.UTF_8).split(separator)) {
            if (frame.startsWith(prefix) && !frame.endsWith("[DONE]") && !frame.isBlank()) {
                frames.add(frame.substring(prefix.length()).getBytes(StandardCharsets.UTF_8));
            }
        }
        return frames;
    }

    private static String tokenize(List<byte[]> frames) {
        int tokens = 0;
        try {
            for (byte[] frame : frames) {
                try (JsonParser p = WireJson.MAPPER.createParser(frame)) {
                    while (p.nextToken() != null) {
                        tokens++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Integer.toString(tokens);
    }

    /** Median CPU microseconds of one run of {@code parse}, after warming up. */
    private static double cpuMicros(String name, int frames, Supplier<String> parse) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
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
        System.out.printf(Locale.ROOT, "%-52s CPU median %5.0f us, mean %5.0f us, p90 %5.0f us; %,10.0f frames/s of CPU (%d)%n",
                name, median, mean, cpu[n * 9 / 10] / 1e3, frames / (median / 1e6), sink % 10);
        return median;
    }

    /** Both parsers alternated run by run, so a change in the machine's load hits both alike; medians and their ratio. */
    private static void interleaved(String name, Supplier<String> a, Supplier<String> b) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int sink = 0;
        for (int i = 0; i < 3_000; i++) {
            sink += a.get().length() + b.get().length();
        }
        int n = 2_000;
        long[] cpuA = new long[n];
        long[] cpuB = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = threads.getCurrentThreadCpuTime();
            sink += a.get().length();
            long t1 = threads.getCurrentThreadCpuTime();
            sink += b.get().length();
            cpuA[i] = t1 - t0;
            cpuB[i] = threads.getCurrentThreadCpuTime() - t1;
        }
        Arrays.sort(cpuA);
        Arrays.sort(cpuB);
        double medianA = cpuA[n / 2] / 1e3;
        double medianB = cpuB[n / 2] / 1e3;
        System.out.printf(Locale.ROOT, "%s: CPU median %.0f us vs %.0f us, ratio %.2f (%d)%n", name, medianA, medianB, medianA / medianB,
                sink % 10);
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
