package dev.localagent.studio.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * What the {@code screenshot} command renders: one tab of the real window, headless, to a PNG.
 *
 * @param chatPrompt for the chat tab: a prompt sent before the picture is taken, so it shows a real
 *     reply with its facts; null for none
 */
public record ScreenshotSpec(StudioTab tab, Path out, ScreenshotTheme theme, int width, int height, String chatPrompt) {

    public static final int DEFAULT_WIDTH = 1280;
    public static final int DEFAULT_HEIGHT = 800;

    /** A fixed theme, so a screenshot does not depend on the machine that made it. */
    public enum ScreenshotTheme {
        LIGHT,
        DARK;

        public static ScreenshotTheme parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    public ScreenshotSpec {
        Objects.requireNonNull(tab, "tab");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(theme, "theme");
        if (width < 200 || height < 150 || width > 8192 || height > 8192) {
            throw new IllegalArgumentException("the size must be between 200x150 and 8192x8192 (was " + width + "x" + height + ")");
        }
        if (chatPrompt != null && tab != StudioTab.CHAT) {
            throw new IllegalArgumentException("--prompt only applies to the chat tab");
        }
    }

    public ScreenshotSpec(StudioTab tab, Path out, ScreenshotTheme theme, int width, int height) {
        this(tab, out, theme, width, height, null);
    }
}
