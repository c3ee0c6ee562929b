package dev.localagent.studio.service.config;

/** Light or dark, or whatever the operating system prefers at the moment. */
public enum ThemePreference {
    SYSTEM,
    LIGHT,
    DARK
}
