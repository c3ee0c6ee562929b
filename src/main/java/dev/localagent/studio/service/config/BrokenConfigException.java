package dev.localagent.studio.service.config;

/**
 * Thrown instead of overwriting a settings file that did not load. The caller asks the user and,
 * if they agree, calls {@link ConfigStore#saveKeepingBrokenCopy}.
 */
public final class BrokenConfigException extends Exception {

    private final transient ConfigProblem problem;

    public BrokenConfigException(ConfigProblem problem) {
        super("Not saved: " + problem.describe() + ". Fix the file, or confirm to save your settings to a new file.");
        this.problem = problem;
    }

    public ConfigProblem problem() {
        return problem;
    }
}
