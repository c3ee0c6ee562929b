package dev.localagent.studio.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.model.ProviderKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

    @TempDir
    Path dir;

    private Path secrets(String json, String perms) throws Exception {
        Path file = dir.resolve(ApiKeys.FILE_NAME);
        Files.writeString(file, json);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
        return file;
    }

    private static ProviderConfig provider(ProviderKind kind, String id) {
        return ConfigDefaults.config().providers().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theEnvironmentWinsOverTheSecretsFile() throws Exception {
        secrets("{\"openai\":\"sk-file\",\"gemini\":\"g-file\"}", "rw-------");
        ApiKeys keys = ApiKeys.load(dir.resolve("config.json"), Map.of("OPENAI_API_KEY", "sk-env"));
        assertThat(keys.keyFor(provider(ProviderKind.OPENAI, "openai"))).contains("sk-env");
        assertThat(keys.keyFor(provider(ProviderKind.GEMINI, "gemini"))).contains("g-file");
        assertThat(keys.keyFor(provider(ProviderKind.PERPLEXITY, "perplexity"))).isEmpty();
    }

    @Test
    void aSecretsFileOthersCanReadIsIgnored() throws Exception {
        secrets("{\"openai\":\"sk-file\"}", "rw-r--r--");
        ApiKeys keys = ApiKeys.load(dir.resolve("config.json"), Map.of());
        assertThat(keys.keyFor(provider(ProviderKind.OPENAI, "openai"))).isEmpty();
    }

    @Test
    void simulatedProvidersNeedNoKeyAndToStringNeverShowsOne() throws Exception {
        secrets("{\"openai\":\"sk-secret-value\"}", "rw-------");
        ApiKeys keys = ApiKeys.load(dir.resolve("config.json"), Map.of("GEMINI_API_KEY", "g-secret-value"));
        assertThat(keys.keyFor(provider(ProviderKind.OPENAI, "sim-openai"))).isEmpty();
        assertThat(keys.toString()).doesNotContain("secret-value").contains("openai=set", "gemini=set", "perplexity=unset");
    }

    @Test
    void ollamaHostBecomesABaseUrl() {
        assertThat(ApiKeys.load(dir.resolve("c.json"), Map.of("OLLAMA_HOST", "0.0.0.0")).ollamaHost()).contains("http://0.0.0.0:11434");
        assertThat(ApiKeys.load(dir.resolve("c.json"), Map.of("OLLAMA_HOST", "gpu-box:8080")).ollamaHost()).contains("http://gpu-box:8080");
        assertThat(ApiKeys.load(dir.resolve("c.json"), Map.of("OLLAMA_HOST", "https://ollama.example/")).ollamaHost())
                .contains("https://ollama.example:11434");
        assertThat(ApiKeys.load(dir.resolve("c.json"), Map.of()).ollamaHost()).isEmpty();
    }
}
