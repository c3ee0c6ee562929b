package dev.localagent.studio.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAI persona on the wire, as PROTOCOLS.md §2 describes the real API. */
class SimOpenAiWireTest {

    static SimHarness sim;
    static final String CHAT = "/v1/chat/completions";

    @BeforeAll
    static void start() throws Exception {
        sim = SimHarness.instant();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void wholeReplyHasTheChatCompletionShapeAndConsistentUsage() throws Exception {
        HttpResponse<String> r = sim.post(CHAT, "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"Explain circuit breakers\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(r.headers().firstValue("openai-version")).hasValue("2020-10-01");
        assertThat(r.headers().firstValue("x-request-id").orElseThrow()).startsWith("req_");
        JsonNode body = SimHarness.json(r.body());
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.get("id").asText()).startsWith("chatcmpl-");
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini-2024-07-18");
        JsonNode choice = body.get("choices").get(0);
        assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
        assertThat(choice.get("message").get("role").asText()).isEqualTo("assistant");
        assertThat(choice.get("message").has("refusal")).isTrue();
        assertThat(choice.get("message").get("refusal").isNull()).isTrue();
        String content = choice.get("message").get("content").asText();
        JsonNode usage = body.get("usage");
        assertThat(usage.get("completion_tokens").asInt()).isEqualTo(SimTokenizer.count(content));
        // cookbook: 3 per message + role + content tokens, + 3 for the reply primer
        int expectedPrompt = 3 + (3 + 1 + SimTokenizer.count("Be brief.")) + (3 + 1 + SimTokenizer.count("Explain circuit breakers"));
        assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(expectedPrompt);
        assertThat(usage.get("total_tokens").asInt()).isEqualTo(expectedPrompt + usage.get("completion_tokens").asInt());
        assertThat(usage.get("completion_tokens_details").get("reasoning_tokens").asInt()).isZero();
    }

    @Test
    void streamFramesAreSseWithConstantIdRoleFirstEmptyFinishDeltaThenDone() throws Exception {
        byte[] raw = sim.raw(CHAT, "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        SimHarness.Dechunked d = SimHarness.dechunk(raw);
        assertThat(d.head()).startsWith("HTTP/1.1 200").containsIgnoringCase("content-type: text/event-stream");
        assertThat(d.complete()).isTrue();
        assertThat(d.body()).endsWith("\n\ndata: [DONE]\n\n");
        List<JsonNode> chunks = new ArrayList<>();
        for (String event : d.body().split("\n\n")) {
            assertThat(event).startsWith("data: ");
            if (!event.equals("data: [DONE]")) {
                chunks.add(SimHarness.json(event.substring(6)));
            }
        }
        assertThat(chunks).hasSize(1 + 5 + 1);
        assertThat(chunks).extracting(c -> c.get("id").asText()).containsOnly(chunks.get(0).get("id").asText());
        assertThat(chunks).extracting(c -> c.get("created").asLong()).containsOnly(chunks.get(0).get("created").asLong());
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(c.get("usage").isNull()).isTrue();
        });
        assertThat(chunks.get(0).get("choices").get(0).get("delta").get("role").asText()).isEqualTo("assistant");
        assertThat(chunks.subList(1, 6)).allSatisfy(c -> assertThat(c.get("choices").get(0).get("delta").has("role")).isFalse());
        JsonNode finish = chunks.get(6).get("choices").get(0);
        assertThat(finish.get("delta").isEmpty()).isTrue();
        assertThat(finish.get("finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void usageChunkWithEmptyChoicesComesOnlyWhenAskedFor() throws Exception {
        String body = SimHarness.dechunk(sim.raw(CHAT, "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"max_completion_tokens\":3,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).body();
        String[] events = body.split("\n\n");
        assertThat(events[events.length - 1]).isEqualTo("data: [DONE]");
        JsonNode usageChunk = SimHarness.json(events[events.length - 2].substring(6));
        assertThat(usageChunk.get("choices").isEmpty()).isTrue();
        assertThat(usageChunk.get("usage").get("completion_tokens").asInt()).isEqualTo(3);
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < events.length - 3; i++) {
            text.append(SimHarness.json(events[i].substring(6)).get("choices").get(0).get("delta").get("content").asText());
        }
        assertThat(SimTokenizer.count(text.toString())).isEqualTo(3);
    }

    @Test
    void modelsAreListedAndLookedUpAndAnUnknownOneIs404ModelNotFound() throws Exception {
        JsonNode list = SimHarness.json(sim.get("/v1/models").body());
        assertThat(list.get("object").asText()).isEqualTo("list");
        assertThat(list.get("data").findValuesAsText("id")).contains("gpt-4o-mini", "gpt-4o", "o3");
        JsonNode one = SimHarness.json(sim.get("/v1/models/gpt-4o-mini").body());
        assertThat(one.get("object").asText()).isEqualTo("model");
        assertThat(one.get("owned_by").asText()).isEqualTo("system");
        HttpResponse<String> missing = sim.get("/v1/models/gpt-9");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(SimHarness.json(missing.body()).get("error").get("code").asText()).isEqualTo("model_not_found");
        HttpResponse<String> chat = sim.post(CHAT, "{\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(chat.statusCode()).isEqualTo(404);
        assertThat(SimHarness.json(chat.body()).get("error").get("message").asText()).isEqualTo("The model `gpt-9` does not exist or you do not have access to it.");
    }

    @Test
    void badRequestsGetOpenAiErrorObjectsWithAllFourKeys() throws Exception {
        assertError(sim.post(CHAT, "{not json"), 400, null, null);
        assertError(sim.post(CHAT, "{\"messages\":[]}"), 400, null, null);
        assertError(sim.post(CHAT, "{\"model\":\"gpt-4o-mini\"}"), 400, "messages", "missing_required_parameter");
        assertError(sim.post(CHAT, "{\"model\":\"gpt-4o-mini\",\"messages\":\"hi\"}"), 400, "messages", "invalid_type");
        assertError(sim.post(CHAT, "{\"model\":\"gpt-4o-mini\",\"messages\":[]}"), 400, "messages", "empty_array");
        assertError(sim.post(CHAT, "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}"), 400, "messages[0].role", "invalid_value");
        assertError(sim.post(CHAT, "{\"model\":42,\"messages\":[]}"), 400, "model", "invalid_type");
        assertError(sim.post(CHAT, "{\"model\":\"gpt-4o-mini\",\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"),
                400, "stream_options", null);
        assertError(sim.post("/v1/nothing", "{}"), 404, null, null);
    }

    @Test
    void reasoningModelsRejectMaxTokensButTakeMaxCompletionTokens() throws Exception {
        HttpResponse<String> old = sim.post(CHAT, "{\"model\":\"o3\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertError(old, 400, "max_tokens", "unsupported_parameter");
        assertThat(SimHarness.json(old.body()).get("error").get("message").asText())
                .isEqualTo("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.");
        HttpResponse<String> ok = sim.post(CHAT, "{\"model\":\"o3\",\"max_completion_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(SimHarness.json(ok.body()).get("usage").get("completion_tokens").asInt()).isEqualTo(10);
        HttpResponse<String> chat = sim.post(CHAT, "{\"model\":\"gpt-4o-mini\",\"max_tokens\":7,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(SimHarness.json(chat.body()).get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");
        assertError(sim.post(CHAT, "{\"model\":\"gpt-4o-mini\",\"max_tokens\":100000,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"),
                400, "max_tokens", "invalid_value");
        assertError(sim.post(CHAT, "{\"model\":\"gpt-4o-mini\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"),
                400, "max_tokens", "integer_below_min_value");
    }

    @Test
    void aKeyIsCheckedLikeOpenAiAndAWrongOneIsEchoedMasked() throws Exception {
        try (SimHarness keyed = new SimHarness(SimHarness.instantOptions().apiKey("sk-right-key-1234567890").build())) {
            HttpResponse<String> none = keyed.get("/v1/models");
            assertError(none, 401, null, null);
            assertThat(SimHarness.json(none.body()).get("error").get("message").asText()).startsWith("You didn't provide an API key.");
            HttpResponse<String> wrong = keyed.get("/v1/models", "Authorization", "Bearer sk-wrong-key-0987654321");
            assertError(wrong, 401, null, "invalid_api_key");
            assertThat(wrong.body()).doesNotContain("sk-wrong-key-0987654321").contains("sk-").contains("4321");
            assertThat(keyed.get("/v1/models", "Authorization", "Bearer sk-right-key-1234567890").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theApiKeyNeverReachesTheLog() throws Exception {
        String secret = "sk-never-log-this-" + System.nanoTime();
        try (SimHarness keyed = new SimHarness(SimHarness.instantOptions().apiKey(secret).build())) {
            assertThat(keyed.get("/v1/models", "Authorization", "Bearer " + secret).statusCode()).isEqualTo(200);
            assertThat(keyed.get("/v1/models", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        }
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("studio.log.dir", "target/test-logs"), "studio.log");
        assertThat(log).exists();
        assertThat(java.nio.file.Files.readString(log)).contains("apiKey=set").doesNotContain(secret);
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        try (SimHarness small = new SimHarness(SimHarness.instantOptions().maxBodyBytes(1000).build())) {
            HttpResponse<String> r = small.post(CHAT, "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(2000) + "\"}]}");
            assertError(r, 413, null, null);
        }
    }

    static void assertError(HttpResponse<String> r, int status, String param, String code) throws Exception {
        assertThat(r.statusCode()).isEqualTo(status);
        JsonNode error = SimHarness.json(r.body()).get("error");
        assertThat(error).isNotNull();
        assertThat(error.has("message") && error.has("type") && error.has("param") && error.has("code")).as(r.body()).isTrue();
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("param").isNull() ? null : error.get("param").asText()).isEqualTo(param);
        assertThat(error.get("code").isNull() ? null : error.get("code").asText()).isEqualTo(code);
    }
}
