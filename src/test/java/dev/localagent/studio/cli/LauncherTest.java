package dev.localagent.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.Launcher;
import dev.localagent.studio.app.GuiFrontEnd;
import dev.localagent.studio.app.ScreenshotSpec;
import dev.localagent.studio.app.Studio;
import dev.localagent.studio.ui.shell.FxFrontEnd;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command-line contract of ARCHITECTURE.md, run in-process through the real launcher. */
class LauncherTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(GuiFrontEnd gui, String... args) {
        return Launcher.run(args, gui, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private int run(String... args) {
        return run(new FxFrontEnd(), args);
    }

    private String[] withTempFolders(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = dir.resolve("config.json").toString();
        all[args.length + 2] = "--data-dir";
        all[args.length + 3] = dir.resolve("data").toString();
        return all;
    }

    @Test
    void versionPrintsTheNameAndVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).matches("LocalAgent Studio \\d+\\.\\d+\\.\\d+.*\\R");
    }

    @Test
    void helpListsEveryCommandOfTheContract() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("sim", "chat", "bench", "tokens", "screenshot", "--config", "--data-dir");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitCode2() {
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(err.toString()).startsWith("Unknown option: '--frobnicate'").contains("Usage: studio");
    }

    @Test
    void noArgumentsOpensTheWindowOnTheGivenFolders() {
        AtomicReference<Path> openedWith = new AtomicReference<>();
        GuiFrontEnd recordingGui = new GuiFrontEnd() {
            @Override
            public void open(Studio studio) {
                openedWith.set(studio.paths().configFile());
            }

            @Override
            public void screenshot(Studio studio, ScreenshotSpec spec) {
                throw new AssertionError("not expected");
            }
        };

        assertThat(run(recordingGui, withTempFolders())).isZero();
        assertThat(openedWith.get()).isEqualTo(dir.resolve("config.json"));
    }

    @Test
    void aFailingCommandPrintsOneLineAndExits1() {
        GuiFrontEnd brokenDisplay = new GuiFrontEnd() {
            @Override
            public void open(Studio studio) {
                throw new IllegalStateException("Cannot open the window (no display)");
            }

            @Override
            public void screenshot(Studio studio, ScreenshotSpec spec) {
                throw new AssertionError("not expected");
            }
        };

        assertThat(run(brokenDisplay, withTempFolders())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("studio: Cannot open the window (no display)" + System.lineSeparator());
    }

    @ParameterizedTest
    @ValueSource(strings = {"light", "dark"})
    void screenshotWritesAPngOfTheRequestedSizeThatIsNotBlank(String theme) throws Exception {
        Path png = dir.resolve("shots/settings-" + theme + ".png");

        int code = run(withTempFolders("screenshot", "--tab", "settings", "--out", png.toString(), "--theme", theme,
                "--width", "900", "--height", "600"));

        assertThat(code).as(err.toString()).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(600);
        assertThat(distinctColours(image)).as("a rendered window, not a blank canvas").isGreaterThan(16);
        int corner = image.getRGB(450, 300) & 0xFFFFFF;
        int brightness = ((corner >> 16) & 0xFF) + ((corner >> 8) & 0xFF) + (corner & 0xFF);
        if (theme.equals("dark")) {
            assertThat(brightness).as("dark background").isLessThan(3 * 96);
        } else {
            assertThat(brightness).as("light background").isGreaterThan(3 * 192);
        }
    }

    @Test
    void screenshotRejectsAnUnknownTabWithOneLine() {
        assertThat(run(withTempFolders("screenshot", "--tab", "kitchen", "--out", dir.resolve("x.png").toString()))).isEqualTo(2);
        assertThat(err.toString()).startsWith("unknown tab 'kitchen' (expected chat, benchmark, dashboard or settings)");
    }

    @Test
    void aChatScreenshotCanShowARealReply() throws Exception {
        Path png = dir.resolve("chat.png");

        int code = run(withTempFolders("screenshot", "--tab", "chat", "--prompt", "Say hello", "--out", png.toString(),
                "--width", "800", "--height", "600"));

        assertThat(code).as(err.toString()).isZero();
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(800);
    }

    @Test
    void aPromptOnlyAppliesToTheChatTab() {
        assertThat(run(withTempFolders("screenshot", "--tab", "settings", "--prompt", "hi", "--out", dir.resolve("x.png").toString())))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("--prompt only applies to the chat tab");
    }

    @Test
    void aBenchmarkScreenshotCanShowAShortRun() throws Exception {
        Path png = dir.resolve("bench.png");

        int code = run(withTempFolders("screenshot", "--tab", "benchmark", "--bench-seconds", "2", "--out", png.toString(),
                "--width", "1000", "--height", "700"));

        assertThat(code).as(err.toString()).isZero();
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(1000);
    }

    @Test
    void benchSecondsOnlyApplyToTheBenchmarkTabAndWithinLimits() {
        assertThat(run(withTempFolders("screenshot", "--tab", "chat", "--bench-seconds", "3", "--out", dir.resolve("x.png").toString())))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("--bench-seconds only applies to the benchmark tab");
        err.getBuffer().setLength(0);
        assertThat(run(withTempFolders("screenshot", "--tab", "benchmark", "--bench-seconds", "0", "--out", dir.resolve("x.png").toString())))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("--bench-seconds must be between 1 and 30 (was 0)");
    }

    @Test
    void screenshotRejectsAnUnknownTheme() {
        assertThat(run(withTempFolders("screenshot", "--tab", "chat", "--theme", "sepia", "--out", dir.resolve("x.png").toString()))).isEqualTo(2);
        assertThat(err.toString()).startsWith("unknown theme 'sepia' (expected light or dark)");
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
