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

    /** Logged to the file only (see logback.xml): the console already got its one line. */
    private static final String FAILURE_LOG = "dev.localagent.studio.failures";

    @Mixin
    StudioOptions options;

    private final GuiFrontEnd gui;

    private StudioCommand(GuiFrontEnd gui) {
        this.gui = gui;
    }

    /** The command line with every subcommand of the contract in ARCHITECTURE.md. */
    public static CommandLine commandLine(GuiFrontEnd gui, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new StudioCommand(gui));
        cli.addSubcommand("sim", new SimCommand());
        cli.addSubcommand("chat", new ChatCommand());
        cli.addSubcommand("bench", new BenchCommand());
        cli.addSubcommand("tokens", new TokensCommand());
        cli.addSubcommand("screenshot", new ScreenshotCommand(gui));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(StudioCommand::reportFailure);
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        try (Studio studio = options.startStudio()) {
            gui.open(studio);
        }
        return 0;
    }

    /**
     * A command that fails prints one line, not a stack trace: what went wrong, in the words of the
     * exception that knows. The full trace goes to the log file.
     */
    private static int reportFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        cmd.getErr().println(cmd.getCommandName() + ": " + message);
        org.slf4j.LoggerFactory.getLogger(FAILURE_LOG).error("{} failed", cmd.getCommandName(), e);
        return 1;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {AppInfo.NAME + " " + AppInfo.version()};
        }
    }
}
