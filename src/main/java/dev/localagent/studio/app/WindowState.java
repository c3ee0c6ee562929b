package dev.localagent.studio.app;

/**
 * Where the main window was and which tab was open, kept between runs. This is state, not a
 * setting: it lives in the data folder, not in {@code config.json}.
 */
public record WindowState(double x, double y, double width, double height, boolean maximized, StudioTab lastTab) {

    public static final WindowState DEFAULT = new WindowState(Double.NaN, Double.NaN, 1280, 800, false, StudioTab.CHAT);

    public boolean hasPosition() {
        return !Double.isNaN(x) && !Double.isNaN(y);
    }
}
