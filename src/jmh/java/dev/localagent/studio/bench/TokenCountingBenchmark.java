package dev.localagent.studio.bench;

import dev.localagent.studio.service.tokens.TokenCounter;
import dev.localagent.studio.testsupport.ReplyCorpus;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Token counting throughput on 64 KB of LLM-style text per operation; MB/s = ops/s x 0.0625
 * (the exact byte count is printed at setup).
 *
 * <pre>./mvnw test-compile exec:exec -Djmh.args="TokenCountingBenchmark -f 1 -wi 3 -i 5"</pre>
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenCountingBenchmark {

    /** o200k_base, cl100k_base and the calibrated estimate. */
    @Param({"gpt-4o", "gpt-4", "llama3.2"})
    public String model;

    private final TokenCounter counter = new TokenCounter();
    private String text;

    @Setup
    public void corpus() {
        StringBuilder b = new StringBuilder();
        for (String reply : ReplyCorpus.replies(21, 64, 1_000)) {
            b.append(reply).append("\n\n");
        }
        byte[] utf8 = b.toString().getBytes(StandardCharsets.UTF_8);
        text = new String(utf8, 0, 64 * 1024, StandardCharsets.UTF_8);
        counter.count(model, text); // loads the encoding before measuring
        System.out.println("\ncorpus: " + text.getBytes(StandardCharsets.UTF_8).length + " bytes, " + counter.count(model, text).tokens()
                + " tokens for " + model);
    }

    @Benchmark
    public int count64Kb() {
        return counter.count(model, text).tokens();
    }
}
