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
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One small non-streamed chat against the instant (unpaced) simulator on loopback, through the
 * real client: on a kept-alive pooled connection, or on a new connection each time (the pool's idle
 * connections are closed before every call, which is what a client without a pool pays). Both run
 * in the same JVM against the same server, so their ratio is what to read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConnectionPoolingBenchmark {

    @Param({"OPENAI", "OLLAMA"})
    public ProviderKind kind;

    private SimulatorHost sim;
    private PooledHttpClient http;
    private Provider provider;
    private ChatRequest request;

    @Setup(Level.Trial)
    public void start() throws IOException {
        sim = SimulatorHost.start(SimulatorOptions.builder().instant(true).build());
        http = new PooledHttpClient(HttpClientSettings.DEFAULT);
        ProviderConfig config = ConfigDefaults.config().provider("sim-" + kind.id()).orElseThrow().withBaseUrl(sim.baseUrl(kind));
        provider = new ProviderFactory(http, ApiKeys.none(), Clock.systemUTC()).create(config);
        request = ChatRequest.builder(config.defaultModel()).user("ping").maxOutputTokens(4).stream(false).build();
    }

    @TearDown(Level.Trial)
    public void stop() {
        http.close();
        sim.close();
    }

    @Benchmark
    public String pooledConnection() {
        return provider.chat(request).text();
    }

    @Benchmark
    public String newConnectionPerRequest() {
        http.closeIdleConnections();
        return provider.chat(request).text();
    }
}
