package dev.localagent.studio.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localagent.studio.model.CacheStrategy;
import dev.localagent.studio.model.ProviderKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("config.json");
    }

    private ConfigLoad loadText(String json) throws IOException {
        Files.writeString(file(), json);
        return new ConfigStore(file()).load();
    }

    @Test
    void missingFileGivesTheDefaultsWithoutAProblem() {
        ConfigLoad load = new ConfigStore(file()).load();

        assertThat(load.broken()).isFalse();
        assertThat(load.config().providers()).extracting(ProviderConfig::id).containsExactly(
                "sim-ollama", "sim-openai", "sim-gemini", "sim-perplexity", "ollama", "openai", "gemini", "perplexity");
        assertThat(load.config().provider("ollama").orElseThrow().baseUrl()).isEqualTo("http://localhost:11434");
        assertThat(load.config().provider("openai").orElseThrow().baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(load.config().provider("sim-openai").orElseThrow().simulator()).isTrue();
        assertThat(load.config().ui().theme()).isEqualTo(ThemePreference.SYSTEM);
        assertThat(Files.exists(file())).as("loading must not create the file").isFalse();
    }

    @Test
    void rateLimitDefaultsFollowEachProtocol() {
        StudioConfig config = ConfigDefaults.config();

        assertThat(config.provider("openai").orElseThrow().rateLimit()).extracting(
                RateLimitSettings::requestsPerSecond, RateLimitSettings::burst).containsExactly(60.0, 100);
        assertThat(config.provider("sim-ollama").orElseThrow().rateLimit()).extracting(
                RateLimitSettings::requestsPerSecond, RateLimitSettings::burst).containsExactly(10.0, 20);
        assertThat(config.provider("gemini").orElseThrow().rateLimit()).extracting(
                RateLimitSettings::requestsPerSecond, RateLimitSettings::burst).containsExactly(15.0, 30);
        assertThat(config.provider("perplexity").orElseThrow().rateLimit()).extracting(
                RateLimitSettings::requestsPerSecond, RateLimitSettings::burst).containsExactly(5.0, 10);
    }

    @Test
    void aFileNamesOnlyWhatItChangesAndTheRestComesFromTheDefaults() throws IOException {
        ConfigLoad load = loadText("""
                {"ui": {"theme": "dark"},
                 "providers": [{"id": "openai", "rateLimit": {"burst": 7}}]}
                """);

        assertThat(load.broken()).isFalse();
        ProviderConfig openai = load.config().provider("openai").orElseThrow();
        assertThat(openai.rateLimit().burst()).isEqualTo(7);
        assertThat(openai.rateLimit().requestsPerSecond()).isEqualTo(60.0);
        assertThat(openai.baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(load.config().ui().theme()).isEqualTo(ThemePreference.DARK);
        assertThat(load.config().providers()).hasSize(8);
    }

    @Test
    void aProviderOfTheUsersOwnStartsFromItsProtocolsTemplate() throws IOException {
        ConfigLoad load = loadText("""
                {"providers": [{"id": "lmstudio", "kind": "openai", "baseUrl": "http://localhost:1234/v1"}]}
                """);

        assertThat(load.broken()).isFalse();
        ProviderConfig lmstudio = load.config().provider("lmstudio").orElseThrow();
        assertThat(lmstudio.kind()).isEqualTo(ProviderKind.OPENAI);
        assertThat(lmstudio.rateLimit().burst()).isEqualTo(100);
        assertThat(lmstudio.defaultModel()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void theResponseSizeLimitIsASettingWithAFloor() throws IOException {
        assertThat(loadText("{\"http\": {\"maxResponseBytes\": 1048576}}").config().http().maxResponseBytes()).isEqualTo(1_048_576);
        assertThat(loadText("{\"http\": {\"maxResponseBytes\": 10}}").problem().orElseThrow())
                .extracting(ConfigProblem::field, ConfigProblem::message)
                .containsExactly("http.maxResponseBytes", "must be at least 1024 (was 10)");
    }

    @Test
    void aFallbackChainNamesOtherProviders() throws IOException {
        ConfigLoad load = loadText("{\"providers\": [{\"id\": \"openai\", \"fallback\": [\"gemini\", \"sim-openai\"]}]}");

        assertThat(load.broken()).isFalse();
        assertThat(load.config().provider("openai").orElseThrow().fallback()).containsExactly("gemini", "sim-openai");
        assertThat(load.config().provider("gemini").orElseThrow().fallback()).isEmpty();
    }

    @Test
    void rewritingKeepsFieldsThisBuildDoesNotKnow() throws Exception {
        Files.writeString(file(), """
                {
                  "version": 1,
                  "futureFeature": {"enabled": true},
                  "ui": {"theme": "light", "fontScale": 1.25},
                  "providers": [
                    {"id": "openai", "organisation": "org-123", "rateLimit": {"burst": 50}},
                    {"id": "lmstudio", "kind": "openai", "baseUrl": "http://localhost:1234/v1", "note": "desk"}
                  ]
                }
                """);
        ConfigStore store = new ConfigStore(file());
        StudioConfig loaded = store.load().config();

        store.save(loaded.withUi(loaded.ui().withTheme(ThemePreference.DARK)));

        JsonNode written = new ObjectMapper().readTree(file().toFile());
        assertThat(written.at("/futureFeature/enabled").asBoolean()).isTrue();
        assertThat(written.at("/ui/fontScale").asDouble()).isEqualTo(1.25);
        assertThat(written.at("/ui/theme").asText()).isEqualTo("dark");
        assertThat(written.at("/providers/0/organisation").asText()).isEqualTo("org-123");
        assertThat(written.at("/providers/0/rateLimit/burst").asInt()).isEqualTo(50);
        assertThat(written.at("/providers/1/note").asText()).isEqualTo("desk");
        assertThat(written.at("/providers/1/kind").asText()).isEqualTo("openai");

        ConfigLoad again = new ConfigStore(file()).load();
        assertThat(again.broken()).isFalse();
        assertThat(again.config()).isEqualTo(store.load().config());
        assertThat(again.config().ui().theme()).isEqualTo(ThemePreference.DARK);
    }

    @Test
    void savingWritesOnlyValuesThatDifferFromTheDefaults() throws Exception {
        ConfigStore store = new ConfigStore(file());
        StudioConfig defaults = store.load().config();
        ProviderConfig gemini = defaults.provider("gemini").orElseThrow();

        store.save(defaults.withProvider(gemini.withCache(new CacheSettings(CacheStrategy.AGGRESSIVE, 60))));

        JsonNode written = new ObjectMapper().readTree(file().toFile());
        assertThat(written.get("version").asInt()).isEqualTo(StudioConfig.CURRENT_VERSION);
        assertThat(written.get("providers")).hasSize(1);
        assertThat(written.at("/providers/0/id").asText()).isEqualTo("gemini");
        assertThat(written.at("/providers/0/cache/strategy").asText()).isEqualTo("aggressive");
        assertThat(written.at("/providers/0/cache/ttlSeconds").asLong()).isEqualTo(60);
        assertThat(written.at("/providers/0/rateLimit").isMissingNode()).isTrue();
        assertThat(written.has("http")).isFalse();
        assertThat(new ConfigStore(file()).load().config().provider("gemini").orElseThrow().cache().strategy())
                .isEqualTo(CacheStrategy.AGGRESSIVE);
    }

    @Test
    void savingTheDefaultsWritesOnlyTheVersion() throws Exception {
        ConfigStore store = new ConfigStore(file());

        store.save(store.load().config());

        assertThat(new ObjectMapper().readTree(file().toFile()).toString()).isEqualTo("{\"version\":1}");
    }

    @Test
    void brokenSyntaxIsReportedWithLineAndColumnAndTheDefaultsAreUsed() throws IOException {
        ConfigLoad load = loadText("""
                {
                  "ui": {"theme": "dark"},
                  "providers": [ {"id": "openai",, } ]
                }
                """);

        assertThat(load.broken()).isTrue();
        ConfigProblem problem = load.problem().orElseThrow();
        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.column()).isGreaterThan(20);
        assertThat(problem.message()).startsWith("is not valid JSON");
        assertThat(problem.describe()).startsWith(file().toString() + ", line 3, column ");
        assertThat(load.config()).isEqualTo(ConfigDefaults.config());
    }

    @Test
    void aWrongTypeNamesTheFieldItsPlaceAndWhatWasExpected() throws IOException {
        ConfigLoad load = loadText("""
                {
                  "providers": [
                    {"id": "lmstudio", "kind": "openai", "baseUrl": "http://localhost:1234/v1"},
                    {"id": "gemini",
                     "rateLimit": {"burst": "lots"}}
                  ]
                }
                """);

        ConfigProblem problem = load.problem().orElseThrow();
        assertThat(problem.field()).isEqualTo("providers[gemini].rateLimit.burst");
        assertThat(problem.message()).isEqualTo("must be a whole number (was \"lots\")");
        assertThat(problem.line()).isEqualTo(5);
        assertThat(problem.column()).isEqualTo(29);
    }

    @Test
    void anOutOfRangeValueNamesTheRuleAndWhereItIs() throws IOException {
        ConfigLoad load = loadText("""
                {"providers": [
                  {"id": "sim-openai",
                   "timeouts": {"connectMs": -5}}
                ]}
                """);

        ConfigProblem problem = load.problem().orElseThrow();
        assertThat(problem.field()).isEqualTo("providers[sim-openai].timeouts.connectMs");
        assertThat(problem.message()).isEqualTo("must be at least 1 (was -5)");
        assertThat(problem.line()).isEqualTo(3);
    }

    @Test
    void eachKindOfInvalidFileGetsItsOwnMessage() throws IOException {
        assertThat(loadText("").problem().orElseThrow().message()).contains("is empty");
        assertThat(loadText("[1, 2]").problem().orElseThrow().message()).contains("JSON object");
        assertThat(loadText("{\"ui\": {\"theme\": \"purple\"}}").problem().orElseThrow().message())
                .isEqualTo("must be one of system, light, dark (was \"purple\")");
        assertThat(loadText("{\"providers\": [{\"kind\": \"openai\"}]}").problem().orElseThrow())
                .extracting(ConfigProblem::field, ConfigProblem::message)
                .containsExactly("providers[0].id", "is required and must be a string");
        assertThat(loadText("{\"providers\": [{\"id\": \"x\", \"kind\": \"claude\"}]}").problem().orElseThrow().message())
                .contains("unknown provider kind 'claude'");
        assertThat(loadText("{\"providers\": [{\"id\": \"x\"}]}").problem().orElseThrow().message())
                .contains("is required for a new provider");
        assertThat(loadText("{\"providers\": [{\"id\": \"a\", \"kind\": \"ollama\", \"baseUrl\": \"http://h\"},"
                + " {\"id\": \"a\", \"kind\": \"ollama\", \"baseUrl\": \"http://h\"}]}").problem().orElseThrow().message())
                .contains("used by more than one provider");
        assertThat(loadText("{\"providers\": [{\"id\": \"x\", \"kind\": \"ollama\", \"baseUrl\": \"ftp://h\"}]}").problem().orElseThrow().message())
                .contains("http:// or https://");
        assertThat(loadText("{\"version\": 99}").problem().orElseThrow().message()).contains("newer version");
        assertThat(loadText("{\"ui\": {}, \"ui\": {}}").problem().orElseThrow().message()).contains("Duplicate field 'ui'");
        assertThat(loadText("{\"providers\": {}}").problem().orElseThrow().message()).isEqualTo("must be a list of providers");
        assertThat(loadText("{\"providers\": [{\"id\": \"openai\", \"breaker\": {\"mode\": \"sometimes\"}}]}").problem().orElseThrow().message())
                .contains("must be \"count\" or \"time\"");
        assertThat(loadText("{\"providers\": [{\"id\": \"openai\", \"fallback\": [\"nowhere\"]}]}").problem().orElseThrow())
                .extracting(ConfigProblem::field, ConfigProblem::message)
                .containsExactly("providers[openai].fallback", "names 'nowhere', which is not a configured provider");
        assertThat(loadText("{\"providers\": [{\"id\": \"openai\", \"bulkhead\": {\"maxConcurrentCalls\": 0}}]}").problem().orElseThrow().message())
                .isEqualTo("must be at least 1 (was 0)");
    }

    @Test
    void aFileThatIsNotUtf8IsReportedAsSuch() throws IOException {
        Files.write(file(), new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});

        assertThat(new ConfigStore(file()).load().problem().orElseThrow().message()).isEqualTo("is not UTF-8 text");
    }

    @Test
    void aBrokenFileIsNeverOverwrittenWithoutConfirmation() throws Exception {
        String broken = "{ \"ui\": { \"theme\": \"dark\" ";
        Files.writeString(file(), broken);
        ConfigStore store = new ConfigStore(file());
        StudioConfig config = store.load().config();

        assertThatThrownBy(() -> store.save(config.withUi(new UiSettings(ThemePreference.LIGHT))))
                .isInstanceOf(BrokenConfigException.class)
                .hasMessageContaining("confirm");
        assertThat(Files.readString(file())).isEqualTo(broken);
    }

    @Test
    void afterConfirmationTheBrokenFileIsKeptBesideTheNewOne() throws Exception {
        String broken = "{ \"ui\": { \"theme\": \"dark\" ";
        Files.writeString(file(), broken);
        Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:15:30Z"), ZoneOffset.UTC);
        ConfigStore store = new ConfigStore(file(), clock);
        StudioConfig config = store.load().config();

        Path kept = store.saveKeepingBrokenCopy(config.withUi(new UiSettings(ThemePreference.LIGHT)));

        assertThat(kept.getFileName().toString()).isEqualTo("config.broken-20261129-101530.json");
        assertThat(Files.readString(kept)).isEqualTo(broken);
        ConfigLoad reloaded = new ConfigStore(file()).load();
        assertThat(reloaded.broken()).isFalse();
        assertThat(reloaded.config().ui().theme()).isEqualTo(ThemePreference.LIGHT);

        store.save(reloaded.config().withUi(new UiSettings(ThemePreference.DARK)));
        assertThat(new ConfigStore(file()).load().config().ui().theme()).isEqualTo(ThemePreference.DARK);
    }

    @Test
    void aSecondConfirmedSaveInTheSameSecondDoesNotOverwriteTheFirstCopy() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:15:30Z"), ZoneOffset.UTC);
        Files.writeString(file(), "first broken");
        ConfigStore first = new ConfigStore(file(), clock);
        Path keptFirst = first.saveKeepingBrokenCopy(first.load().config());
        Files.writeString(file(), "second broken");
        ConfigStore second = new ConfigStore(file(), clock);
        Path keptSecond = second.saveKeepingBrokenCopy(second.load().config());

        assertThat(keptSecond).isNotEqualTo(keptFirst);
        assertThat(Files.readString(keptFirst)).isEqualTo("first broken");
        assertThat(Files.readString(keptSecond)).isEqualTo("second broken");
    }

    @Test
    void aFailedWriteLeavesTheOldFileIntactAndNoTemporaryFiles() throws Exception {
        Files.writeString(file(), "{\"version\": 1}");

        assertThatThrownBy(() -> AtomicFileWriter.write(file(), out -> {
            out.write("{\"version\": 1, \"ui\": {\"th".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(Files.readString(file())).isEqualTo("{\"version\": 1}");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file());
        }
    }

    @Test
    void aSuccessfulWriteReplacesTheWholeFile() throws Exception {
        Files.writeString(file(), "old content that is longer than the new one");

        AtomicFileWriter.writeString(file(), "new");

        assertThat(Files.readString(file())).isEqualTo("new");
    }
}
