package dev.localagent.studio.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.studio.sim.fault.FaultPresets;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The presets as a contract, the limiter's honest 429s, and the admin endpoints; time from a fake clock. */
class SimScenarioTest {

    static final String OPENAI = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final String GEMINI = "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],\"generationConfig\":{\"maxOutputTokens\":5}}";

    @Test
    void flakyFailsAboutFivePercentBeforeAnyOutputAndASeedReplaysTheSamePattern() throws Exception {
        List<Integer> first = statuses("flaky", 42, 400);
        assertThat(first).containsOnly(200, 503);
        long failures = first.stream().filter(s -> s == 503).count();
        assertThat(failures).isBetween(8L, 36L);
        assertThat(statuses("flaky", 42, 400)).isEqualTo(first);
        assertThat(statuses("flaky", 43, 400)).isNotEqualTo(first);
    }

    private static List<Integer> statuses(String preset, long seed, int n) throws Exception {
        try (SimHarness sim = new SimHarness(SimHarness.instantOptions().faults(FaultPresets.get(preset).withSeed(seed)).build())) {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(sim.post("/v1/chat/completions", OPENAI).statusCode());
            }
            return out;
        }
    }

    @Test
    void rateLimitedAllowsSixtyRequestsAMinutePerPersonaThenAnswersWithItsOwn429() throws Exception {
        MutableClock clock = new MutableClock();
        try (SimHarness sim = new SimHarness(SimHarness.instantOptions().clock(clock).faults(FaultPresets.get("rate-limited")).build())) {
            for (int i = 0; i < 60; i++) {
                HttpResponse<String> ok = sim.post("/v1/chat/completions", OPENAI);
                assertThat(ok.statusCode()).isEqualTo(200);
                assertThat(ok.headers().firstValue("x-ratelimit-limit-requests")).hasValue("60");
                assertThat(ok.headers().firstValue("x-ratelimit-remaining-requests")).hasValue(Integer.toString(59 - i));
                assertThat(ok.headers().firstValue("x-ratelimit-reset-requests").orElseThrow()).matches("\\d+(\\.\\d+)?(ms|s)|\\d+m[\\d.]+s");
                assertThat(ok.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("20000");
            }
            HttpResponse<String> limited = sim.post("/v1/chat/completions", OPENAI);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("retry-after")).hasValue("1");
            assertThat(limited.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
            JsonNode error = SimHarness.json(limited.body()).get("error");
            assertThat(error.get("type").asText()).isEqualTo("requests");
            assertThat(error.get("code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(error.get("message").asText()).contains("requests per min (RPM): Limit 60, Used 60");
            // another persona has its own limiter
            assertThat(sim.post("/v1beta/models/gemini-2.5-flash:generateContent", GEMINI).statusCode()).isEqualTo(200);
            // a second later one request has dripped back in
            clock.advance(Duration.ofSeconds(1));
            assertThat(sim.post("/v1/chat/completions", OPENAI).statusCode()).isEqualTo(200);
            assertThat(sim.post("/v1/chat/completions", OPENAI).statusCode()).isEqualTo(429);
            assertThat(sim.server.stats().fired("rate-limit")).isEqualTo(2);
        }
    }

    @Test
    void theTokenLimitCountsPromptAndReplyAndGeminiAnswersWithRetryInfo() throws Exception {
        MutableClock clock = new MutableClock();
        String plan = "{\"faults\":{\"tpm\":60}}";
        try (SimHarness sim = new SimHarness(SimHarness.instantOptions().clock(clock).build())) {
            assertThat(sim.put("/_sim/faults", plan).statusCode()).isEqualTo(200);
            // each request costs about 6 tokens (1 prompt + 5 reply): ten fit in 60
            int ok = 0;
            HttpResponse<String> last;
            do {
                last = sim.post("/v1beta/models/gemini-2.5-flash:generateContent", GEMINI);
                ok += last.statusCode() == 200 ? 1 : 0;
            } while (last.statusCode() == 200 && ok < 100);
            assertThat(ok).isBetween(5, 12);
            assertThat(last.statusCode()).isEqualTo(429);
            JsonNode error = SimHarness.json(last.body()).get("error");
            assertThat(error.get("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
            assertThat(error.get("details").findValuesAsText("retryDelay")).singleElement().asString().matches("\\d+s");
            assertThat(error.get("details").findValuesAsText("quotaValue")).containsExactly("60");
            clock.advance(Duration.ofMinutes(1));
            assertThat(sim.post("/v1beta/models/gemini-2.5-flash:generateContent", GEMINI).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void brownoutIsHealthyThenHalfFailingThenRefusesConnectionsThenHealthyAgain() throws Exception {
        MutableClock clock = new MutableClock();
        try (SimHarness sim = new SimHarness(SimHarness.instantOptions().clock(clock).faults(FaultPresets.get("brownout")).build())) {
            clock.advance(Duration.ofMinutes(5));
            sim.server.refreshFaults();
            // the clock starts at the first request, not at start-up
            for (int i = 0; i < 40; i++) {
                assertThat(sim.post("/v1/chat/completions", OPENAI).statusCode()).isEqualTo(200);
            }
            clock.advance(Duration.ofSeconds(21));
            long failed = 0;
            for (int i = 0; i < 200; i++) {
                int status = sim.post("/v1/chat/completions", OPENAI).statusCode();
                assertThat(status).isIn(200, 503);
                failed += status == 503 ? 1 : 0;
            }
            assertThat(failed).isBetween(70L, 130L);
            clock.advance(Duration.ofSeconds(20));
            sim.server.refreshFaults();
            awaitAccepting(sim, false);
            assertThatThrownBy(() -> sim.post("/v1/chat/completions", OPENAI)).isInstanceOf(ConnectException.class);
            clock.advance(Duration.ofSeconds(10));
            sim.server.refreshFaults();
            awaitAccepting(sim, true);
            for (int i = 0; i < 20; i++) {
                assertThat(sim.post("/v1/chat/completions", OPENAI).statusCode()).isEqualTo(200);
            }
            assertThat(sim.server.stats().fired("outage")).isEqualTo(1);
        }
    }

    private static void awaitAccepting(SimHarness sim, boolean accepting) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (sim.server.accepting() != accepting && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(sim.server.accepting()).isEqualTo(accepting);
    }

    @Test
    void slowGivesTwoSecondsToFirstTokenThenFiveTokensASecond() throws Exception {
        try (SimHarness sim = new SimHarness(SimHarness.instantOptions().faults(FaultPresets.get("slow")).build())) {
            List<Long> arrivals = new ArrayList<>();
            long start = System.nanoTime();
            var request = java.net.http.HttpRequest.newBuilder(sim.uri("/api/chat")).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\"llama3.2\",\"options\":{\"num_predict\":2},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build();
            sim.http.send(request, HttpResponse.BodyHandlers.ofLines()).body().forEach(l -> arrivals.add(System.nanoTime()));
            assertThat(arrivals.get(0) - start).isBetween(Duration.ofMillis(2000).toNanos(), Duration.ofMillis(4000).toNanos());
            assertThat(arrivals.get(1) - start).isGreaterThanOrEqualTo(Duration.ofMillis(2200).toNanos());
        }
    }

    @Test
    void chaosOnlyEverAnswersWithTheDocumentedStatusesAndNeverCrashes() throws Exception {
        try (SimHarness sim = new SimHarness(SimHarness.instantOptions().faults(FaultPresets.get("chaos").withSeed(7)).build())) {
            sim.put("/_sim/faults", "{\"preset\":\"chaos\",\"seed\":7,\"faults\":{\"spike\":\"10ms\",\"stall\":\"10ms\",\"oversizedBytes\":10000}}");
            for (int i = 0; i < 150; i++) {
                try {
                    int status = sim.post("/v1/chat/completions", OPENAI).statusCode();
                    assertThat(status).isIn(200, 429, 500, 502, 503, 529);
                } catch (java.io.IOException dropped) {
                    // chaos drops some connections on purpose
                }
            }
            assertThat(sim.get("/_sim/stats").statusCode()).isEqualTo(200);
            assertThat(sim.server.stats().faultsFired()).isNotEmpty();
        }
    }

    @Test
    void theAdminEndpointShowsAndReplacesTheFaultsAndRejectsABadPlanWithAReason() throws Exception {
        try (SimHarness sim = SimHarness.instant()) {
            JsonNode current = SimHarness.json(sim.get("/_sim/faults").body());
            assertThat(current.get("name").asText()).isEqualTo("healthy");
            assertThat(current.get("presets").toString()).contains("healthy", "flaky", "brownout", "rate-limited", "slow", "chaos");
            HttpResponse<String> put = sim.put("/_sim/faults", "{\"preset\":\"flaky\",\"seed\":9}");
            assertThat(put.statusCode()).isEqualTo(200);
            assertThat(SimHarness.json(put.body()).get("faults").get("errorRate").asDouble()).isEqualTo(0.05);
            assertThat(sim.server.faults().name()).isEqualTo("flaky");
            HttpResponse<String> bad = sim.put("/_sim/faults", "{\"faults\":{\"errRate\":0.5}}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(SimHarness.json(bad.body()).get("error").asText()).contains("unknown fault 'errRate'");
            assertThat(sim.server.faults().name()).isEqualTo("flaky");
            assertThat(sim.http.send(java.net.http.HttpRequest.newBuilder(sim.uri("/_sim/faults")).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        }
    }

    @Test
    void statsCountRequestsConnectionsStatusesAndFaults() throws Exception {
        try (SimHarness sim = new SimHarness(SimHarness.instantOptions().build())) {
            sim.put("/_sim/faults", "{\"faults\":{\"errorRate\":1,\"errorStatus\":[502]},\"personas\":{\"openai\":{\"errorRate\":0}}}");
            sim.post("/v1/chat/completions", OPENAI);
            sim.post("/v1/chat/completions", OPENAI);
            sim.post("/v1beta/models/gemini-2.5-flash:generateContent", GEMINI);
            JsonNode stats = SimHarness.json(sim.get("/_sim/stats").body());
            assertThat(stats.get("personas").get("openai").get("statuses").get("200").asInt()).isEqualTo(2);
            assertThat(stats.get("personas").get("gemini").get("statuses").get("502").asInt()).isEqualTo(1);
            assertThat(stats.get("faults").get("error").asInt()).isEqualTo(1);
            assertThat(stats.get("requests").asInt()).isEqualTo(5);
            assertThat(stats.get("connections").asInt()).isBetween(1, 5);
        }
    }
}
