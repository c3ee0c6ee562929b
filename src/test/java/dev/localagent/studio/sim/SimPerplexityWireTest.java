package dev.localagent.studio.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Perplexity persona on the wire, as PROTOCOLS.md §5 describes Sonar chat completions. */
class SimPerplexityWireTest {

    static SimHarness sim;
    static final String ASK = "{\"model\":\"sonar\",\"messages\":[{\"role\":\"user\",\"content\":\"How many stars are in the galaxy\"}]}";

    @BeforeAll
    static void start() throws Exception {
        sim = SimHarness.instant();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void replyCarriesCitationsSearchResultsAndCostFromThePriceTable() throws Exception {
        JsonNode body = SimHarness.json(sim.post("/chat/completions", ASK).body());
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        String content = body.get("choices").get(0).get("message").get("content").asText();
        int citations = body.get("citations").size();
        assertThat(citations).isBetween(2, 5);
        assertThat(body.get("search_results")).hasSize(citations);
        assertThat(body.get("search_results").get(0).get("url").asText()).isEqualTo(body.get("citations").get(0).asText());
        content.lines().flatMap(l -> java.util.regex.Pattern.compile("\\[(\\d+)]").matcher(l).results())
                .forEach(m -> assertThat(Integer.parseInt(m.group(1))).isBetween(1, citations));
        JsonNode usage = body.get("usage");
        int prompt = usage.get("prompt_tokens").asInt();
        int completion = usage.get("completion_tokens").asInt();
        assertThat(completion).isEqualTo(SimTokenizer.count(content));
        JsonNode cost = usage.get("cost");
        // sonar: $1 per 1M tokens in and out, $5 per 1,000 requests at low search context
        assertThat(cost.get("input_tokens_cost").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(prompt).movePointLeft(6));
        assertThat(cost.get("output_tokens_cost").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(completion).movePointLeft(6));
        assertThat(cost.get("request_cost").decimalValue()).isEqualByComparingTo("0.005");
        assertThat(cost.get("total_cost").decimalValue()).isEqualByComparingTo(cost.get("input_tokens_cost").decimalValue()
                .add(cost.get("output_tokens_cost").decimalValue()).add(cost.get("request_cost").decimalValue()));
        assertThat(usage.get("search_context_size").asText()).isEqualTo("low");
    }

    @Test
    void streamEndsWithMetadataOnTheLastChunkThenDone() throws Exception {
        SimHarness.Dechunked d = SimHarness.dechunk(sim.raw("/chat/completions", ASK.replace("}]}", "}],\"stream\":true,\"max_tokens\":3}")));
        assertThat(d.head()).containsIgnoringCase("content-type: text/event-stream");
        String[] events = d.body().split("\n\n");
        assertThat(events[events.length - 1]).isEqualTo("data: [DONE]");
        assertThat(events).hasSize(3 + 1 + 1);
        JsonNode last = SimHarness.json(events[3].substring(6));
        assertThat(last.get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");
        assertThat(last.has("citations") && last.has("search_results") && last.has("usage")).isTrue();
        assertThat(SimHarness.json(events[0].substring(6)).get("choices").get(0).get("delta").get("role").asText()).isEqualTo("assistant");
    }

    @Test
    void aBadKeyGetsTheHtml401Page() throws Exception {
        try (SimHarness keyed = new SimHarness(SimHarness.instantOptions().apiKey("pplx-right").build())) {
            HttpResponse<String> r = keyed.post("/chat/completions", ASK, "Authorization", "Bearer pplx-wrong");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
            assertThat(r.body()).contains("<title>401 Authorization Required</title>");
            assertThat(keyed.post("/chat/completions", ASK, "Authorization", "Bearer pplx-right").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anUnknownModelIs400InvalidModelWithAnIntegerCode() throws Exception {
        HttpResponse<String> r = sim.post("/chat/completions", ASK.replace("sonar", "sonar-ultra"));
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = SimHarness.json(r.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_model");
        assertThat(error.get("code").isInt()).isTrue();
        assertThat(error.get("message").asText()).startsWith("Invalid model 'sonar-ultra'.");
        assertThat(sim.post("/chat/completions", "[1,2]").statusCode()).isEqualTo(400);
        assertThat(sim.post("/chat/completions", "{\"model\":\"sonar\",\"messages\":[{\"role\":\"assistant\",\"content\":\"x\"}]}").statusCode()).isEqualTo(400);
    }
}
