package dev.localagent.studio.service.config;

import java.nio.file.Path;

/**
 * What is wrong with a settings file, precise enough to fix it: the file, where in it, which field,
 * and what is wrong. {@code line} and {@code column} are 0 when unknown; {@code field} is empty for
 * problems of syntax.
 */
public record ConfigProblem(Path file, int line, int column, String field, String message) {

    /** One sentence for a person: {@code config.json, line 4, column 17, providers[0].rateLimit.burst: must be at least 1}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(file.toString());
        if (line > 0) {
            sb.append(", line ").append(line);
            if (column > 0) {
                sb.append(", column ").append(column);
            }
        }
        if (!field.isEmpty()) {
            sb.append(", ").append(field);
        }
        return sb.append(": ").append(message).toString();
    }
}
