package dev.localagent.studio.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * A command of the contract whose feature has not landed yet. It exists so scripts and help text
 * see the whole command set, and it says plainly that it cannot run: exit code 2.
 */
@Command(mixinStandardHelpOptions = true)
final class PendingCommand implements Callable<Integer> {

    static final int EXIT_NOT_AVAILABLE = 2;

    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> ignored;

    private final String name;

    private PendingCommand(String name) {
        this.name = name;
    }

    static void add(CommandLine parent, String name, String description) {
        CommandLine sub = new CommandLine(new PendingCommand(name));
        sub.getCommandSpec().usageMessage().description(description, "(Not available in this build yet.)");
        parent.addSubcommand(name, sub);
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("not available yet: " + name);
        return EXIT_NOT_AVAILABLE;
    }
}
