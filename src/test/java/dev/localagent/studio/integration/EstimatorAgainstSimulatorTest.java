package dev.localagent.studio.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localagent.studio.model.ChatMessage;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.tokens.EstimatorStatus;
import dev.localagent.studio.service.tokens.TokenCounter;
import dev.localagent.studio.sim.Pacing;
import dev.localagent.studio.sim.Persona;
import dev.localagent.studio.sim.SimOptions;
import dev.localagent.studio.sim.SimServer;
import dev.localagent.studio.testsupport.ReplyCorpus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Llama estimate converging on the simulator's Ollama persona over loopback. The replies come
 * through a plain JDK HttpClient and Ollama's own JSON ({@code prompt_eval_count}, {@code eval_count}),
 * not through our provider client, so the estimator learns from the wire as a server reports it.
 */
class EstimatorAgainstSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "llama3.2";

    private static SimServer sim;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        sim = SimServer.start(SimOptions.builder().fixedPacing(Pacing.INSTANT).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** One non-streamed /api/chat call; returns the reply text and the usage Ollama reported. */
    private static Reply ask(ChatRequest request) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("model", request.model()).put("stream", false);
        var messages = body.putArray("messages");
        if (request.systemPrompt() != null) {
            messages.addObject().put("role", "system").put("content", request.systemPrompt());
        }
        for (ChatMessage m : request.messages()) {
            messages.addObject().put("role", m.role().name().toLowerCase(java.util.Locale.ROOT)).put("content", m.content());
        }
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl(Persona.OLLAMA) + "/api/chat"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(response.body());
        return new Reply(json.path("message").path("content").asText(),
                new Usage(json.path("prompt_eval_count").asInt(), json.path("eval_count").asInt(), null, null, false));
    }

    private record Reply(String text, Usage usage) {}

    private static ChatRequest request(String question) {
        return ChatRequest.builder(MODEL).systemPrompt("You are a concise senior engineer.").messages(List.of(ChatMessage.user(question))).build();
    }

    @Test
    void theLlamaEstimateConvergesOnTheSimulatorsCounts() throws Exception {
        TokenCounter counter = new TokenCounter();
        List<String> questions = ReplyCorpus.replies(31, 40, 300);
        List<Reply> heldOut = new java.util.ArrayList<>();
        for (String q : questions.subList(30, 40)) {
            heldOut.add(ask(request(q)));
        }
        double before = completionError(counter, heldOut);

        for (String q : questions.subList(0, 30)) {
            ChatRequest r = request(q);
            Reply reply = ask(r);
            counter.calibrate(MODEL, r, reply.text(), reply.usage());
        }

        double after = completionError(counter, heldOut);
        EstimatorStatus status = counter.calibration(MODEL).orElseThrow();
        // The best any single bytes-per-token ratio can do on these replies: fitted to the held-out set itself.
        double bestRatio = heldOut.stream().mapToDouble(r -> utf8(r.text())).sum()
                / heldOut.stream().mapToDouble(r -> r.usage().completionTokens()).sum();
        double floor = heldOut.stream().mapToDouble(r -> Math.abs(Math.round(utf8(r.text()) / bestRatio) - r.usage().completionTokens())
                / (double) r.usage().completionTokens()).average().orElseThrow();
        System.out.printf("simulator calibration: error %.1f%% -> %.1f%% (floor %.1f%% at %.2f bytes/token), learned %.2f bytes/token, "
                + "self-reported %.1f%% after %d samples%n", before * 100, after * 100, floor * 100, bestRatio, status.bytesPerToken(),
                status.meanAbsoluteErrorPercent(), status.samples());
        assertThat(after).as("completion error on held-out replies").isLessThan(before).isLessThan(floor + 0.01);
        assertThat(status.bytesPerToken()).isCloseTo(bestRatio, org.assertj.core.data.Percentage.withPercentage(3));
        assertThat(status.samples()).isEqualTo(60);
        assertThat(status.meanAbsoluteErrorPercent()).isLessThan(15.0);
        // The prompt side: Ollama's count includes the template; ours must land near it.
        ChatRequest next = request(questions.get(35));
        int served = ask(next).usage().promptTokens();
        assertThat((double) counter.countPrompt(MODEL, next).tokens()).isCloseTo(served, org.assertj.core.data.Percentage.withPercentage(15));
    }

    private static double utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static double completionError(TokenCounter counter, List<Reply> replies) {
        return replies.stream().mapToDouble(r -> {
            int truth = r.usage().completionTokens();
            return Math.abs(counter.count(MODEL, r.text()).tokens() - truth) / (double) truth;
        }).average().orElseThrow();
    }
}
