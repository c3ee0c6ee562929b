package dev.localagent.studio.service.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localagent.studio.model.ProviderKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where API keys come from: environment variables first ({@code OPENAI_API_KEY},
 * {@code GEMINI_API_KEY}, {@code PERPLEXITY_API_KEY}; {@code OLLAMA_HOST} for Ollama's address),
 * then a {@code secrets.json} next to the config file that only its owner may read (0600); a file
 * others can read is ignored with a warning. Keys never appear in {@link #toString()}. Immutable.
 */
public final class ApiKeys {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
    public static final String FILE_NAME = "secrets.json";

    private final Map<String, String> env;
    private final Map<String, String> file;

    private ApiKeys(Map<String, String> env, Map<String, String> file) {
        this.env = Map.copyOf(env);
        this.file = Map.copyOf(file);
    }

    public static ApiKeys none() {
        return new ApiKeys(Map.of(), Map.of());
    }

    /** Reads the environment and the secrets file beside {@code configFile}, if it is safe. */
    public static ApiKeys load(Path configFile, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>();
        for (String name : new String[] {"OPENAI_API_KEY", "GEMINI_API_KEY", "PERPLEXITY_API_KEY", "OLLAMA_API_KEY", "OLLAMA_HOST"}) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                env.put(name, value.strip());
            }
        }
        Path secrets = configFile.toAbsolutePath().resolveSibling(FILE_NAME);
        return new ApiKeys(env, readSecrets(secrets));
    }

    private static Map<String, String> readSecrets(Path secrets) {
        if (!Files.isRegularFile(secrets)) {
            return Map.of();
        }
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(secrets, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> perms = posix.readAttributes().permissions();
                if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                    LOG.warn("Ignoring {}: others can read it; run chmod 600 on it", secrets);
                    return Map.of();
                }
            }
            JsonNode root = new ObjectMapper().readTree(secrets.toFile());
            Map<String, String> keys = new HashMap<>();
            if (root != null && root.isObject()) {
                root.properties().forEach(e -> {
                    if (e.getValue().isTextual() && !e.getValue().asText().isBlank()) {
                        keys.put(e.getKey(), e.getValue().asText().strip());
                    }
                });
            }
            return keys;
        } catch (IOException e) {
            // The message could quote the file's content; say only where and what kind of failure.
            LOG.warn("Ignoring {}: it could not be read ({})", secrets, e.getClass().getSimpleName());
            return Map.of();
        }
    }

    /**
     * The key for a provider: the environment variable of its kind, then the secrets file under
     * the provider's id, then under its kind ({@code "openai"}). Simulated providers need none.
     */
    public Optional<String> keyFor(ProviderConfig provider) {
        if (provider.simulator()) {
            return Optional.empty();
        }
        String variable = provider.kind().name() + "_API_KEY";
        if (env.containsKey(variable)) {
            return Optional.of(env.get(variable));
        }
        String byId = file.get(provider.id());
        if (byId != null) {
            return Optional.of(byId);
        }
        return Optional.ofNullable(file.get(provider.kind().id()));
    }

    /** {@code OLLAMA_HOST} as a base URL ({@code http://} and port 11434 added when missing), if set. */
    public Optional<String> ollamaHost() {
        String host = env.get("OLLAMA_HOST");
        if (host == null) {
            return Optional.empty();
        }
        String url = host.contains("://") ? host : "http://" + host;
        String afterScheme = url.substring(url.indexOf("://") + 3);
        if (!afterScheme.contains(":") && !afterScheme.startsWith("[")) {
            int slash = afterScheme.indexOf('/');
            String hostPart = slash < 0 ? afterScheme : afterScheme.substring(0, slash);
            url = url.substring(0, url.indexOf("://") + 3) + hostPart + ":11434" + (slash < 0 ? "" : afterScheme.substring(slash));
        }
        return Optional.of(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** Which sources hold a key, never the keys. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ApiKeys[");
        for (ProviderKind kind : ProviderKind.values()) {
            boolean set = env.containsKey(kind.name() + "_API_KEY") || file.containsKey(kind.id().toLowerCase(Locale.ROOT));
            s.append(kind.id()).append('=').append(set ? "set" : "unset").append(kind.ordinal() < 3 ? ", " : "");
        }
        return s.append(']').toString();
    }
}
