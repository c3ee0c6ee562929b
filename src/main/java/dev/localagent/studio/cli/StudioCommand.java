package dev.localagent.studio.cli;

import dev.localagent.studio.app.AppInfo;
import dev.localagent.studio.app.GuiFrontEnd;
import dev.localagent.studio.app.Studio;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code studio}: with no subcommand, opens the window. */
@Command(
        name = "studio",
        mixinStandardHelpOptions = true,
        versionProvider = StudioCommand.Version.class,
        description = {
            "A desktop workbench for people who build on LLM providers.",
            "With no command, opens the window; the commands run headless."
        })
public final class StudioCommand implements Callable<Integer> {

    @Mixin
    StudioOptions options;

    private final GuiFrontEnd gui;

    private StudioCommand(GuiFrontEnd gui) {
        this.gui = gui;
    }

    /** The command line with every subcommand of the contract in ARCHITECTURE.md. */
    public static CommandLine commandLine(GuiFrontEnd gui, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new StudioCommand(gui));
        PendingCommand.add(cli, "sim", "Serve the built-in provider simulator on loopback.");
        PendingCommand.add(cli, "chat", "Send one prompt to a provider and print the reply as it streams.");
        PendingCommand.add(cli, "bench", "Run a benchmark scenario against a provider and report it.");
        cli.addSubcommand("tokens", new TokensCommand());
        cli.addSubcommand("screenshot", new ScreenshotCommand(gui));
        cli.setOut(out);
        cli.setErr(err);
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        try (Studio studio = options.startStudio()) {
            gui.open(studio);
        }
        return 0;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {AppInfo.NAME + " " + AppInfo.version()};
        }
    }
}
