package dev.localagent.studio.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a client sends to a chat endpoint, it gets an answer: a success, or an error that is
 * well-formed in that persona's own error format. The server never crashes or answers 500.
 */
class SimGarbageRequestPropertyTest {

    static SimHarness sim;

    @BeforeContainer
    static void start() throws Exception {
        sim = SimHarness.instant();
    }

    @AfterContainer
    static void stop() {
        sim.close();
    }

    record Endpoint(String path, String persona) {}

    @Provide
    Arbitrary<Endpoint> endpoints() {
        return Arbitraries.of(new Endpoint("/v1/chat/completions", "openai"), new Endpoint("/api/chat", "ollama"),
                new Endpoint("/api/generate", "ollama"), new Endpoint("/api/show", "ollama"),
                new Endpoint("/v1beta/models/gemini-2.5-flash:generateContent", "gemini"),
                new Endpoint("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", "gemini"),
                new Endpoint("/v1beta/models/gemini-2.5-flash:countTokens", "gemini"), new Endpoint("/chat/completions", "perplexity"));
    }

    /** Mostly-JSON garbage: random values under the keys each provider reads, plus raw noise. */
    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> scalar = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12).map(SimJsonQuote::of),
                Arbitraries.integers().between(-5, 100_000).map(String::valueOf), Arbitraries.of("true", "false", "null", "[]", "{}", "[1,\"a\"]", "1.5e3"));
        Arbitrary<String> key = Arbitraries.of("model", "messages", "stream", "max_tokens", "options", "contents", "prompt", "generationConfig",
                "stream_options", "keep_alive", "name", "seed", "max_completion_tokens", "systemInstruction", "x");
        Arbitrary<String> message = Combinators.combine(Arbitraries.of("user", "assistant", "system", "model", "wizard", ""), scalar)
                .as((role, content) -> "{\"role\":\"" + role + "\",\"content\":" + content + ",\"parts\":[{\"text\":" + content + "}]}");
        Arbitrary<String> value = Arbitraries.oneOf(scalar, message.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
                Arbitraries.of("\"gpt-4o-mini\"", "\"llama3.2\"", "\"sonar\"", "{\"num_predict\":\"x\"}", "{\"maxOutputTokens\":-1}"));
        Arbitrary<String> object = Combinators.combine(key, value).as((k, v) -> "\"" + k + "\":" + v).list().ofMaxSize(5)
                .map(fields -> "{" + String.join(",", fields) + "}");
        Arbitrary<String> noise = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<String> truncated = object.map(s -> s.substring(0, s.length() / 2));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, object), net.jqwik.api.Tuple.of(2, noise), net.jqwik.api.Tuple.of(2, truncated));
    }

    @Property(tries = 300)
    void everyRequestGetsAWellFormedAnswerInThePersonasFormat(@ForAll("endpoints") Endpoint endpoint, @ForAll("bodies") String body) throws Exception {
        HttpResponse<String> r = sim.post(endpoint.path(), body);
        int status = r.statusCode();
        assertThat(status).as(body).isIn(200, 400, 404, 413);
        if (status == 200) {
            return;
        }
        JsonNode error = SimHarness.json(r.body()).get("error");
        assertThat(error).as(r.body()).isNotNull();
        switch (endpoint.persona()) {
            case "ollama" -> assertThat(error.isTextual()).as(r.body()).isTrue();
            case "openai" -> {
                assertThat(error.get("message").isTextual()).isTrue();
                assertThat(error.has("type") && error.has("param") && error.has("code")).as(r.body()).isTrue();
            }
            case "gemini" -> {
                assertThat(error.get("code").asInt()).isEqualTo(status);
                assertThat(error.get("status").isTextual()).isTrue();
            }
            default -> {
                assertThat(error.get("code").isInt()).isTrue();
                assertThat(error.get("message").isTextual()).isTrue();
            }
        }
    }

    @Property(tries = 200)
    void frameTextQuotesStringsExactlyAsJacksonDoes(@ForAll String text) throws Exception {
        assertThat(FrameText.quote(new StringBuilder(), text).toString()).isEqualTo(SimHarness.JSON.writeValueAsString(text));
    }

    @Property(tries = 200)
    void frameBytesAreTheUtf8OfTheirText(@ForAll String text) {
        StringBuilder frame = FrameText.quote(new StringBuilder("{\"t\":"), text).append("}\n");
        assertThat(FrameText.utf8(frame)).isEqualTo(frame.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void frameBufferQuotesAnyPartOfAStringAsFrameTextDoes(@ForAll String text, @ForAll @IntRange(max = 40) int cut) {
        int from = Math.min(cut, text.length());
        int to = Math.max(from, text.length() - cut / 2);
        FrameBuffer buffer = new FrameBuffer().text("{\"t\":").quoted(text, from, to).text("}\n");
        byte[] expected = FrameText.utf8(FrameText.quote(new StringBuilder("{\"t\":"), text.substring(from, to)).append("}\n"));
        assertThat(java.util.Arrays.copyOf(buffer.array(), buffer.length())).isEqualTo(expected);
    }

    @Property(tries = 300)
    void frameBufferWritesTimesAsFrameTextDoes(@ForAll @LongRange(min = 0, max = 8_000_000_000L) long second,
            @ForAll @IntRange(max = 999_999_999) int nano) {
        java.time.Instant t = java.time.Instant.ofEpochSecond(second, nano);
        FrameBuffer buffer = new FrameBuffer().rfc3339Nano(t);
        assertThat(new String(buffer.array(), 0, buffer.length(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(FrameText.rfc3339Nano(new StringBuilder(), t).toString())
                .isEqualTo(OllamaModels.rfc3339Nano(t));
    }

    @Property(tries = 200)
    void theTokenizerLosesNothingAndCountsWhatItSplits(@ForAll String text) {
        assertThat(String.join("", SimTokenizer.split(text))).isEqualTo(text);
        assertThat(SimTokenizer.count(text)).isEqualTo(SimTokenizer.split(text).size());
        assertThat(SimTokenizer.ends(text, Integer.MAX_VALUE)).hasSize(SimTokenizer.count(text));
    }
}
