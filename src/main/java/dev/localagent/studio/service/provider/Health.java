package dev.localagent.studio.service.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * The answer to "is this provider up?".
 *
 * @param latency how long the probe took, also when it failed
 * @param version the server's version where it tells one (Ollama), else null
 * @param error why it is not up, else null
 */
public record Health(boolean up, Duration latency, String version, ProviderException error) {

    public static Health up(Duration latency, String version) {
        return new Health(true, latency, version, null);
    }

    public static Health down(Duration latency, ProviderException error) {
        return new Health(false, latency, null, error);
    }

    public Optional<String> versionIfKnown() {
        return Optional.ofNullable(version);
    }
}
