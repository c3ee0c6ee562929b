package dev.localagent.studio.service.provider.ollama;

import dev.localagent.studio.service.provider.wire.ReplyAccumulator;
import dev.localagent.studio.service.provider.wire.StreamErrors;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Client-side cost of reading a 1,000-token Ollama NDJSON stream (1,000 chunks of the real shape
 * plus the final done object) fed in 8 KiB reads. Frames per second = 1,001 frames / the time per stream.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OllamaStreamParserBenchmark {

    static final int TOKENS = 1_000;
    private byte[] stream;

    @Setup
    public void build() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < TOKENS; i++) {
            s.append("{\"model\":\"llama3.2\",\"created_at\":\"2025-10-26T17:21:21.196249Z\",\"message\":{\"role\":\"assistant\",\"content\":\" tok")
                    .append(i % 97).append("\"},\"done\":false}\n");
        }
        s.append("{\"model\":\"llama3.2\",\"created_at\":\"2025-10-26T17:21:22.1Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"done\":true,\"done_reason\":\"stop\",\"total_duration\":4883583458,\"load_duration\":1334875,"
                + "\"prompt_eval_count\":26,\"prompt_eval_duration\":342546000,\"eval_count\":1000,\"eval_duration\":4535599000}\n");
        stream = s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The stream's bytes, for a baseline measured on the same input. */
    public byte[] streamBytes() {
        return stream.clone();
    }

    @Benchmark
    public String parseThousandTokenStream() {
        ReplyAccumulator reply = ReplyAccumulator.quiet();
        OllamaStreamDecoder decoder = new OllamaStreamDecoder(new StreamErrors("bench", null), reply, 1 << 20);
        for (int at = 0; at < stream.length; at += 8192) {
            decoder.feed(stream, at, Math.min(8192, stream.length - at));
        }
        decoder.finish();
        return reply.textSoFar();
    }
}
