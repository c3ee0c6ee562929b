package dev.localagent.studio.service.tokens;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Model families whose tokenizer we do not ship, with the starting point of their estimate. The
 * bytes-per-token seeds are rough English figures for each family's vocabulary size; calibration
 * against server-reported usage replaces them after a few replies. The chat-template overheads
 * follow each family's published template (Llama 3: a header of four tokens and an end-of-turn
 * token per message, begin-of-text plus the assistant header before the reply).
 */
public enum ModelFamily {
    LLAMA(4.2, 5, 5, "llama"),
    MISTRAL(3.6, 4, 3, "mistral", "mixtral", "codestral", "ministral", "devstral", "magistral"),
    QWEN(4.0, 5, 3, "qwen", "qwq"),
    GEMMA(4.2, 5, 3, "gemma"),
    DEEPSEEK(3.9, 4, 3, "deepseek"),
    PHI(3.8, 4, 3, "phi"),
    GEMINI(4.0, 0, 0, "gemini"),
    SONAR(4.2, 5, 5, "sonar", "r1-1776"),
    /** A model no rule knows, once a reply has calibrated it. */
    UNKNOWN(4.0, 4, 3);

    private final double seedBytesPerToken;
    private final int tokensPerMessage;
    private final int replyPrimerTokens;
    private final List<String> markers;

    ModelFamily(double seedBytesPerToken, int tokensPerMessage, int replyPrimerTokens, String... markers) {
        this.seedBytesPerToken = seedBytesPerToken;
        this.tokensPerMessage = tokensPerMessage;
        this.replyPrimerTokens = replyPrimerTokens;
        this.markers = List.of(markers);
    }

    public double seedBytesPerToken() {
        return seedBytesPerToken;
    }

    public int tokensPerMessage() {
        return tokensPerMessage;
    }

    public int replyPrimerTokens() {
        return replyPrimerTokens;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The family a model name belongs to ({@code llama3.2:3b}, {@code models/gemini-2.5-flash}, {@code sonar-pro}). */
    public static Optional<ModelFamily> of(String model) {
        String name = model.strip().toLowerCase(Locale.ROOT);
        for (ModelFamily f : values()) {
            for (String marker : f.markers) {
                if (name.contains(marker)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    static List<String> names() {
        return Arrays.stream(values()).filter(f -> f != UNKNOWN).map(ModelFamily::id).toList();
    }
}
