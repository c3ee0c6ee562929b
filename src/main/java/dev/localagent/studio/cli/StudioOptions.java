package dev.localagent.studio.cli;

import dev.localagent.studio.app.Studio;
import dev.localagent.studio.service.config.StudioPaths;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command shares: where the settings file and the data folder are. */
public final class StudioOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Settings file to use instead of the platform's usual one.")
    Path configFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder (database, logs, reports) to use instead of the platform's usual one.")
    Path dataDir;

    StudioPaths paths() {
        return StudioPaths.forCurrentUser(configFile, dataDir);
    }

    /**
     * Starts the studio on these paths. Logging is pointed at the data folder first, because the
     * logging system reads its settings once, on the first logger created.
     */
    Studio startStudio() throws IOException {
        StudioPaths paths = paths();
        if (System.getProperty("studio.log.dir") == null) {
            System.setProperty("studio.log.dir", paths.logDir().toString());
        }
        Studio studio = Studio.start(paths);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("studio-shutdown").unstarted(studio::close));
        return studio;
    }
}
