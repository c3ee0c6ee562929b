package dev.localagent.studio.service.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.service.provider.wire.SplitFeeding;
import dev.localagent.studio.service.provider.wire.SseStreamDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The fast path ({@link OpenAiChunkScanner}) must never change what a stream means: on random
 * streams of near-real, odd and damaged chunks, cut at random places, the decoder with the fast
 * path gives the same deltas, the same result, or the same error (class and message) as the
 * generic reader alone.
 */
class OpenAiFastPathEquivalenceTest {

    @Property(tries = 1_500)
    void fastPathAndGenericReaderAgreeOnRandomStreamsAndCuts(@ForAll long seed) {
        Random random = new Random(seed);
        byte[] stream = stream(random);
        int[] cuts = cuts(random, stream.length);

        SplitFeeding.Run generic = SplitFeeding.run("generic", stream, cuts,
                (errors, reply) -> new OpenAiStreamDecoder(errors, reply, SseStreamDecoder.DEFAULT_MAX_FRAME, false));
        SplitFeeding.Run fast = SplitFeeding.run("fast", stream, cuts,
                (errors, reply) -> new OpenAiStreamDecoder(errors, reply, SseStreamDecoder.DEFAULT_MAX_FRAME, true));

        String context = "stream " + HexFormat.of().formatHex(stream) + "\n as text: " + new String(stream, StandardCharsets.UTF_8);
        assertThat(fast.pieces()).as(context).isEqualTo(generic.pieces());
        assertThat(fast.result()).as(context).isEqualTo(generic.result());
        if (generic.failure() == null) {
            assertThat(fast.failure()).as(context).isNull();
        } else {
            assertThat(fast.failure()).as(context).isNotNull();
            assertThat(fast.failure().getClass()).as(context).isEqualTo(generic.failure().getClass());
            assertThat(fast.failure().getMessage()).as(context).isEqualTo(generic.failure().getMessage());
        }
    }

    private static int[] cuts(Random random, int length) {
        List<Integer> cuts = new ArrayList<>();
        int at = 0;
        while (true) {
            at += 1 + random.nextInt(random.nextBoolean() ? 16 : 600);
            if (at >= length) {
                break;
            }
            cuts.add(at);
        }
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Several SSE events, mostly plain token chunks, some odd, some damaged, usually ending in [DONE]. */
    static byte[] stream(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int events = 1 + random.nextInt(6);
        for (int i = 0; i < events; i++) {
            if (random.nextInt(10) == 0) {
                out.writeBytes(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
            }
            byte[] frame = frame(random);
            if (random.nextInt(6) == 0) {
                frame = damage(random, frame);
            }
            String newline = random.nextInt(5) == 0 ? "\r\n" : "\n";
            out.writeBytes(("data: ").getBytes(StandardCharsets.UTF_8));
            if (random.nextInt(6) == 0 && frame.length > 1) {
                // Multi-line data: the lines are joined with \n, which is JSON whitespace between tokens.
                int at = 1 + random.nextInt(frame.length - 1);
                out.write(frame, 0, at);
                out.writeBytes((newline + "data:" + (random.nextBoolean() ? " " : "")).getBytes(StandardCharsets.UTF_8));
                out.write(frame, at, frame.length - at);
            } else {
                out.writeBytes(frame);
            }
            out.writeBytes((newline + newline).getBytes(StandardCharsets.UTF_8));
        }
        if (random.nextInt(8) != 0) {
            out.writeBytes("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] damage(Random random, byte[] frame) {
        if (frame.length == 0) {
            return frame;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = random.nextInt(frame.length);
        switch (random.nextInt(4)) {
            case 0 -> { // flip a bit
                byte[] copy = frame.clone();
                copy[at] ^= (byte) (1 << random.nextInt(8));
                return copy;
            }
            case 1 -> { // drop a byte
                out.write(frame, 0, at);
                out.write(frame, at + 1, frame.length - at - 1);
            }
            case 2 -> { // insert an awkward byte
                byte[] awkward = {'"', '\\', '{', '}', '[', ']', ',', ':', '0', '-', 'e', (byte) 0xC3, (byte) 0xFF, 0x01, '\t', ' '};
                out.write(frame, 0, at);
                out.write(awkward[random.nextInt(awkward.length)]);
                out.write(frame, at, frame.length - at);
            }
            default -> { // cut short
                out.write(frame, 0, at);
            }
        }
        return out.toByteArray();
    }

    private static byte[] frame(Random random) {
        List<String> fields = new ArrayList<>();
        fields.add("\"id\":\"chatcmpl-" + random.nextInt(1000) + "\"");
        fields.add("\"object\":\"chat.completion.chunk\"");
        fields.add("\"created\":" + (1694268190 + random.nextInt(5)));
        fields.add("\"model\":" + pick(random, "\"gpt-4o-mini\"", "\"gpt-4o-mini\"", "\"gpt-4o\"", "null", "\"\"", "\"m\\u00e9\"", "7",
                "{\"a\":1}", "\"mod\u00e8le\""));
        if (random.nextBoolean()) {
            fields.add("\"system_fingerprint\":" + pick(random, "\"fp_1\"", "null"));
        }
        fields.add("\"choices\":" + choices(random));
        if (random.nextInt(3) > 0) {
            fields.add("\"usage\":" + pick(random, "null", "null", "null",
                    "{\"prompt_tokens\":12,\"completion_tokens\":" + random.nextInt(2000) + ",\"total_tokens\":15}", "3", "[]"));
        }
        if (random.nextInt(8) == 0) {
            fields.add("\"error\":" + pick(random, "null", "{\"message\":\"overloaded\",\"type\":\"server_error\",\"code\":500}", "\"boom\""));
        }
        if (random.nextInt(4) == 0) {
            fields.add("\"obfuscation\":\"" + text(random, false) + "\"");
        }
        if (random.nextInt(5) == 0) {
            fields.add("\"" + pick(random, "extra", "n\\u0061me", "choices", "x\u00e9") + "\":" + anyValue(random, 0));
        }
        if (random.nextInt(6) == 0) {
            java.util.Collections.shuffle(fields, random);
        }
        StringBuilder s = new StringBuilder();
        s.append(space(random)).append('{');
        for (int i = 0; i < fields.size(); i++) {
            s.append(i == 0 ? "" : ",").append(space(random)).append(fields.get(i)).append(space(random));
        }
        s.append('}').append(space(random));
        if (random.nextInt(20) == 0) {
            s.append(pick(random, "x", "{}", "]"));
        }
        byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
        return random.nextInt(15) == 0 ? withRawByte(random, bytes) : bytes;
    }

    /** Splices in bytes that are not well-formed UTF-8, or a raw control character. */
    private static byte[] withRawByte(Random random, byte[] bytes) {
        byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE6, (byte) 0x9D},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {0x01}, {(byte) 0x80}};
        int quote = -1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '"' && random.nextInt(4) == 0) {
                quote = i;
            }
        }
        int at = quote < 0 ? bytes.length / 2 : quote + 1;
        byte[] insert = bad[random.nextInt(bad.length)];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(insert);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    private static String choices(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> "[]";
            case 1 -> "null";
            case 2 -> "[" + choice(random) + "," + choice(random) + "]";
            case 3 -> pick(random, "[1]", "[null]", "{}", "\"x\"", "[[]]");
            default -> "[" + choice(random) + "]";
        };
    }

    private static String choice(Random random) {
        List<String> fields = new ArrayList<>();
        if (random.nextInt(10) > 0) {
            fields.add("\"index\":" + pick(random, "0", "0", "0", "0", "1", "-1", "0.0", "-0", "1e0", "\"0\"", "null", "9999999999", "{}",
                    "true"));
        }
        if (random.nextInt(10) > 0) {
            fields.add("\"delta\":" + delta(random));
        }
        if (random.nextBoolean()) {
            fields.add("\"logprobs\":" + pick(random, "null", "{\"content\":[{\"token\":\"a\",\"logprob\":-0.25,\"bytes\":[97]}]}"));
        }
        fields.add("\"finish_reason\":" + pick(random, "null", "null", "null", "\"stop\"", "\"length\"", "\"tool_calls\"", "\"weird\"",
                "3", "{}", "\"st\\u006fp\""));
        if (random.nextInt(8) == 0) {
            fields.add("\"delta\":" + delta(random)); // a duplicate: the last one wins in both readers
        }
        if (random.nextInt(6) == 0) {
            java.util.Collections.shuffle(fields, random);
        }
        return "{" + String.join("," + space(random), fields) + "}";
    }

    private static String delta(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> "{}";
            case 1 -> "null";
            case 2 -> "\"content\"";
            case 3 -> "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}";
            case 4 -> "{\"content\":null}";
            case 5 -> "{\"content\":\"" + text(random, true) + "\",\"content\":" + pick(random, "5", "null", "\"two\"") + "}";
            case 6 -> "{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}}]}";
            case 7 -> "{\"cont\\u0065nt\":\"escaped name\"}";
            default -> "{\"content\":\"" + text(random, true) + "\"}";
        };
    }

    /** Token text: plain words, JSON escapes, multi-byte characters, emoji and lone surrogates by escape. */
    private static String text(Random random, boolean rich) {
        String[] plain = {" tok", "en", " the", "Hello", " world", "!", "", " 42", "-", "_"};
        String[] fancy = {"\\n", "\\\"", "\\\\", "\\/", "\\t", "\\r", "\\b", "\\f", "\\u00e9", "\\u6771", "\\ud83d\\ude00", "\\ud800", "\\udc00x",
            "\u00e9", "\u6771", "\ud83d\ude00", "\\u00", "\\x", "\\"};
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            s.append(rich && random.nextInt(3) == 0 ? fancy[random.nextInt(fancy.length)] : plain[random.nextInt(plain.length)]);
        }
        return s.toString();
    }

    private static String anyValue(Random random, int depth) {
        if (depth > 3) {
            return "1";
        }
        return switch (random.nextInt(9)) {
            case 0 -> "{\"a\":" + anyValue(random, depth + 1) + ",\"b\":[" + anyValue(random, depth + 1) + "]}";
            case 1 -> "[" + anyValue(random, depth + 1) + "," + anyValue(random, depth + 1) + "]";
            case 2 -> pick(random, "true", "false", "null", "tru", "nul");
            case 3 -> pick(random, "0", "-1.5e+3", "1E9", "01", "-", "1.", ".5", "2e", "123456789012345678901234567890");
            case 4 -> "\"" + text(random, true) + "\"";
            case 5 -> "[]";
            case 6 -> "{}";
            default -> "\"s\"";
        };
    }

    private static String space(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> " ";
            case 1 -> "\t";
            case 2 -> "  ";
            default -> "";
        };
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }
}
