package dev.localagent.studio.service.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a user can set, as read from {@code config.json} merged over the defaults.
 * Immutable and thread-safe; changing a setting builds a new instance.
 */
public record StudioConfig(int version, UiSettings ui, HttpSettings http, CacheLimits cache, List<ProviderConfig> providers) {

    /** The file format this build reads and writes. */
    public static final int CURRENT_VERSION = 1;

    public StudioConfig {
        Objects.requireNonNull(ui, "ui");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(cache, "cache");
        providers = List.copyOf(providers);
    }

    public Optional<ProviderConfig> provider(String id) {
        return providers.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public StudioConfig withUi(UiSettings newUi) {
        return new StudioConfig(version, newUi, http, cache, providers);
    }

    public StudioConfig withProvider(ProviderConfig changed) {
        List<ProviderConfig> replaced = providers.stream()
                .map(p -> p.id().equals(changed.id()) ? changed : p)
                .toList();
        return new StudioConfig(version, ui, http, cache, replaced);
    }
}
