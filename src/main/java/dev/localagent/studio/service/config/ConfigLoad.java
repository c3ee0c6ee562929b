package dev.localagent.studio.service.config;

import java.util.Optional;

/**
 * The outcome of reading the settings file. A broken file never stops the app: {@code config} then
 * holds the defaults and {@code problem} says what is wrong.
 */
public record ConfigLoad(StudioConfig config, Optional<ConfigProblem> problem) {

    public boolean broken() {
        return problem.isPresent();
    }
}
