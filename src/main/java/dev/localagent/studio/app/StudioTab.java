package dev.localagent.studio.app;

import java.util.Locale;

/** The views of the main window, in their order on screen. */
public enum StudioTab {
    CHAT("Chat"),
    BENCHMARK("Benchmark"),
    DASHBOARD("Dashboard"),
    SETTINGS("Settings");

    private final String title;

    StudioTab(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StudioTab fromId(String id) {
        for (StudioTab tab : values()) {
            if (tab.id().equalsIgnoreCase(id.trim())) {
                return tab;
            }
        }
        throw new IllegalArgumentException("unknown tab '" + id + "' (expected chat, benchmark, dashboard or settings)");
    }
}
