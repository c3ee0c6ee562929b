package dev.localagent.studio.app;

import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.provider.Provider;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds a configured provider by id and makes its client; a simulated one ({@code sim-*}) first
 * starts the in-process simulator (once, owned by the studio) to learn its address.
 */
public final class ProviderLookup {

    private final Studio studio;
    private SimulatorHost simulator;

    public ProviderLookup(Studio studio) {
        this.studio = studio;
    }

    /**
     * @param baseUrlOverride a base URL to use instead of the config's (and instead of starting the simulator), or null
     * @return empty when no provider has that id
     * @throws IOException when the simulator cannot start
     */
    public synchronized Optional<Provider> provider(String id, String baseUrlOverride) throws IOException {
        Optional<ProviderConfig> found = studio.config().provider(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ProviderConfig config = found.get();
        if (baseUrlOverride != null && !baseUrlOverride.isBlank()) {
            config = config.withBaseUrl(baseUrlOverride);
        } else if (config.simulator()) {
            if (simulator == null) {
                simulator = studio.own(SimulatorHost.start(SimulatorOptions.inProcess()));
            }
            config = config.withBaseUrl(simulator.baseUrl(config.kind()));
        }
        return Optional.of(studio.providers().create(config));
    }
}
