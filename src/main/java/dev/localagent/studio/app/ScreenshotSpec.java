package dev.localagent.studio.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * What the {@code screenshot} command renders: one tab of the real window, headless, to a PNG.
 *
 * @param chatPrompt for the chat tab: a prompt sent before the picture is taken, so it shows a real
 *     reply with its facts; null for none
 * @param benchSeconds for the benchmark tab: the length of a short load run against the simulator
 *     made before the picture is taken, so it shows live charts and results; null for none
 */
public record ScreenshotSpec(StudioTab tab, Path out, ScreenshotTheme theme, int width, int height, String chatPrompt,
        Integer benchSeconds) {

    /** The longest benchmark a screenshot waits for (the render gives up after 60 s). */
    public static final int MAX_BENCH_SECONDS = 30;

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
        if (benchSeconds != null && tab != StudioTab.BENCHMARK) {
            throw new IllegalArgumentException("--bench-seconds only applies to the benchmark tab");
        }
        if (benchSeconds != null && (benchSeconds < 1 || benchSeconds > MAX_BENCH_SECONDS)) {
            throw new IllegalArgumentException("--bench-seconds must be between 1 and " + MAX_BENCH_SECONDS + " (was " + benchSeconds + ")");
        }
    }

    public ScreenshotSpec(StudioTab tab, Path out, ScreenshotTheme theme, int width, int height, String chatPrompt) {
        this(tab, out, theme, width, height, chatPrompt, null);
    }

    public ScreenshotSpec(StudioTab tab, Path out, ScreenshotTheme theme, int width, int height) {
        this(tab, out, theme, width, height, null, null);
    }
}
