package dev.localagent.studio.service.config;

import java.util.Objects;

/** Appearance settings. Window geometry is state, not a setting, and lives elsewhere. */
public record UiSettings(ThemePreference theme) {

    public static final UiSettings DEFAULT = new UiSettings(ThemePreference.SYSTEM);

    public UiSettings {
        Objects.requireNonNull(theme, "theme");
    }

    public UiSettings withTheme(ThemePreference newTheme) {
        return new UiSettings(newTheme);
    }
}
