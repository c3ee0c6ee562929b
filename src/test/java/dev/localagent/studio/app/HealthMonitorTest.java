package dev.localagent.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.service.config.StudioPaths;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health probes against the in-process simulator and a port nobody listens on. */
class HealthMonitorTest {

    @TempDir
    Path dir;

    @Test
    void simulatedProvidersAreUpAHostedOneWithoutAKeyNeedsSetupAndASilentServerIsDown() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Files.writeString(dir.resolve("config.json"), "{\"providers\": [{\"id\": \"ollama\", \"baseUrl\": \"http://127.0.0.1:" + closedPort
                + "\"}, {\"id\": \"lmstudio\", \"kind\": \"openai\", \"baseUrl\": \"http://127.0.0.1:" + closedPort + "/v1\"}]}");
        try (Studio studio = Studio.start(new StudioPaths(dir.resolve("config.json"), dir.resolve("data")))) {
            List<List<HealthMonitor.Status>> published = new CopyOnWriteArrayList<>();
            studio.health().onChange(published::add);
            assertThat(studio.health().current()).allSatisfy(s -> assertThat(s.state()).isEqualTo(HealthMonitor.State.UNKNOWN));

            Map<String, HealthMonitor.Status> byId = studio.health().checkNow().stream()
                    .collect(Collectors.toMap(HealthMonitor.Status::providerId, Function.identity()));

            for (String sim : List.of("sim-ollama", "sim-openai", "sim-gemini", "sim-perplexity")) {
                assertThat(byId.get(sim).state()).as(sim).isEqualTo(HealthMonitor.State.UP);
                assertThat(byId.get(sim).latency()).as(sim).isNotNull();
            }
            assertThat(byId.get("sim-ollama").detail()).startsWith("answering, version ");
            assertThat(byId.get("ollama").state()).isEqualTo(HealthMonitor.State.DOWN);
            assertThat(byId.get("lmstudio").state()).as("a local OpenAI-compatible server needs no key").isEqualTo(HealthMonitor.State.DOWN);
            if (System.getenv("OPENAI_API_KEY") == null) {
                assertThat(byId.get("openai").state()).isEqualTo(HealthMonitor.State.NEEDS_SETUP);
                assertThat(byId.get("openai").detail()).isEqualTo("no API key: set OPENAI_API_KEY or add it to secrets.json");
            }
            assertThat(published).hasSize(1);
            assertThat(studio.health().current()).isEqualTo(published.getFirst());
        }
    }
}
