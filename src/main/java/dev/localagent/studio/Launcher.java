package dev.localagent.studio;

import dev.localagent.studio.app.GuiFrontEnd;
import dev.localagent.studio.cli.StudioCommand;
import dev.localagent.studio.ui.shell.FxFrontEnd;
import java.io.PrintWriter;

/**
 * The one entry point: no arguments opens the window, a subcommand runs headless. It is the only
 * class that sees both the command line and the UI, and hands the UI to the command line.
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) {
        int exitCode = run(args, new FxFrontEnd(), new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(exitCode);
    }

    public static int run(String[] args, GuiFrontEnd gui, PrintWriter out, PrintWriter err) {
        return StudioCommand.commandLine(gui, out, err).execute(args);
    }
}
