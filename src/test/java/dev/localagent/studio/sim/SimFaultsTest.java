package dev.localagent.studio.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.studio.sim.fault.FaultPlan;
import dev.localagent.studio.sim.fault.FaultSet;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each fault of issue 3, seen from a plain client, in each persona's own words. */
class SimFaultsTest {

    static final String OPENAI = "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"max_tokens\":6,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final String OLLAMA = "{\"model\":\"llama3.2\",\"options\":{\"num_predict\":6},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final String GEMINI = "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],\"generationConfig\":{\"maxOutputTokens\":6}}";
    static final String GEMINI_STREAM = "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse";
    static final String PPLX = "{\"model\":\"sonar\",\"stream\":true,\"max_tokens\":6,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    static SimHarness with(FaultSet faults) throws Exception {
        return new SimHarness(SimHarness.instantOptions().faults(FaultPlan.steady("test", faults)).build());
    }

    @Test
    void anErrorBeforeTheStreamIsTheStatusInEachPersonasErrorFormat() throws Exception {
        try (SimHarness sim = with(FaultSet.builder().errorRate(1.0).errorStatus(List.of(503)).build())) {
            HttpResponse<String> openai = sim.post("/v1/chat/completions", OPENAI);
            assertThat(openai.statusCode()).isEqualTo(503);
            assertThat(SimHarness.json(openai.body()).get("error").get("type").asText()).isEqualTo("server_error");
            HttpResponse<String> ollama = sim.post("/api/chat", OLLAMA);
            assertThat(ollama.statusCode()).isEqualTo(503);
            assertThat(ollama.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
            assertThat(SimHarness.json(ollama.body()).get("error").asText()).isEqualTo("server busy, please try again.  maximum pending requests exceeded");
            HttpResponse<String> gemini = sim.post(GEMINI_STREAM, GEMINI);
            assertThat(gemini.statusCode()).isEqualTo(503);
            assertThat(SimHarness.json(gemini.body()).get("error").get("status").asText()).isEqualTo("UNAVAILABLE");
            HttpResponse<String> pplx = sim.post("/chat/completions", PPLX);
            assertThat(pplx.statusCode()).isEqualTo(503);
            assertThat(SimHarness.json(pplx.body()).get("error").get("code").asInt()).isEqualTo(503);
            assertThat(sim.server.stats().fired("error")).isEqualTo(4);
        }
    }

    @Test
    void anErrorAfterNTokensComesAfterA200InTheMidStreamForm() throws Exception {
        try (SimHarness sim = with(FaultSet.builder().errorRate(1.0).errorStatus(List.of(500)).errorAfterTokens(2).build())) {
            SimHarness.Dechunked openai = SimHarness.dechunk(sim.raw("/v1/chat/completions", OPENAI));
            assertThat(openai.head()).startsWith("HTTP/1.1 200");
            String[] events = openai.body().split("\n\n");
            assertThat(events).hasSize(1 + 2 + 1);
            assertThat(SimHarness.json(events[3].substring(6)).get("error").get("type").asText()).isEqualTo("server_error");
            assertThat(openai.body()).doesNotContain("[DONE]");

            String[] lines = SimHarness.dechunk(sim.raw("/api/chat", OLLAMA)).body().split("\n");
            assertThat(lines).hasSize(3);
            assertThat(SimHarness.json(lines[2]).get("error").isTextual()).isTrue();

            String[] gemini = SimHarness.dechunk(sim.raw(GEMINI_STREAM, GEMINI)).body().split("\r\n\r\n");
            assertThat(gemini).hasSize(3);
            assertThat(SimHarness.json(gemini[2].substring(6)).get("error").get("code").asInt()).isEqualTo(500);

            String pplx = SimHarness.dechunk(sim.raw("/chat/completions", PPLX)).body();
            assertThat(pplx).contains("event: error\ndata: {\"error\":").doesNotContain("[DONE]");
        }
    }

    @Test
    void aDroppedConnectionEndsWithoutTheLastChunk() throws Exception {
        try (SimHarness sim = with(FaultSet.builder().dropAfterTokens(3).build())) {
            SimHarness.Dechunked d = SimHarness.dechunk(sim.raw("/api/chat", OLLAMA));
            assertThat(d.complete()).as("the chunked body never ends properly").isFalse();
            assertThat(d.body().split("\n")).hasSize(3);
            assertThat(sim.server.stats().fired("drop")).isEqualTo(1);
            // a whole (non-streamed) reply is dropped before any byte
            HttpRequest whole = HttpRequest.newBuilder(sim.uri("/v1/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString(OPENAI.replace("\"stream\":true", "\"stream\":false"))).build();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sim.http.send(whole, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void aStallHoldsTheStreamAfterNTokens() throws Exception {
        try (SimHarness sim = with(FaultSet.builder().stallAfterTokens(2).stall(Duration.ofMillis(400)).build())) {
            // lower bounds only where the server is the cause: a busy machine may delay the client, never speed it up
            List<Long> arrivals = new ArrayList<>();
            long start = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(sim.uri("/api/chat")).POST(HttpRequest.BodyPublishers.ofString(OLLAMA)).build();
            sim.http.send(request, HttpResponse.BodyHandlers.ofLines()).body().forEach(line -> arrivals.add(System.nanoTime()));
            assertThat(arrivals).hasSize(7);
            assertThat(arrivals.get(2) - start).isGreaterThanOrEqualTo(Duration.ofMillis(400).toNanos());
            assertThat(sim.server.stats().fired("stall")).isEqualTo(1);
        }
    }

    @Test
    void aMalformedFrameCannotBeParsedButTheStreamGoesOn() throws Exception {
        try (SimHarness sim = with(FaultSet.builder().malformedAfterTokens(1).build())) {
            String body = SimHarness.dechunk(sim.raw("/v1/chat/completions", OPENAI)).body();
            int bad = 0;
            for (String event : body.split("\n\n")) {
                if (event.equals("data: [DONE]")) {
                    continue;
                }
                try {
                    SimHarness.json(event.substring(6));
                } catch (Exception e) {
                    bad++;
                }
            }
            assertThat(bad).isEqualTo(1);
            assertThat(body).endsWith("data: [DONE]\n\n");
        }
    }

    @Test
    void aTruncatedStreamEndsCleanlyWithoutTerminatorOrFinalObject() throws Exception {
        try (SimHarness sim = with(FaultSet.builder().truncateRate(1.0).build())) {
            SimHarness.Dechunked openai = SimHarness.dechunk(sim.raw("/v1/chat/completions", OPENAI));
            assertThat(openai.complete()).isTrue();
            assertThat(openai.body()).doesNotContain("[DONE]").doesNotContain("\"finish_reason\":\"length\"");
            SimHarness.Dechunked ollama = SimHarness.dechunk(sim.raw("/api/chat", OLLAMA));
            assertThat(ollama.body()).doesNotContain("\"done\":true");
            assertThat(ollama.body().split("\n")).hasSize(6);
        }
    }

    @Test
    void anOversizedReplyIsAsLargeAsAsked() throws Exception {
        try (SimHarness sim = with(FaultSet.builder().oversizedRate(1.0).oversizedBytes(2_000_000).build())) {
            HttpResponse<String> r = sim.post("/v1/chat/completions", OPENAI.replace("\"stream\":true", "\"stream\":false"));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body().length()).isGreaterThan(2_000_000);
            assertThat(SimHarness.json(r.body()).get("choices").get(0).get("message").get("content").asText().length()).isGreaterThan(2_000_000);
        }
    }

    @Test
    void latencyDelaysTheHeaders() throws Exception {
        try (SimHarness sim = with(FaultSet.builder().latency(Duration.ofMillis(300)).build())) {
            long start = System.nanoTime();
            assertThat(sim.post("/chat/completions", PPLX.replace("true", "false")).statusCode()).isEqualTo(200);
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
        }
    }

    @Test
    void ttftAndTpsShapeTheStream() throws Exception {
        try (SimHarness sim = with(FaultSet.builder().ttft(Duration.ofMillis(200)).tps(20.0).build())) {
            List<Long> arrivals = new ArrayList<>();
            long start = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(sim.uri("/api/chat")).POST(HttpRequest.BodyPublishers.ofString(OLLAMA)).build();
            sim.http.send(request, HttpResponse.BodyHandlers.ofLines()).body().forEach(line -> arrivals.add(System.nanoTime()));
            assertThat(arrivals.get(0) - start).isBetween(Duration.ofMillis(200).toNanos(), Duration.ofMillis(3000).toNanos());
            // 6 tokens at 20/s: 5 gaps of 50 ms after the first
            assertThat(arrivals.get(5) - start).isBetween(Duration.ofMillis(450).toNanos(), Duration.ofMillis(3000).toNanos());
        }
    }

    @Test
    void injected429sCarryEachPersonasRetrySignal() throws Exception {
        try (SimHarness sim = with(FaultSet.builder().errorRate(1.0).errorStatus(List.of(429)).retryAfter(Duration.ofSeconds(7)).build())) {
            HttpResponse<String> openai = sim.post("/v1/chat/completions", OPENAI);
            assertThat(openai.statusCode()).isEqualTo(429);
            assertThat(openai.headers().firstValue("retry-after")).hasValue("7");
            assertThat(SimHarness.json(openai.body()).get("error").get("code").asText()).isEqualTo("rate_limit_exceeded");
            HttpResponse<String> gemini = sim.post(GEMINI_STREAM, GEMINI);
            assertThat(gemini.statusCode()).isEqualTo(429);
            assertThat(gemini.headers().firstValue("retry-after")).isEmpty();
            JsonNode details = SimHarness.json(gemini.body()).get("error").get("details");
            assertThat(details.findValuesAsText("retryDelay")).containsExactly("7s");
        }
        try (SimHarness sim = with(FaultSet.builder().errorRate(1.0).errorStatus(List.of(429)).retryAfterFormat("http-date").build())) {
            String date = sim.post("/chat/completions", PPLX).headers().firstValue("retry-after").orElseThrow();
            assertThat(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.parse(date)).isNotNull();
        }
    }
}
