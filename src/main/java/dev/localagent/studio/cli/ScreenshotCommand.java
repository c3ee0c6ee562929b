package dev.localagent.studio.cli;

import dev.localagent.studio.app.GuiFrontEnd;
import dev.localagent.studio.app.ScreenshotSpec;
import dev.localagent.studio.app.Studio;
import dev.localagent.studio.app.StudioTab;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code studio screenshot}: renders one tab of the real window headless to a PNG. */
@Command(name = "screenshot", mixinStandardHelpOptions = true,
        description = "Render one tab of the real window headless (no display needed) and write it as a PNG.")
final class ScreenshotCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StudioOptions options;

    @Option(names = "--tab", required = true, paramLabel = "TAB", description = "chat, benchmark, dashboard or settings.")
    String tab;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "Where to write the PNG.")
    Path out;

    @Option(names = "--theme", defaultValue = "light", paramLabel = "THEME", description = "light or dark (default: ${DEFAULT-VALUE}).")
    String theme;

    @Option(names = "--width", defaultValue = "" + ScreenshotSpec.DEFAULT_WIDTH, description = "Window width in pixels (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "" + ScreenshotSpec.DEFAULT_HEIGHT, description = "Window height in pixels (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--prompt", paramLabel = "TEXT",
            description = "Chat tab only: send this prompt (to the first provider, the built-in simulator) and wait for the reply before taking the picture.")
    String prompt;

    @Option(names = "--bench-seconds", paramLabel = "N",
            description = "Benchmark tab only: run a short load benchmark of N seconds against the built-in simulator first, so the picture shows live charts and results.")
    Integer benchSeconds;

    private final GuiFrontEnd gui;

    ScreenshotCommand(GuiFrontEnd gui) {
        this.gui = gui;
    }

    @Override
    public Integer call() throws Exception {
        ScreenshotSpec request = parse();
        try (Studio studio = options.startStudio()) {
            gui.screenshot(studio, request);
        }
        spec.commandLine().getOut().println("wrote " + request.out() + " (" + width + "x" + height + ", " + request.tab().id() + ", "
                + request.theme().name().toLowerCase(java.util.Locale.ROOT) + ")");
        return 0;
    }

    private ScreenshotSpec parse() {
        try {
            return new ScreenshotSpec(StudioTab.fromId(tab), out.toAbsolutePath(), ScreenshotSpec.ScreenshotTheme.parse(theme), width, height,
                    prompt, benchSeconds);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage().startsWith("No enum constant")
                    ? "unknown theme '" + theme + "' (expected light or dark)"
                    : e.getMessage();
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
