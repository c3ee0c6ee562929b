package dev.localagent.studio.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StudioPathsTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void linuxFollowsTheXdgDirectories() {
        StudioPaths paths = StudioPaths.resolve("Linux", Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "/data"), HOME, null, null);

        assertThat(paths.configFile()).isEqualTo(Path.of("/cfg/localagent-studio/config.json"));
        assertThat(paths.dataDir()).isEqualTo(Path.of("/data/localagent-studio"));
        assertThat(paths.logDir()).isEqualTo(Path.of("/data/localagent-studio/logs"));
    }

    @Test
    void linuxFallsBackToTheXdgDefaultsWhenTheVariablesAreUnsetOrRelative() {
        StudioPaths paths = StudioPaths.resolve("Linux", Map.of("XDG_CONFIG_HOME", "relative/dir"), HOME, null, null);

        assertThat(paths.configFile()).isEqualTo(Path.of("/home/ada/.config/localagent-studio/config.json"));
        assertThat(paths.dataDir()).isEqualTo(Path.of("/home/ada/.local/share/localagent-studio"));
    }

    @Test
    void macOsUsesApplicationSupport() {
        StudioPaths paths = StudioPaths.resolve("Mac OS X", Map.of(), HOME, null, null);

        assertThat(paths.configFile()).isEqualTo(Path.of("/home/ada/Library/Application Support/LocalAgent Studio/config.json"));
    }

    @Test
    void windowsUsesAppData() {
        StudioPaths paths = StudioPaths.resolve("Windows 11", Map.of("APPDATA", "/roaming", "LOCALAPPDATA", "/local"), HOME, null, null);

        assertThat(paths.configFile()).isEqualTo(Path.of("/roaming/LocalAgent Studio/config.json"));
        assertThat(paths.dataDir()).isEqualTo(Path.of("/local/LocalAgent Studio"));
    }

    @Test
    void overridesWinOverThePlatform() {
        StudioPaths paths = StudioPaths.resolve("Linux", Map.of(), HOME, Path.of("/tmp/c.json"), Path.of("/tmp/d"));

        assertThat(paths.configFile()).isEqualTo(Path.of("/tmp/c.json"));
        assertThat(paths.dataDir()).isEqualTo(Path.of("/tmp/d"));
    }
}
