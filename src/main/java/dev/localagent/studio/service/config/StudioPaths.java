package dev.localagent.studio.service.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the settings file and the data folder (database, logs, reports) live: the platform's usual
 * places, unless {@code --config} or {@code --data-dir} say otherwise.
 */
public record StudioPaths(Path configFile, Path dataDir) {

    private static final String LINUX_DIR = "localagent-studio";
    private static final String DESKTOP_DIR = "LocalAgent Studio";

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    /** Paths for this machine and user. Either override may be null. */
    public static StudioPaths forCurrentUser(Path configOverride, Path dataDirOverride) {
        return resolve(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")),
                configOverride, dataDirOverride);
    }

    static StudioPaths resolve(String osName, Map<String, String> env, Path home, Path configOverride, Path dataDirOverride) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path configDir;
        Path dataDir;
        if (os.startsWith("windows")) {
            Path roaming = envPath(env, "APPDATA", home.resolve("AppData").resolve("Roaming"));
            Path local = envPath(env, "LOCALAPPDATA", home.resolve("AppData").resolve("Local"));
            configDir = roaming.resolve(DESKTOP_DIR);
            dataDir = local.resolve(DESKTOP_DIR);
        } else if (os.startsWith("mac")) {
            configDir = home.resolve("Library").resolve("Application Support").resolve(DESKTOP_DIR);
            dataDir = configDir.resolve("data");
        } else {
            configDir = envPath(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve(LINUX_DIR);
            dataDir = envPath(env, "XDG_DATA_HOME", home.resolve(".local").resolve("share")).resolve(LINUX_DIR);
        }
        return new StudioPaths(
                configOverride != null ? configOverride.toAbsolutePath() : configDir.resolve("config.json"),
                dataDirOverride != null ? dataDirOverride.toAbsolutePath() : dataDir);
    }

    /** XDG says a relative or empty value is to be ignored. */
    private static Path envPath(Map<String, String> env, String name, Path fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Path path = Path.of(value);
        return path.isAbsolute() ? path : fallback;
    }
}
