package dev.localagent.studio.service.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes {@code config.json}. A file that does not parse or breaks a rule yields the
 * defaults plus a {@link ConfigProblem}, and is never overwritten behind the user's back. Writes
 * are atomic and keep every field of the file this build does not know. Thread-safe.
 */
public final class ConfigStore {

    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path file;
    private final Clock clock;
    private final ObjectMapper mapper = ConfigJson.mapper();
    private final ConfigTree trees = new ConfigTree(mapper);

    /** The user's own tree as last read or written; unknown fields live here. */
    private ObjectNode userTree = JsonNodeFactory.instance.objectNode();
    private ConfigProblem problem;

    public ConfigStore(Path file, Clock clock) {
        this.file = file.toAbsolutePath();
        this.clock = clock;
    }

    public ConfigStore(Path file) {
        this(file, Clock.systemUTC());
    }

    public Path file() {
        return file;
    }

    public synchronized ConfigLoad load() {
        problem = null;
        userTree = JsonNodeFactory.instance.objectNode();
        String text;
        try {
            text = readUtf8();
        } catch (NoSuchFileException e) {
            return new ConfigLoad(ConfigDefaults.config(), Optional.empty());
        } catch (CharacterCodingException e) {
            return broken(new ConfigProblem(file, 0, 0, "", "is not UTF-8 text"));
        } catch (IOException e) {
            return broken(new ConfigProblem(file, 0, 0, "", "cannot be read: " + e.getMessage()));
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return broken(new ConfigProblem(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), "",
                    "is not valid JSON: " + firstLine(e.getOriginalMessage())));
        }
        if (root == null || root.isMissingNode()) {
            return broken(new ConfigProblem(file, 0, 0, "", "is empty; delete it to start from the defaults"));
        }
        if (!root.isObject()) {
            return broken(new ConfigProblem(file, 1, 1, "", "must hold a JSON object { ... } at the top level"));
        }
        userTree = (ObjectNode) root;
        JsonLocator locator = JsonLocator.of(text);
        ConfigTree.Merged merged;
        try {
            merged = trees.overDefaults(userTree);
        } catch (ConfigTree.TreeException e) {
            return broken(at(locator, e.pointer, e.field, e.getMessage()));
        }
        StudioConfig config;
        try {
            config = mapper.treeToValue(merged.tree(), StudioConfig.class);
        } catch (JsonMappingException e) {
            return broken(mappingProblem(locator, merged, e));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return broken(new ConfigProblem(file, 0, 0, "", firstLine(e.getMessage())));
        }
        List<ConfigValidator.Violation> violations = ConfigValidator.validate(config);
        if (!violations.isEmpty()) {
            ConfigValidator.Violation v = violations.getFirst();
            return broken(at(locator, pointerOf(v, merged.userIndexById()), fieldOf(v), v.message()));
        }
        return new ConfigLoad(config, Optional.empty());
    }

    /**
     * Writes the settings, keeping unknown fields of the file.
     *
     * @throws BrokenConfigException when the file did not load; it is then left untouched
     */
    public synchronized void save(StudioConfig config) throws IOException, BrokenConfigException {
        if (problem != null) {
            throw new BrokenConfigException(problem);
        }
        write(config);
    }

    /**
     * The user confirmed: the broken file is first copied aside (never overwritten), then the
     * settings are written in its place.
     *
     * @return where the broken file's content was kept
     */
    public synchronized Path saveKeepingBrokenCopy(StudioConfig config) throws IOException {
        Path kept = null;
        if (Files.exists(file)) {
            String base = file.getFileName().toString().replaceFirst("\\.json$", "");
            kept = file.resolveSibling(base + ".broken-" + BACKUP_STAMP.format(clock.instant()) + ".json");
            for (int n = 2; Files.exists(kept); n++) {
                kept = file.resolveSibling(base + ".broken-" + BACKUP_STAMP.format(clock.instant()) + "-" + n + ".json");
            }
            Files.copy(file, kept);
        }
        if (problem != null && problem.field().isEmpty()) {
            userTree = JsonNodeFactory.instance.objectNode(); // unparsable: nothing to keep but the copy
        }
        write(config);
        problem = null;
        return kept;
    }

    private void write(StudioConfig config) throws IOException {
        ObjectNode out = trees.forWriting(userTree, config);
        byte[] bytes = (mapper.writeValueAsString(out) + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        AtomicFileWriter.write(file, stream -> stream.write(bytes));
        userTree = out;
    }

    private String readUtf8() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }

    private ConfigLoad broken(ConfigProblem found) {
        problem = found;
        return new ConfigLoad(ConfigDefaults.config(), Optional.of(found));
    }

    private ConfigProblem at(JsonLocator locator, String pointer, String field, String message) {
        JsonLocator.Position pos = locator.find(pointer);
        return new ConfigProblem(file, pos == null ? 0 : pos.line(), pos == null ? 0 : pos.column(), field, message);
    }

    private ConfigProblem mappingProblem(JsonLocator locator, ConfigTree.Merged merged, JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        StringBuilder field = new StringBuilder();
        boolean inProviders = false;
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                pointer.append('/').append(ref.getFieldName());
                field.append(field.isEmpty() ? "" : ".").append(ref.getFieldName());
                inProviders = ref.getFieldName().equals("providers") && field.toString().equals("providers");
            } else if (ref.getIndex() >= 0) {
                int index = ref.getIndex();
                if (inProviders && index < merged.providerIds().size()) {
                    String id = merged.providerIds().get(index);
                    Integer userIndex = merged.userIndexById().get(id);
                    pointer.append('/').append(userIndex == null ? index : userIndex);
                    field.append('[').append(id).append(']');
                } else {
                    pointer.append('/').append(index);
                    field.append('[').append(index).append(']');
                }
                inProviders = false;
            }
        }
        return at(locator, pointer.toString(), field.toString(), describeMismatch(e));
    }

    private static String describeMismatch(JsonMappingException e) {
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String was = e instanceof InvalidFormatException invalid ? " (was " + quoted(invalid.getValue()) + ")" : "";
            return "must be " + expected(mismatch.getTargetType()) + was;
        }
        return firstLine(e.getOriginalMessage());
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT))
                    .collect(java.util.stream.Collectors.joining(", "));
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    private static String quoted(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String pointerOf(ConfigValidator.Violation v, Map<String, Integer> userIndexById) {
        String fieldPointer = "/" + v.field().replace('.', '/');
        if (v.providerId() == null) {
            return fieldPointer;
        }
        Integer userIndex = userIndexById.get(v.providerId());
        return userIndex == null ? "/providers" : "/providers/" + userIndex + fieldPointer;
    }

    private static String fieldOf(ConfigValidator.Violation v) {
        return v.providerId() == null ? v.field() : "providers[" + v.providerId() + "]." + v.field();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
