package dev.localagent.studio.service.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.ClientTimings;
import dev.localagent.studio.service.provider.wire.ReplyAccumulator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Which frames the fast path takes and what it reads from them. The equivalence property shows it
 * agrees with the generic reader; these show it is actually used for the frames that matter.
 */
class OpenAiChunkScannerTest {

    private static final String HEAD = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
            + "\"model\":\"gpt-4o-mini\",\"system_fingerprint\":\"fp_1\",";

    private static boolean scans(String frame) {
        byte[] bytes = ("xx" + frame + "yy").getBytes(StandardCharsets.UTF_8);
        return new OpenAiChunkScanner().scan(bytes, 2, bytes.length - 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" tok5\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"Xq3\"}",
        HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
        HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo \\u00e9t\\u00e9 \u6771\\n\\\"q\\\"\"},\"logprobs\":null,\"finish_reason\":null}]}",
        HEAD + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}",
        " {\"choices\" : [ { \"delta\" : { \"content\" : \"spaced\" } } ] }\n",
        "{}",
        HEAD + "\"choices\":[]}"
    })
    void takesPlainTokenChunks(String frame) {
        assertThat(scans(frame)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        HEAD + "\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}",
        "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}},{\"index\":1,\"delta\":{\"content\":\"b\"}}]}",
        "{\"choices\":[{\"delta\":{\"cont\\u0065nt\":\"escaped name\"}}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"a\"}}]} trailing",
        "{\"choices\":[{\"delta\":{\"content\":\"bad \\x escape\"}}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"raw \u0001 control\"}}]}",
        "{\"choices\":[{\"index\":01}]}",
        "{\"choices\":[1]}",
        "{\"model\":{\"name\":\"x\"}}",
        "{\"choices\":[{\"delta\":{\"content\":\"cut",
        "[]",
        ""
    })
    void leavesEverythingElseToTheGenericReader(String frame) {
        assertThat(scans(frame)).isFalse();
    }

    @Test
    void refusesMalformedUtf8ThatJavaWouldQuietlyReplace() {
        byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE6, (byte) 0x9D},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}};
        for (byte[] b : bad) {
            byte[] head = "{\"choices\":[{\"delta\":{\"content\":\"".getBytes(StandardCharsets.UTF_8);
            byte[] tail = "\"}}]}".getBytes(StandardCharsets.UTF_8);
            byte[] frame = new byte[head.length + b.length + tail.length];
            System.arraycopy(head, 0, frame, 0, head.length);
            System.arraycopy(b, 0, frame, head.length, b.length);
            System.arraycopy(tail, 0, frame, head.length + b.length, tail.length);
            assertThat(new OpenAiChunkScanner().scan(frame, 0, frame.length)).as("bytes %s", java.util.HexFormat.of().formatHex(b)).isFalse();
        }
    }

    @Test
    void readsTextFinishReasonAndModelFromAcceptedFrames() {
        List<String> pieces = new ArrayList<>();
        ReplyAccumulator reply = new ReplyAccumulator(pieces::add, () -> {});
        OpenAiChunkScanner scanner = new OpenAiChunkScanner();
        for (String frame : List.of(
                HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"caf\\u00e9 \\ud83d\\ude00 \u6771\\t\"},\"finish_reason\":null}]}",
                HEAD + "\"choices\":[{\"index\":1,\"delta\":{\"content\":\"other choice\"},\"finish_reason\":\"length\"}]}",
                HEAD + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}")) {
            byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
            assertThat(scanner.scan(bytes, 0, bytes.length)).isTrue();
            scanner.applyTo(bytes, reply);
        }
        assertThat(pieces).containsExactly("café 😀 東\t");
        assertThat(reply.toResult("asked", ClientTimings.NONE).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(reply.toResult("asked", ClientTimings.NONE).model()).isEqualTo("gpt-4o-mini");
    }
}
