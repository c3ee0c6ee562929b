package dev.localagent.studio.service.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.studio.service.provider.wire.ReplyAccumulator;
import dev.localagent.studio.service.provider.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JSON work of one non-streamed OpenAI call, old way against new: reading a 914-byte reply
 * (the simulator's answer to the benchmark's prompt at 64 tokens) through a tree and then the
 * records, through the records alone, and through {@link PlainReplyReader}. (Writing the request
 * field by field with the generator was tried too: 1.33 against the mapper's 1.37 µs, so the
 * mapper stayed.)
 *
 * <pre>./mvnw test-compile exec:exec -Djmh.args="WholeReplyBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WholeReplyBenchmark {

    private static final byte[] REPLY = ("{\"id\":\"chatcmpl-vkjzmudgjLp4HhLZT83OfLmoscl\",\"object\":\"chat.completion\",\"created\":1795934923,"
            + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
            + "\"There are a few things to know about **explain**. The server measures latency under load even under heavy load. "
            + "A client retries with backoff when the network drops a connection, and the cache keeps the reply for later. "
            + "Each request carries its own budget of tokens, and the breaker opens after repeated failures so callers fail "
            + "fast instead of piling up. In short: measure, then tune.\\n\\n- keep the pool warm\\n- watch the p99\"},"
            + "\"logprobs\":null,\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":64,"
            + "\"total_tokens\":83,\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0}},\"system_fingerprint\":\"fp_sim\"}")
            .getBytes(StandardCharsets.UTF_8);

    @Benchmark
    public ReplyAccumulator readTreeThenRecords() throws Exception {
        JsonNode tree = WireJson.tree(new String(REPLY, StandardCharsets.UTF_8));
        ReplyAccumulator reply = ReplyAccumulator.quiet();
        OpenAiProvider.read(OpenAiProvider.COMPLETION.readValue(tree), reply);
        return reply;
    }

    @Benchmark
    public ReplyAccumulator readRecordsFromBytes() throws Exception {
        ReplyAccumulator reply = ReplyAccumulator.quiet();
        OpenAiProvider.read(OpenAiProvider.COMPLETION.readValue(REPLY), reply);
        return reply;
    }

    @Benchmark
    public ReplyAccumulator readPlainReply() {
        ReplyAccumulator reply = ReplyAccumulator.quiet();
        OpenAiProvider.read(PlainReplyReader.read(REPLY), reply);
        return reply;
    }
}
