package dev.localagent.studio.service.provider.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.localagent.studio.service.provider.ProviderException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * The property every decoder keeps, whatever bytes arrive and however they are cut: it ends
 * quickly, with a result or a {@link ProviderException}, holding at most its frame bound.
 */
public final class DecoderProperties {

    /** Small, so the property reaches the bound often. */
    public static final int MAX_FRAME = 2048;

    private DecoderProperties() {}

    public static void endsQuicklyWithinTheBound(byte[] bytes, int chunk, BiFunction<StreamErrors, ReplyAccumulator, StreamDecoder> factory) {
        // Generous: the first try also loads Jackson and the DTO classes on a busy machine; a hang never ends.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            StreamDecoder decoder = factory.apply(new StreamErrors("prop", null), ReplyAccumulator.quiet());
            try {
                for (int at = 0; at < bytes.length; at += chunk) {
                    decoder.feed(bytes, at, Math.min(chunk, bytes.length - at));
                    assertThat(decoder.bufferedBytes()).isLessThanOrEqualTo(2 * MAX_FRAME);
                }
                decoder.finish();
            } catch (ProviderException expected) {
                assertThat(expected.getMessage()).startsWith("prop: ").doesNotContain("\n");
            }
        });
    }

    /** Streams built from the protocols' own pieces, so the decoders see near-valid input, not only noise. */
    public static Arbitrary<byte[]> protocolish(List<String> pieces) {
        return Arbitraries.of(pieces).list().ofMaxSize(300).map(list -> String.join("", list).getBytes(StandardCharsets.UTF_8));
    }

    public static final List<String> SSE_PIECES = List.of("data: ", "data:", "\n", "\r\n", "\r", "\n\n", ": ping\n", "event: error\n",
            "{", "}", "[", "]", "\"", ":", ",", "\"choices\":", "\"delta\":", "\"content\":\"x\"", "\"error\":", "\"message\":\"m\"",
            "[DONE]", "\"candidates\":", "\"parts\":", "\"text\":\"é\"", "\"finishReason\":\"STOP\"", "\"finish_reason\":\"stop\"",
            "\"usage\":", "null", "123", "\"code\":500", "x".repeat(700), "\u00ff", "\"status\":\"UNAVAILABLE\"");

    public static final List<String> NDJSON_PIECES = List.of("\n", "\r\n", "{", "}", "\"", ":", ",", "\"message\":", "\"content\":\"x\"",
            "\"done\":true", "\"done\":false", "\"error\":\"server busy\"", "\"done_reason\":\"stop\"", "\"eval_count\":5", "null", "[",
            "]", "x".repeat(700), "\u00e9");
}
