package dev.localagent.studio.bench;

import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.config.BulkheadSettings;
import dev.localagent.studio.service.config.ConfigDefaults;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.config.RateLimitSettings;
import dev.localagent.studio.service.provider.CancelSignal;
import dev.localagent.studio.service.provider.Capabilities;
import dev.localagent.studio.service.provider.Health;
import dev.localagent.studio.service.provider.ModelInfo;
import dev.localagent.studio.service.provider.Provider;
import dev.localagent.studio.service.provider.StreamListener;
import dev.localagent.studio.service.resilience.PipelineResult;
import dev.localagent.studio.service.resilience.ProviderPipeline;
import dev.localagent.studio.service.resilience.ReplyAccounting;
import dev.localagent.studio.service.resilience.TimeSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pipeline's own bookkeeping, with the network taken out: the provider answers from memory,
 * so what is left is breaker, limiters, bulkhead, retry policy and statistics per call.
 *
 * <pre>./mvnw test-compile exec:exec -Djmh.args="PipelineBookkeepingBenchmark -f 1 -wi 3 -i 5"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PipelineBookkeepingBenchmark {

    private static final ChatResult ANSWER = new ChatResult("Hello.", FinishReason.STOP, new Usage(5, 2, null, null, false),
            "gpt-4o-mini", null, null, List.of(), null);

    private Provider provider;
    private ProviderPipeline pipeline;
    private ChatRequest request;

    @Setup
    public void setUp() {
        ProviderConfig c = ConfigDefaults.config().provider("sim-openai").orElseThrow().withBaseUrl("http://127.0.0.1:9/v1");
        ProviderConfig config = new ProviderConfig(c.id(), c.kind(), c.displayName(), c.simulator(), c.baseUrl(), c.enabled(),
                c.defaultModel(), c.timeouts(), c.pool(), c.breaker(), RateLimitSettings.of(1e12, 1_000_000_000), c.retry(), c.cache(),
                new BulkheadSettings(1_000, 1_000, 10_000), List.of());
        provider = new InMemoryProvider();
        pipeline = new ProviderPipeline(provider, config, Clock.systemUTC(), TimeSource.SYSTEM, ReplyAccounting.NONE, id -> Optional.empty());
        request = ChatRequest.builder("gpt-4o-mini").user("Say hello.").stream(false).build();
    }

    @Benchmark
    public ChatResult rawProvider() {
        return provider.chat(request);
    }

    @Benchmark
    public PipelineResult throughPipeline() {
        return pipeline.call(request, StreamListener.IGNORE, new CancelSignal());
    }

    private static final class InMemoryProvider implements Provider {
        @Override
        public String id() {
            return "memory";
        }

        @Override
        public ProviderKind kind() {
            return ProviderKind.OPENAI;
        }

        @Override
        public Capabilities capabilities() {
            return null;
        }

        @Override
        public List<ModelInfo> listModels() {
            return List.of();
        }

        @Override
        public ChatResult chat(ChatRequest request) {
            return ANSWER;
        }

        @Override
        public ChatResult stream(ChatRequest request, StreamListener listener, CancelSignal cancel) {
            listener.onText(ANSWER.text());
            return ANSWER;
        }

        @Override
        public Health health() {
            return Health.up(Duration.ZERO, null);
        }
    }
}
