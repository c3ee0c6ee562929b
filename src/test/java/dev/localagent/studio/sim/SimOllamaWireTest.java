package dev.localagent.studio.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Ollama persona on the wire, as PROTOCOLS.md §1 describes the native API. */
class SimOllamaWireTest {

    static SimHarness sim;
    static MutableClock clock = new MutableClock();

    @BeforeAll
    static void start() throws Exception {
        sim = new SimHarness(SimHarness.instantOptions().clock(clock).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void rootVersionAndTagsAnswerLikeOllama() throws Exception {
        HttpResponse<String> root = sim.get("/");
        assertThat(root.body()).isEqualTo("Ollama is running");
        assertThat(root.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain");
        assertThat(SimHarness.json(sim.get("/api/version").body()).get("version").asText()).matches("0\\.\\d+\\.\\d+");
        JsonNode tags = SimHarness.json(sim.get("/api/tags").body());
        JsonNode llama = tags.get("models").get(0);
        assertThat(llama.get("name").asText()).isEqualTo("llama3.2:latest");
        assertThat(llama.get("digest").asText()).hasSize(64);
        assertThat(llama.get("details").get("family").asText()).isEqualTo("llama");
        assertThat(llama.get("details").get("parameter_size").asText()).isEqualTo("3.2B");
        assertThat(llama.get("modified_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");
    }

    @Test
    void streamsNdjsonByDefaultEndingInAFinalObjectWhoseDurationsAddUp() throws Exception {
        byte[] raw = sim.raw("/api/chat", "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"why is the sky blue\"}],"
                + "\"options\":{\"num_predict\":6}}");
        SimHarness.Dechunked d = SimHarness.dechunk(raw);
        assertThat(d.head()).containsIgnoringCase("content-type: application/x-ndjson");
        assertThat(d.complete()).isTrue();
        assertThat(d.body()).endsWith("}\n");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : d.body().split("\n")) {
            lines.add(SimHarness.json(line));
        }
        assertThat(lines).hasSize(7);
        assertThat(lines.subList(0, 6)).allSatisfy(l -> {
            assertThat(l.get("done").asBoolean()).isFalse();
            assertThat(l.get("model").asText()).isEqualTo("llama3.2");
            assertThat(l.get("message").get("role").asText()).isEqualTo("assistant");
        });
        JsonNode last = lines.get(6);
        assertThat(last.get("done").asBoolean()).isTrue();
        assertThat(last.get("done_reason").asText()).isEqualTo("length");
        assertThat(last.get("message").get("content").asText()).isEmpty();
        assertThat(last.get("eval_count").asInt()).isEqualTo(6);
        assertThat(last.get("prompt_eval_count").asInt()).isEqualTo(1 + 5 + SimTokenizer.count("why is the sky blue") + 4);
        long total = last.get("total_duration").asLong();
        long parts = last.path("load_duration").asLong() + last.path("prompt_eval_duration").asLong() + last.get("eval_duration").asLong();
        assertThat(total).isGreaterThanOrEqualTo(parts).isPositive();
        for (String field : List.of("total_duration", "load_duration", "prompt_eval_duration", "eval_duration", "prompt_eval_count", "eval_count")) {
            if (last.has(field)) {
                assertThat(last.get(field).asLong()).as(field + " is sent only when not zero").isPositive();
            }
        }
    }

    @Test
    void streamFalseGivesOneJsonBodyWithTheWholeText() throws Exception {
        HttpResponse<String> r = sim.post("/api/chat", "{\"model\":\"llama3.2:latest\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        JsonNode body = SimHarness.json(r.body());
        assertThat(body.get("done").asBoolean()).isTrue();
        assertThat(body.get("done_reason").asText()).isEqualTo("stop");
        assertThat(SimTokenizer.count(body.get("message").get("content").asText())).isEqualTo(body.get("eval_count").asInt());
    }

    @Test
    void generateAnswersInResponseAndCarriesContext() throws Exception {
        JsonNode body = SimHarness.json(sim.post("/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"hello\",\"stream\":false}").body());
        assertThat(body.get("response").asText()).isNotEmpty();
        assertThat(body.has("message")).isFalse();
        assertThat(body.get("context").isArray()).isTrue();
    }

    @Test
    void anEmptyConversationOnlyLoadsTheModelAndPsShowsItUntilKeepAliveEnds() throws Exception {
        JsonNode load = SimHarness.json(sim.post("/api/chat", "{\"model\":\"gemma3:4b\",\"messages\":[],\"keep_alive\":\"1m\"}").body());
        assertThat(load.get("done_reason").asText()).isEqualTo("load");
        JsonNode ps = SimHarness.json(sim.get("/api/ps").body());
        assertThat(ps.get("models").findValuesAsText("name")).contains("gemma3:4b");
        assertThat(ps.get("models").get(0).has("expires_at")).isTrue();
        clock.advance(Duration.ofMinutes(2));
        assertThat(SimHarness.json(sim.get("/api/ps").body()).get("models").findValuesAsText("name")).doesNotContain("gemma3:4b");
        JsonNode unload = SimHarness.json(sim.post("/api/generate", "{\"model\":\"gemma3:4b\",\"keep_alive\":0}").body());
        assertThat(unload.get("done_reason").asText()).isEqualTo("unload");
    }

    @Test
    void showGivesTheCardWithContextLengthUnderTheArchitecture() throws Exception {
        JsonNode show = SimHarness.json(sim.post("/api/show", "{\"model\":\"llama3.2\"}").body());
        assertThat(show.get("model_info").get("general.architecture").asText()).isEqualTo("llama");
        assertThat(show.get("model_info").get("llama.context_length").asInt()).isEqualTo(131072);
        assertThat(show.get("capabilities").findValuesAsText("")).isEmpty();
        assertThat(show.get("capabilities").toString()).contains("completion");
        assertThat(SimHarness.json(sim.post("/api/show", "{\"name\":\"llama3.2\"}").body()).has("template")).isTrue();
    }

    @Test
    void errorsAreAStringUnderErrorWithOllamasStatuses() throws Exception {
        assertError(sim.post("/api/chat", ""), 400, "missing request body");
        assertError(sim.post("/api/chat", "{nope"), 400, "invalid character 'n' looking for beginning of object key string");
        assertError(sim.post("/api/chat", "nope"), 400, "invalid character 'n' looking for beginning of value");
        assertError(sim.post("/api/chat", "{\"model\":"), 400, "unexpected EOF");
        assertError(sim.post("/api/chat", "{\"messages\":[]}"), 400, "model is required");
        assertError(sim.post("/api/chat", "{\"model\":\"nope\",\"messages\":[]}"), 404, "model 'nope' not found");
        assertError(sim.post("/api/show", "{\"model\":\"nope\"}"), 404, "model 'nope' not found");
        assertError(sim.post("/api/chat", "{\"model\":7}"), 400, "json: cannot unmarshal number into Go struct field ChatRequest.model of type string");
        HttpResponse<String> unknown = sim.get("/api/nothing");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("404 page not found");
    }

    static void assertError(HttpResponse<String> r, int status, String message) throws Exception {
        assertThat(r.statusCode()).isEqualTo(status);
        JsonNode error = SimHarness.json(r.body()).get("error");
        assertThat(error.isTextual()).isTrue();
        assertThat(error.asText()).isEqualTo(message);
    }

    @Test
    void theLastStreamFrameBuiltInPlaceIsByteForByteWhatJacksonWrites() {
        SimOptions options = SimHarness.instantOptions().clock(clock).build();
        OllamaPersona persona = new OllamaPersona(options, new FaultController(options.faults(), clock, new SimStats()), new SimStats());
        StreamTimes[] times = {new StreamTimes(0, 0, 0, 1), new StreamTimes(100, 2_500, 1_000_000, 987_654_321_000L)};
        for (String model : new String[] {"llama3.2", "qwen2.5:7b", "odd \"name\" \u00e9\u4e2d\n"}) {
            for (boolean chat : new boolean[] {true, false}) {
                for (int promptTokens : new int[] {0, 7, 90}) {
                    for (Reply reply : new Reply[] {Reply.of("", 10, 0), Reply.of("one two three four", 2, 0), Reply.of("one two three", 100, 0)}) {
                        for (StreamTimes t : times) {
                            OllamaPersona.Renderer script = persona.new Renderer(model, chat, promptTokens);
                            FrameBuffer built = new FrameBuffer();
                            script.finish(reply, t, built);
                            String expected = new String(script.finish(reply, t), java.nio.charset.StandardCharsets.UTF_8);
                            assertThat(new String(built.array(), 0, built.length(), java.nio.charset.StandardCharsets.UTF_8))
                                    .as("model %s chat %s prompt %d reply %d tokens (cut %s) times %s", model, chat, promptTokens,
                                            reply.completionTokens(), reply.cut(), t)
                                    .isEqualTo(expected);
                        }
                    }
                }
            }
        }
    }
}
