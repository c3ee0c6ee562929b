package dev.localagent.studio.service.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The prompts a run draws from, in order. Built in: {@code short-chat}, {@code long-context} and
 * {@code code}; or a JSONL file with one {@code {"prompt": "...", "system": "..."}} per line.
 */
public record PromptSet(String name, List<BenchPrompt> prompts) {

    public static final List<String> BUILT_IN = List.of("short-chat", "long-context", "code");

    public PromptSet {
        prompts = List.copyOf(prompts);
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("prompt set '" + name + "' has no prompts");
        }
    }

    public int size() {
        return prompts.size();
    }

    public BenchPrompt get(int i) {
        return prompts.get(i);
    }

    /** A built-in set by name. */
    public static PromptSet builtIn(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "short-chat" -> new PromptSet("short-chat", BuiltInPrompts.shortChat());
            case "long-context" -> new PromptSet("long-context", BuiltInPrompts.longContext());
            case "code" -> new PromptSet("code", BuiltInPrompts.code());
            default -> throw new IllegalArgumentException("unknown prompt set '" + name + "' (built in: "
                    + String.join(", ", BUILT_IN) + "; or give a .jsonl file)");
        };
    }

    /** A built-in name or a path to a JSONL file. */
    public static PromptSet named(String nameOrFile) {
        if (BUILT_IN.contains(nameOrFile.strip().toLowerCase(Locale.ROOT))) {
            return builtIn(nameOrFile);
        }
        return fromJsonl(Path.of(nameOrFile));
    }

    /**
     * Reads a JSONL file: one object per line with {@code prompt} (required) and {@code system};
     * blank lines are skipped. Errors name the file and line.
     */
    public static PromptSet fromJsonl(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("prompt file not found: " + file);
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read prompt file " + file + ": " + e.getMessage());
        }
        ObjectMapper json = new ObjectMapper();
        List<BenchPrompt> prompts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": not JSON (" + e.getOriginalMessage() + ")");
            }
            JsonNode prompt = node == null ? null : node.get("prompt");
            if (prompt == null || !prompt.isTextual() || prompt.asText().isBlank()) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": needs a non-empty \"prompt\" string");
            }
            JsonNode system = node.get("system");
            prompts.add(new BenchPrompt(system != null && system.isTextual() ? system.asText() : null, prompt.asText()));
        }
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException(file + " has no prompts (one JSON object with \"prompt\" per line)");
        }
        return new PromptSet(file.getFileName().toString(), prompts);
    }
}
