package dev.localagent.studio.bench;

import dev.localagent.studio.app.SimulatorHost;
import dev.localagent.studio.app.SimulatorOptions;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ChatResult;
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
import dev.localagent.studio.service.resilience.PipelineResult;
import dev.localagent.studio.service.resilience.ProviderPipeline;
import dev.localagent.studio.service.resilience.ReplyAccounting;
import dev.localagent.studio.service.resilience.TimeSource;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The resilience pipeline's cost over the raw pooled client, against the same non-streaming
 * simulator endpoint in the same run. Limits are set far above the load so every call goes through
 * every policy without waiting: what is measured is the bookkeeping, not a throttle.
 *
 * <pre>./mvnw test-compile exec:exec -Djmh.args="PipelineOverheadBenchmark -f 1 -wi 3 -i 5 -w 5s -r 10s"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(1)
public class PipelineOverheadBenchmark {

    private SimulatorHost sim;
    private PooledHttpClient http;
    private Provider provider;
    private ProviderPipeline pipeline;
    private ChatRequest request;

    @Setup(Level.Trial)
    public void start() throws Exception {
        sim = SimulatorHost.start(SimulatorOptions.builder().instant(true).seed(1L).build());
        http = new PooledHttpClient(HttpClientSettings.DEFAULT);
        ProviderConfig c = ConfigDefaults.config().provider("sim-openai").orElseThrow().withBaseUrl(sim.baseUrl(ProviderKind.OPENAI));
        ProviderConfig config = new ProviderConfig(c.id(), c.kind(), c.displayName(), c.simulator(), c.baseUrl(), c.enabled(),
                c.defaultModel(), c.timeouts(), c.pool(), c.breaker(), RateLimitSettings.of(1e9, 1_000_000), c.retry(), c.cache(),
                new BulkheadSettings(1_000, 1_000, 10_000), List.of());
        provider = new ProviderFactory(http, ApiKeys.none(), Clock.systemUTC()).create(config);
        pipeline = new ProviderPipeline(provider, config, Clock.systemUTC(), TimeSource.SYSTEM, ReplyAccounting.NONE, id -> Optional.empty());
        request = ChatRequest.builder(config.defaultModel()).user("Say hello.").maxOutputTokens(16).stream(false).build();
    }

    @TearDown(Level.Trial)
    public void stop() {
        http.close();
        sim.close();
    }

    @Benchmark
    public ChatResult rawClient() {
        return provider.chat(request);
    }

    @Benchmark
    public PipelineResult throughPipeline() {
        return pipeline.call(request, StreamListener.IGNORE, new CancelSignal());
    }
}
