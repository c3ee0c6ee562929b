package dev.localagent.studio.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Gemini persona on the wire, as PROTOCOLS.md §4 describes the Generative Language API. */
class SimGeminiWireTest {

    static SimHarness sim;
    static final String FLASH = "/v1beta/models/gemini-2.5-flash";
    static final String HELLO = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Tell me about rate limits\"}]}],"
            + "\"generationConfig\":{\"maxOutputTokens\":4,\"thinkingConfig\":{\"thinkingBudget\":0}}}";

    @BeforeAll
    static void start() throws Exception {
        sim = SimHarness.instant();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void generateContentGivesCandidatesUsageAndModelVersion() throws Exception {
        HttpResponse<String> r = sim.post(FLASH + ":generateContent", HELLO);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = SimHarness.json(r.body());
        JsonNode candidate = body.get("candidates").get(0);
        assertThat(candidate.get("content").get("role").asText()).isEqualTo("model");
        assertThat(candidate.get("finishReason").asText()).isEqualTo("MAX_TOKENS");
        JsonNode usage = body.get("usageMetadata");
        assertThat(usage.get("candidatesTokenCount").asInt()).isEqualTo(4);
        assertThat(usage.get("promptTokenCount").asInt()).isEqualTo(SimTokenizer.count("Tell me about rate limits"));
        assertThat(usage.get("totalTokenCount").asInt()).isEqualTo(usage.get("promptTokenCount").asInt() + 4);
        assertThat(body.get("modelVersion").asText()).isEqualTo("gemini-2.5-flash");
    }

    @Test
    void thinkingModelsCountThoughtsInTheTotal() throws Exception {
        JsonNode usage = SimHarness.json(sim.post(FLASH + ":generateContent",
                "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}").body()).get("usageMetadata");
        assertThat(usage.get("thoughtsTokenCount").asInt()).isPositive();
        assertThat(usage.get("totalTokenCount").asInt()).isEqualTo(usage.get("promptTokenCount").asInt()
                + usage.get("candidatesTokenCount").asInt() + usage.get("thoughtsTokenCount").asInt());
    }

    @Test
    void sseStreamUsesCrlfFramingNoTerminatorAndCumulativeUsage() throws Exception {
        SimHarness.Dechunked d = SimHarness.dechunk(sim.raw(FLASH + ":streamGenerateContent?alt=sse", HELLO));
        assertThat(d.head()).containsIgnoringCase("content-type: text/event-stream");
        assertThat(d.complete()).isTrue();
        assertThat(d.body()).doesNotContain("[DONE]").endsWith("}\r\n\r\n");
        List<JsonNode> events = new ArrayList<>();
        for (String event : d.body().split("\r\n\r\n")) {
            assertThat(event).startsWith("data: ");
            events.add(SimHarness.json(event.substring(6)));
        }
        assertThat(events).hasSize(5);
        for (int i = 0; i < 4; i++) {
            assertThat(events.get(i).get("usageMetadata").get("candidatesTokenCount").asInt()).isEqualTo(i + 1);
            assertThat(events.get(i).get("candidates").get(0).has("finishReason")).isFalse();
        }
        assertThat(events.get(4).get("candidates").get(0).get("finishReason").asText()).isEqualTo("MAX_TOKENS");
        assertThat(events.get(4).get("usageMetadata").get("candidatesTokenCount").asInt()).isEqualTo(4);
    }

    @Test
    void withoutAltSseTheStreamIsOneJsonArray() throws Exception {
        SimHarness.Dechunked d = SimHarness.dechunk(sim.raw(FLASH + ":streamGenerateContent", HELLO));
        assertThat(d.head()).containsIgnoringCase("content-type: application/json");
        JsonNode array = SimHarness.json(d.body());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(5);
        assertThat(d.body()).startsWith("[{").endsWith("}]");
    }

    @Test
    void countTokensAgreesWithPromptTokenCountInBothForms() throws Exception {
        String system = "{\"systemInstruction\":{\"parts\":[{\"text\":\"Be brief.\"}]},\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello there\"}]}]}";
        int counted = SimHarness.json(sim.post(FLASH + ":countTokens", "{\"generateContentRequest\":" + system + "}").body()).get("totalTokens").asInt();
        int prompt = SimHarness.json(sim.post(FLASH + ":generateContent", system).body()).get("usageMetadata").get("promptTokenCount").asInt();
        assertThat(counted).isEqualTo(prompt).isEqualTo(SimTokenizer.count("Be brief.") + SimTokenizer.count("hello there"));
        assertThat(SimHarness.json(sim.post(FLASH + ":countTokens", "{\"contents\":[{\"parts\":[{\"text\":\"hello there\"}]}]}").body())
                .get("totalTokens").asInt()).isEqualTo(SimTokenizer.count("hello there"));
    }

    @Test
    void modelsArePagedWithNextPageTokenAndPrefixedNames() throws Exception {
        List<String> names = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            JsonNode page = SimHarness.json(sim.get("/v1beta/models?pageSize=2" + (token.isEmpty() ? "" : "&pageToken=" + token)).body());
            page.get("models").forEach(m -> names.add(m.get("name").asText()));
            token = page.path("nextPageToken").asText("");
            pages++;
        } while (!token.isEmpty());
        assertThat(names).hasSize(ModelCatalogue.of(Persona.GEMINI).size()).contains("models/gemini-2.5-flash").allMatch(n -> n.startsWith("models/"));
        assertThat(pages).isEqualTo((names.size() + 1) / 2);
        assertThat(sim.get("/v1beta/models?pageToken=garbage").statusCode()).isEqualTo(400);
        JsonNode one = SimHarness.json(sim.get(FLASH).body());
        assertThat(one.get("inputTokenLimit").asInt()).isEqualTo(1048576);
        assertThat(one.get("supportedGenerationMethods").toString()).contains("generateContent", "countTokens");
    }

    @Test
    void keysComeByHeaderOrQueryAndABadKeyIs400ApiKeyInvalid() throws Exception {
        try (SimHarness keyed = new SimHarness(SimHarness.instantOptions().apiKey("AIza-right").build())) {
            assertThat(keyed.post(FLASH + ":generateContent", HELLO, "x-goog-api-key", "AIza-right").statusCode()).isEqualTo(200);
            assertThat(keyed.post(FLASH + ":generateContent?key=AIza-right", HELLO).statusCode()).isEqualTo(200);
            HttpResponse<String> bad = keyed.post(FLASH + ":generateContent?key=AIza-wrong", HELLO);
            JsonNode error = assertEnvelope(bad, 400, "INVALID_ARGUMENT");
            assertThat(error.get("details").get(0).get("reason").asText()).isEqualTo("API_KEY_INVALID");
            assertEnvelope(keyed.post(FLASH + ":generateContent", HELLO), 403, "PERMISSION_DENIED");
        }
    }

    @Test
    void badRequestsAndUnknownModelsGetGoogleRpcEnvelopes() throws Exception {
        assertEnvelope(sim.post(FLASH + ":generateContent", "{oops"), 400, "INVALID_ARGUMENT");
        assertEnvelope(sim.post(FLASH + ":generateContent", "{}"), 400, "INVALID_ARGUMENT");
        assertEnvelope(sim.post(FLASH + ":generateContent", "{\"contents\":\"hi\"}"), 400, "INVALID_ARGUMENT");
        JsonNode unknownField = assertEnvelope(sim.post(FLASH + ":generateContent", "{\"prompt\":\"hi\"}"), 400, "INVALID_ARGUMENT");
        assertThat(unknownField.get("message").asText()).contains("Unknown name \"prompt\"");
        assertEnvelope(sim.post(FLASH + ":generateContent", "{\"contents\":[{\"role\":\"bot\",\"parts\":[{\"text\":\"x\"}]}]}"), 400, "INVALID_ARGUMENT");
        JsonNode missing = assertEnvelope(sim.post("/v1beta/models/gemini-0:generateContent", HELLO), 404, "NOT_FOUND");
        assertThat(missing.get("message").asText()).startsWith("models/gemini-0 is not found for API version v1beta");
    }

    static JsonNode assertEnvelope(HttpResponse<String> r, int code, String status) throws Exception {
        assertThat(r.statusCode()).isEqualTo(code);
        JsonNode error = SimHarness.json(r.body()).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(code);
        assertThat(error.get("status").asText()).isEqualTo(status);
        assertThat(error.get("message").asText()).isNotBlank();
        return error;
    }
}
