package dev.localagent.studio.service.provider.openai;

import dev.localagent.studio.service.provider.wire.ReplyAccumulator;
import dev.localagent.studio.service.provider.wire.SseStreamDecoder;
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
 * Client-side cost of reading a 1,000-token OpenAI stream (1,000 content chunks of the real shape,
 * the finish chunk, the usage chunk, [DONE]) fed in 8 KiB reads as the network code does.
 * Frames per second = 1,003 frames / the time per stream. {@code parseThousandTokenStreamGenericReader}
 * is the same decoder with its fast path ({@code OpenAiChunkScanner}) off: the before/after pair.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OpenAiStreamParserBenchmark {

    static final int TOKENS = 1_000;
    private byte[] stream;

    @Setup
    public void build() {
        String head = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,\"model\":\"gpt-4o-mini\","
                + "\"system_fingerprint\":\"fp_1\",";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < TOKENS; i++) {
            s.append("data: ").append(head).append("\"choices\":[{\"index\":0,\"delta\":{\"content\":\" tok").append(i % 97)
                    .append("\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"Xq3\"}\n\n");
        }
        s.append("data: ").append(head).append("\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}\n\n");
        s.append("data: ").append(head).append("\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":1000,\"total_tokens\":1012}}\n\n");
        s.append("data: [DONE]\n\n");
        stream = s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The stream's bytes, for a baseline measured on the same input. */
    public byte[] streamBytes() {
        return stream.clone();
    }

    @Benchmark
    public String parseThousandTokenStream() {
        return parse(true);
    }

    /** Baseline in the same run: every frame read by the generic Jackson reader, as before the fast path. */
    @Benchmark
    public String parseThousandTokenStreamGenericReader() {
        return parse(false);
    }

    private String parse(boolean fastPath) {
        ReplyAccumulator reply = ReplyAccumulator.quiet();
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(new StreamErrors("bench", null), reply, SseStreamDecoder.DEFAULT_MAX_FRAME,
                fastPath);
        for (int at = 0; at < stream.length; at += 8192) {
            decoder.feed(stream, at, Math.min(8192, stream.length - at));
        }
        decoder.finish();
        return reply.textSoFar();
    }
}
