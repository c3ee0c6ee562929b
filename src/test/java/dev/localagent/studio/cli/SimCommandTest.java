package dev.localagent.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.Launcher;
import dev.localagent.studio.app.GuiFrontEnd;
import dev.localagent.studio.app.SimulatorHost;
import dev.localagent.studio.app.SimulatorOptions;
import dev.localagent.studio.model.ProviderKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code studio sim} and the app's SimulatorHost facade, as scripts and the GUI use them. */
class SimCommandTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void simPrintsItsAddressFirstAndServesUntilStopped() throws Exception {
        StringWriter out = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread command = Thread.ofVirtual().start(() -> exit.set(run(out, new StringWriter(), "sim", "--port", "0", "--instant", "--faults", "healthy")));
        String first = awaitFirstLine(out);
        assertThat(first).matches("simulator listening on http://127\\.0\\.0\\.1:\\d+");
        String base = first.substring("simulator listening on ".length());
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/version")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        command.interrupt();
        command.join(Duration.ofSeconds(10));
        assertThat(exit.get()).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/version")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void badInputExitsNonZeroWithOneLine() {
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "sim", "--faults", "gentle")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown fault preset 'gentle'");
        StringWriter err2 = new StringWriter();
        assertThat(run(new StringWriter(), err2, "sim", "--error-rate", "1.5")).isEqualTo(2);
        assertThat(err2.toString()).contains("--error-rate must be between 0 and 1");
        StringWriter err3 = new StringWriter();
        assertThat(run(new StringWriter(), err3, "sim", "--faults", "/no/such/faults.json")).isEqualTo(2);
        assertThat(err3.toString()).contains("fault file not found");
    }

    @Test
    void theHostGivesEachProviderKindTheBaseUrlItsOfficialClientUses() throws Exception {
        try (SimulatorHost sim = SimulatorHost.start(SimulatorOptions.builder().instant(true).faults("flaky").seed(1L).errorRate(0.0).build())) {
            assertThat(sim.baseUrl(ProviderKind.OPENAI)).isEqualTo(sim.baseUrl() + "/v1");
            assertThat(sim.baseUrl(ProviderKind.GEMINI)).isEqualTo(sim.baseUrl() + "/v1beta");
            assertThat(sim.baseUrl(ProviderKind.OLLAMA)).isEqualTo(sim.baseUrl());
            assertThat(sim.baseUrl(ProviderKind.PERPLEXITY)).isEqualTo(sim.baseUrl());
            assertThat(sim.faultsJson()).contains("\"name\" : \"flaky\"").contains("\"errorRate\" : 0.0");
            sim.applyFaults("slow");
            assertThat(sim.faultsJson()).contains("\"name\" : \"slow\"");
            HttpResponse<String> models = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl(ProviderKind.OPENAI) + "/models")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(models.body()).contains("gpt-4o-mini");
        }
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        GuiFrontEnd noGui = null;
        return Launcher.run(args, noGui, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static String awaitFirstLine(StringWriter out) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            String s = out.toString();
            int eol = s.indexOf('\n');
            if (eol > 0) {
                return s.substring(0, eol).strip();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no output from sim");
    }
}
