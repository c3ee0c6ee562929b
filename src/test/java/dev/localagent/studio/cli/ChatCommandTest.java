package dev.localagent.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localagent.studio.app.GuiFrontEnd;
import dev.localagent.studio.app.ScreenshotSpec;
import dev.localagent.studio.app.SimulatorHost;
import dev.localagent.studio.app.SimulatorOptions;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.app.Studio;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code studio chat} end to end: the in-process simulator, the real clients, the printed contract. */
class ChatCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        GuiFrontEnd noWindow = new GuiFrontEnd() {
            @Override
            public void open(Studio studio) {
                throw new AssertionError("chat must not open a window");
            }

            @Override
            public void screenshot(Studio studio, ScreenshotSpec spec) {
                throw new AssertionError("chat must not render");
            }
        };
        String[] all = new String[args.length + 4];
        all[0] = "chat";
        all[1] = "--config=" + dir.resolve("config.json");
        all[2] = "--data-dir=" + dir.resolve("data");
        System.arraycopy(args, 0, all, 3, args.length);
        all[all.length - 1] = "Say hello";
        return StudioCommand.commandLine(noWindow, new PrintWriter(out, true), new PrintWriter(err, true)).execute(all);
    }

    @Test
    void streamsTheReplyFromTheInProcessSimulatorThenOneLineOfFacts() {
        int exit = run("--provider", "sim-ollama", "--max-tokens", "12");
        assertThat(exit).isZero();
        String[] lines = out.toString().strip().split("\n");
        assertThat(lines.length).isGreaterThanOrEqualTo(2);
        assertThat(lines[0]).isNotBlank();
        assertThat(lines[lines.length - 1]).matches("tokens in \\d+ · out \\d+ · TTFT \\d+ ms · [0-9.]+ tokens/s · total [0-9.]+ s · (stop|length) · \\$[0-9.]+");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void printsOneJsonObjectWithJson() throws Exception {
        int exit = run("--provider", "sim-gemini", "--json", "--no-stream", "--system", "Be brief.", "--temperature", "0.3", "--max-tokens", "8");
        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("provider").asText()).isEqualTo("sim-gemini");
        assertThat(json.get("model").asText()).startsWith("gemini-2.5-flash");
        assertThat(json.get("text").asText()).isNotBlank();
        assertThat(json.get("finishReason").asText()).isIn("STOP", "LENGTH");
        assertThat(json.get("usage").get("completionTokens").asInt()).isPositive();
        assertThat(json.get("timings").get("endToEndMs").asDouble()).isPositive();
        assertThat(json.get("attempts").asInt()).isEqualTo(1);
        assertThat(json.get("retryDelaysMs")).isEmpty();
        assertThat(json.get("rateLimitWaitMs").asLong()).isZero();
        assertThat(json.get("breakerState").asText()).isEqualTo("CLOSED");
        assertThat(json.get("fallbackProvider").isNull()).isTrue();
        assertThat(json.get("cacheHit").asBoolean()).isFalse();
        assertThat(json.get("cost").get("totalUsd").decimalValue()).isPositive();
        assertThat(json.get("cost").get("priceSource").asText()).isNotBlank();
    }

    @Test
    void aFailureIsOneLineNamingTheProviderAndTheErrorClassWithExitCode1() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        int exit = run("--provider", "openai", "--base-url", "http://127.0.0.1:" + closedPort + "/v1");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n")
                .startsWith("UnavailableException: openai: unavailable or overloaded");
    }

    @Test
    void theJsonRecordShowsARetryAndTheWaitTheProviderAskedFor() throws Exception {
        try (SimulatorHost sim = SimulatorHost.start(SimulatorOptions.builder().instant(true).seed(3L).build())) {
            sim.applyFaults("{\"timeline\":[{\"for\":\"300ms\",\"faults\":{\"errorRate\":1,\"errorStatus\":[429],\"retryAfter\":\"1s\"}}]}");
            int exit = run("--provider", "sim-openai", "--base-url", sim.baseUrl(ProviderKind.OPENAI), "--json");

            assertThat(exit).as(err.toString()).isZero();
            JsonNode json = new ObjectMapper().readTree(out.toString());
            assertThat(json.get("attempts").asInt()).isEqualTo(2);
            assertThat(json.get("retryDelaysMs")).singleElement().satisfies(d -> {
                assertThat(d.get("delayMs").asLong()).isEqualTo(1000);
                assertThat(d.get("reason").asText()).isEqualTo("the provider asked to wait 1000 ms");
            });
        }
    }

    @Test
    void anUnknownProviderIsOneLineAndExitCode1() {
        assertThat(run("--provider", "nope")).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("chat: unknown provider 'nope'").doesNotContain("\n");
    }
}
