package dev.localagent.studio.bench;

import dev.localagent.studio.app.SimulatorHost;
import dev.localagent.studio.app.SimulatorOptions;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.service.config.ApiKeys;
import dev.localagent.studio.service.config.BulkheadSettings;
import dev.localagent.studio.service.config.ConfigDefaults;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.config.RateLimitSettings;
import dev.localagent.studio.service.http.HttpClientSettings;
import dev.localagent.studio.service.http.PooledHttpClient;
import dev.localagent.studio.service.provider.CancelSignal;
import dev.localagent.studio.service.provider.Provider;
import dev.localagent.studio.service.provider.ProviderFactory;
import dev.localagent.studio.service.provider.StreamListener;
import dev.localagent.studio.service.resilience.ProviderPipeline;
import dev.localagent.studio.service.resilience.ReplyAccounting;
import dev.localagent.studio.service.resilience.TimeSource;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * The pipeline's cost over the raw client, measured so that a noisy machine hurts both sides alike:
 * raw and pipelined calls alternate in short blocks on the same thread against the same simulator
 * endpoint, each block's rate is compared with its neighbour's, and the median of those ratios is
 * reported with both sides' latency percentiles.
 *
 * <pre>./mvnw test-compile exec:exec -Dbench.main=dev.localagent.studio.bench.PipelineOverheadRun -Dbench.args=60</pre>
 */
public final class PipelineOverheadRun {

    private static final int BLOCK = 500;

    public static void main(String[] args) throws Exception {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        // A second argument names a simulator already running in its own process (studio sim --instant),
        // so its threads and garbage do not share this JVM with the client being measured.
        String external = args.length > 1 ? args[1] : null;
        try (SimulatorHost sim = external == null ? SimulatorHost.start(SimulatorOptions.builder().instant(true).seed(1L).build()) : null;
                PooledHttpClient http = new PooledHttpClient(HttpClientSettings.DEFAULT)) {
            String baseUrl = external != null ? external + "/v1" : sim.baseUrl(ProviderKind.OPENAI);
            ProviderConfig c = ConfigDefaults.config().provider("sim-openai").orElseThrow().withBaseUrl(baseUrl);
            ProviderConfig config = new ProviderConfig(c.id(), c.kind(), c.displayName(), c.simulator(), c.baseUrl(), c.enabled(),
                    c.defaultModel(), c.timeouts(), c.pool(), c.breaker(), RateLimitSettings.of(1e9, 1_000_000), c.retry(), c.cache(),
                    new BulkheadSettings(1_000, 1_000, 10_000), List.of());
            Provider provider = new ProviderFactory(http, ApiKeys.none(), Clock.systemUTC()).create(config);
            ProviderPipeline pipeline = new ProviderPipeline(provider, config, Clock.systemUTC(), TimeSource.SYSTEM,
                    ReplyAccounting.NONE, id -> Optional.empty());
            ChatRequest request = ChatRequest.builder(config.defaultModel()).user("Say hello.").maxOutputTokens(16).stream(false).build();

            Runnable raw = () -> provider.chat(request);
            Runnable piped = () -> pipeline.call(request, StreamListener.IGNORE, new CancelSignal());
            for (int i = 0; i < 5_000; i++) { // warm both paths up
                raw.run();
                piped.run();
            }
            Histogram rawLatency = new Histogram(3);
            Histogram pipedLatency = new Histogram(3);
            double[] ratios = new double[blocks];
            long rawNanos = 0;
            long pipedNanos = 0;
            for (int b = 0; b < blocks; b++) {
                boolean rawFirst = b % 2 == 0;
                long first = block(rawFirst ? raw : piped, rawFirst ? rawLatency : pipedLatency);
                long second = block(rawFirst ? piped : raw, rawFirst ? pipedLatency : rawLatency);
                long r = rawFirst ? first : second;
                long p = rawFirst ? second : first;
                rawNanos += r;
                pipedNanos += p;
                ratios[b] = (double) r / p; // pipelined rate over raw rate
            }
            Arrays.sort(ratios);
            double median = ratios[blocks / 2];
            System.out.printf(Locale.ROOT, "blocks %d x %d calls each side%n", blocks, BLOCK);
            System.out.printf(Locale.ROOT, "raw       %8.0f req/s  p50 %6.1f us  p99 %7.1f us%n", blocks * BLOCK / (rawNanos / 1e9),
                    rawLatency.getValueAtPercentile(50) / 1e3, rawLatency.getValueAtPercentile(99) / 1e3);
            System.out.printf(Locale.ROOT, "pipeline  %8.0f req/s  p50 %6.1f us  p99 %7.1f us%n", blocks * BLOCK / (pipedNanos / 1e9),
                    pipedLatency.getValueAtPercentile(50) / 1e3, pipedLatency.getValueAtPercentile(99) / 1e3);
            System.out.printf(Locale.ROOT, "pipeline rate / raw rate: median of block pairs %.3f (quartiles %.3f .. %.3f)%n", median,
                    ratios[blocks / 4], ratios[3 * blocks / 4]);
            System.out.printf(Locale.ROOT, "added at p50: %.1f us%n",
                    (pipedLatency.getValueAtPercentile(50) - rawLatency.getValueAtPercentile(50)) / 1e3);
        }
    }

    private static long block(Runnable call, Histogram latency) {
        long start = System.nanoTime();
        for (int i = 0; i < BLOCK; i++) {
            long t0 = System.nanoTime();
            call.run();
            latency.recordValue(System.nanoTime() - t0);
        }
        return System.nanoTime() - start;
    }
}
