package dev.localagent.studio.service.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.model.ClientTimings;
import dev.localagent.studio.service.provider.wire.ErrorFields;
import dev.localagent.studio.service.provider.wire.ReplyAccumulator;
import dev.localagent.studio.service.provider.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * A whole (non-streamed) reply is read straight from its bytes when it is a plain completion, and
 * through the tree otherwise. The direct read must never accept a body the tree path would have
 * turned into an error, and must read every body it accepts exactly as the tree path does.
 */
class WholeReplyDirectReadTest {

    private static final ClientTimings TIMINGS = new ClientTimings(1, 1, new long[0], 2);

    @Property(tries = 2_000)
    void theDirectReadAgreesWithTheTreeOrStepsAside(@ForAll long seed) {
        byte[] body = body(new Random(seed));
        String context = "body " + new String(body, StandardCharsets.UTF_8) + "\n hex " + HexFormat.of().formatHex(body);

        OpenAiWire.Completion direct = OpenAiProvider.plainReply(body);
        TreeOutcome tree = throughTheTree(body);
        if (direct == null) {
            return; // the tree path reads it, as before
        }
        assertThat(tree.failure()).as(context).isNull();
        assertThat(direct).as(context).isEqualTo(throughTheRecords(body));
        ReplyAccumulator reply = ReplyAccumulator.quiet();
        OpenAiProvider.read(direct, reply);
        assertThat(reply.toResult("asked", TIMINGS)).as(context).isEqualTo(tree.result());
    }

    @Example
    void errorDocumentsAndOtherShapesAreLeftToTheTreePath() {
        assertThat(OpenAiProvider.plainReply(bytes("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"))).isNull();
        assertThat(OpenAiProvider.plainReply(bytes("{\"object\":\"error\",\"message\":\"bad temperature\",\"code\":400}"))).isNull();
        assertThat(OpenAiProvider.plainReply(bytes("[{\"choices\":[]}]"))).isNull();
        assertThat(OpenAiProvider.plainReply(bytes("{\"choices\":[{\"message\":{\"content\":\"cut"))).isNull();
        assertThat(OpenAiProvider.plainReply(bytes("{\"choices\":[],\"error\":{\"message\":\"both\"}}"))).isNull();
        assertThat(OpenAiProvider.plainReply(bytes("<html><title>502</title></html>"))).isNull();
    }

    @Example
    void aPlainCompletionIsReadDirectly() {
        OpenAiWire.Completion c = OpenAiProvider.plainReply(bytes("{\"id\":\"x\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi \\u00e9\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}"));
        assertThat(c).isNotNull();
        ReplyAccumulator reply = ReplyAccumulator.quiet();
        OpenAiProvider.read(c, reply);
        ChatResult result = reply.toResult("asked", TIMINGS);
        assertThat(result.text()).isEqualTo("Hi é");
        assertThat(result.model()).isEqualTo("m");
        assertThat(result.usage().completionTokens()).isEqualTo(2);
    }

    private record TreeOutcome(ChatResult result, Exception failure) {}

    /** What the general path makes of a body: the tree, its error check, then the records. */
    private static TreeOutcome throughTheTree(byte[] body) {
        try {
            JsonNode node = WireJson.tree(new String(body, StandardCharsets.UTF_8));
            if (node == null || node.isMissingNode()) {
                return new TreeOutcome(null, new IllegalStateException("empty"));
            }
            if ((node.isObject() || node.isArray()) && ErrorFields.from(node) != null) {
                return new TreeOutcome(null, new IllegalStateException("error document"));
            }
            ReplyAccumulator reply = ReplyAccumulator.quiet();
            OpenAiProvider.read(OpenAiProvider.COMPLETION.readValue(node), reply);
            return new TreeOutcome(reply.toResult("asked", TIMINGS), null);
        } catch (Exception e) {
            return new TreeOutcome(null, e);
        }
    }

    private static OpenAiWire.Completion throughTheRecords(byte[] body) {
        try {
            return OpenAiProvider.COMPLETION.readValue(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("the records could not read a body the direct reader accepted", e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final String[] TEXTS = {"Hello", "", "line\\nbreak", "quote \\\" and \\\\", "caf\u00e9 \u4e2d\u6587 \ud83d\ude00",
        "\\u00e9\\ud83d\\ude00", "tab\\t", "<b>html</b>"};
    /** Fields that repeat, change type or nest where the records expect something plain. */
    private static final String[] ODD = {",\"model\":\"again\"", ",\"model\":7", ",\"usage\":{\"prompt_tokens\":\"12\"}",
        ",\"usage\":{\"prompt_tokens\":1.5}", ",\"usage\":{\"completion_tokens\":99999999999}",
        ",\"usage\":{\"prompt_tokens_details\":{\"cached_tokens\":null,\"audio_tokens\":0},\"completion_tokens_details\":null}",
        ",\"usage\":{\"prompt_tokens_details\":[1]}", ",\"usage\":[]", ",\"choices\":[{\"delta\":{\"content\":\"d\"}}]",
        ",\"choices\":[{\"index\":\"0\",\"message\":{\"content\":\"x\"}}]", ",\"choices\":[{\"message\":{\"content\":[{\"type\":\"text\"}]}}]",
        ",\"choices\":[{\"message\":{\"content\":\"a\",\"content\":\"b\"}}]", ",\"choices\":[{\"message\":{\"role\":null,\"refusal\":null,\"content\":null}}]",
        ",\"choices\":[7]", ",\"object\":\"error\"", ",\"extra\":{\"error\":1}", ",\"choices\":[{\"finish_reason\":{}}]"};
    private static final String[] FINISH = {"\"stop\"", "\"length\"", "\"content_filter\"", "null", "\"tool_calls\"", "\"odd\""};

    /** A near-real completion, an error document, an odd shape, or one of those damaged. */
    private static byte[] body(Random r) {
        String text = TEXTS[r.nextInt(TEXTS.length)];
        String usage = switch (r.nextInt(4)) {
            case 0 -> "";
            case 1 -> ",\"usage\":null";
            case 2 -> ",\"usage\":{\"prompt_tokens\":" + r.nextInt(5000) + ",\"completion_tokens\":" + r.nextInt(900) + ",\"total_tokens\":1}";
            default -> ",\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7,\"prompt_tokens_details\":{\"cached_tokens\":"
                    + r.nextInt(12) + "},\"completion_tokens_details\":{\"reasoning_tokens\":3}}";
        };
        String choice = "{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":"
                + FINISH[r.nextInt(FINISH.length)] + (r.nextBoolean() ? ",\"logprobs\":null" : "") + "}";
        String choices = switch (r.nextInt(6)) {
            case 0 -> "[]";
            case 1 -> "[" + choice + "," + choice + "]";
            case 2 -> "[{\"index\":0,\"message\":null,\"finish_reason\":\"stop\"}]";
            default -> "[" + choice + "]";
        };
        String completion = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,"
                + (r.nextBoolean() ? "\"model\":\"gpt-4o-mini\"," : "") + "\"choices\":" + choices + usage
                + (r.nextInt(5) == 0 ? ",\"system_fingerprint\":\"fp\",\"extra\":{\"a\":[1,2,{}]}" : "") + "}";
        String body = switch (r.nextInt(10)) {
            case 0 -> "{\"error\":{\"message\":\"The server is overloaded\",\"type\":\"server_error\",\"code\":null}}";
            case 1 -> "{\"object\":\"error\",\"message\":\"bad\",\"type\":\"BadRequestError\",\"code\":400}";
            case 2 -> "[" + completion + "]";
            case 3 -> "{\"model\":\"m\",\"choices\":null}";
            case 4 -> completion.substring(0, completion.length() - 1) + ",\"error\":" + (r.nextBoolean() ? "null" : "{\"message\":\"x\"}") + "}";
            case 5 -> completion.substring(0, completion.length() - 1) + ODD[r.nextInt(ODD.length)] + "}";
            default -> completion;
        };
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return switch (r.nextInt(8)) {
            case 0 -> java.util.Arrays.copyOf(bytes, r.nextInt(bytes.length + 1)); // cut short
            case 1 -> { // one byte damaged, possibly into invalid UTF-8
                byte[] damaged = bytes.clone();
                damaged[r.nextInt(damaged.length)] = (byte) r.nextInt(256);
                yield damaged;
            }
            case 2 -> (body + (r.nextBoolean() ? " " : " trailing")).getBytes(StandardCharsets.UTF_8);
            default -> bytes;
        };
    }
}
