package dev.localagent.studio.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localagent.studio.service.config.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps {@link WindowState} in {@code window.json} in the data folder. A broken file just means defaults. */
public final class WindowStateStore {

    private static final Logger LOG = LoggerFactory.getLogger(WindowStateStore.class);

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper();

    public WindowStateStore(Path file) {
        this.file = file;
    }

    public WindowState load() {
        if (!Files.exists(file)) {
            return WindowState.DEFAULT;
        }
        try {
            JsonNode node = mapper.readTree(file.toFile());
            WindowState d = WindowState.DEFAULT;
            StudioTab tab;
            try {
                tab = StudioTab.fromId(node.path("lastTab").asText(d.lastTab().id()));
            } catch (IllegalArgumentException e) {
                tab = d.lastTab();
            }
            return new WindowState(
                    node.path("x").asDouble(d.x()),
                    node.path("y").asDouble(d.y()),
                    Math.max(400, node.path("width").asDouble(d.width())),
                    Math.max(300, node.path("height").asDouble(d.height())),
                    node.path("maximized").asBoolean(false),
                    tab);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Window state in {} could not be read ({}); using the default layout", file, e.getMessage());
            return WindowState.DEFAULT;
        }
    }

    public void save(WindowState state) throws IOException {
        ObjectNode node = mapper.createObjectNode();
        if (state.hasPosition()) {
            node.put("x", state.x()).put("y", state.y());
        }
        node.put("width", state.width())
                .put("height", state.height())
                .put("maximized", state.maximized())
                .put("lastTab", state.lastTab().id());
        AtomicFileWriter.writeString(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    }
}
