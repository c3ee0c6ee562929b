package dev.localagent.studio.service.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a user can set, as read from {@code config.json} merged over the defaults.
 * Immutable and thread-safe; changing a setting builds a new instance.
 *
 * @param prices the user's prices by model name, laid over the bundled dated price table
 */
public record StudioConfig(int version, UiSettings ui, HttpSettings http, CacheLimits cache, List<ProviderConfig> providers,
        Map<String, PriceOverride> prices) {

    /** The file format this build reads and writes. */
    public static final int CURRENT_VERSION = 1;

    public StudioConfig {
        Objects.requireNonNull(ui, "ui");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(cache, "cache");
        providers = List.copyOf(providers);
        prices = prices == null ? Map.of() : Map.copyOf(prices);
    }

    /** A configuration without price overrides. */
    public StudioConfig(int version, UiSettings ui, HttpSettings http, CacheLimits cache, List<ProviderConfig> providers) {
        this(version, ui, http, cache, providers, Map.of());
    }

    public Optional<ProviderConfig> provider(String id) {
        return providers.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The provider with this id; a user's typo gets the list of ids there are. */
    public ProviderConfig requireProvider(String id) {
        return provider(id).orElseThrow(() -> new IllegalArgumentException("unknown provider '" + id + "' (configured: "
                + String.join(", ", providers.stream().map(ProviderConfig::id).toList()) + ")"));
    }

    public StudioConfig withUi(UiSettings newUi) {
        return new StudioConfig(version, newUi, http, cache, providers, prices);
    }

    public StudioConfig withProvider(ProviderConfig changed) {
        List<ProviderConfig> replaced = providers.stream()
                .map(p -> p.id().equals(changed.id()) ? changed : p)
                .toList();
        return new StudioConfig(version, ui, http, cache, replaced, prices);
    }
}
