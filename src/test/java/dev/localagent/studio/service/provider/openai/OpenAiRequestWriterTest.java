package dev.localagent.studio.service.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.model.ChatMessage;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.Role;
import dev.localagent.studio.service.provider.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The hand-written request body is byte for byte what the object mapper writes for the wire
 * record: same fields, same order, same numbers, same escapes, for random requests.
 */
class OpenAiRequestWriterTest {

    private static final String[] TEXTS = {"hi", "", "line\nbreak\ttab", "quote \" back \\ slash", "caf\u00e9 \u4e2d\u6587 \ud83d\ude00",
        "\u0000\u001f control", "</script>", "x".repeat(3000)};
    private static final double[] NUMBERS = {0, 0.7, 1, 1.0E-7, 2.0, 0.1 + 0.2, 1e21, 0.95};

    @Property(tries = 1_000)
    void theWriterAndTheMapperWriteTheSameBytes(@ForAll long seed) {
        Random r = new Random(seed);
        ChatRequest request = request(r);
        boolean streaming = r.nextBoolean();
        boolean official = r.nextBoolean();

        String expected = new String(WireJson.write(OpenAiMapping.request(request, streaming, official)), StandardCharsets.UTF_8);
        String written = new String(OpenAiRequestWriter.write(request, streaming, official), StandardCharsets.UTF_8);

        assertThat(written).isEqualTo(expected);
    }

    private static ChatRequest request(Random r) {
        List<ChatMessage> messages = new ArrayList<>();
        int n = 1 + r.nextInt(5);
        Role[] roles = {Role.USER, Role.ASSISTANT, Role.SYSTEM};
        for (int i = 0; i < n; i++) {
            messages.add(new ChatMessage(roles[r.nextInt(roles.length)], TEXTS[r.nextInt(TEXTS.length)]));
        }
        ChatRequest.Builder b = ChatRequest.builder(r.nextBoolean() ? "gpt-4o-mini" : "m\u00fcdel \"x\"").messages(messages);
        if (r.nextBoolean()) {
            b.systemPrompt(r.nextBoolean() ? "" : TEXTS[r.nextInt(TEXTS.length)]);
        }
        if (r.nextBoolean()) {
            b.temperature(NUMBERS[r.nextInt(NUMBERS.length)]);
        }
        if (r.nextBoolean()) {
            b.topP(NUMBERS[r.nextInt(NUMBERS.length)]);
        }
        if (r.nextBoolean()) {
            b.maxOutputTokens(r.nextInt(100_000));
        }
        if (r.nextBoolean()) {
            b.seed(r.nextBoolean() ? r.nextLong() : r.nextInt(100));
        }
        if (r.nextBoolean()) {
            b.stop(r.nextBoolean() ? List.of("\n\n") : List.of("END", "\u00e9"));
        }
        return b.build();
    }
}
