package dev.localagent.studio.service.tokens;

import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which exact BPE encoding an OpenAI model uses, after tiktoken's {@code model.py}: exact names
 * first, then prefixes. gpt-oss's {@code o200k_harmony} adds only special tokens to o200k_base, so
 * ordinary text counts the same under o200k_base.
 */
final class OpenAiEncodings {

    private record Prefix(String prefix, EncodingType encoding) {}

    private static final List<Prefix> PREFIXES = List.of(
            new Prefix("gpt-5", EncodingType.O200K_BASE),
            new Prefix("gpt-4.1", EncodingType.O200K_BASE),
            new Prefix("gpt-4.5", EncodingType.O200K_BASE),
            new Prefix("gpt-4o", EncodingType.O200K_BASE),
            new Prefix("chatgpt-4o-", EncodingType.O200K_BASE),
            new Prefix("o1", EncodingType.O200K_BASE),
            new Prefix("o3", EncodingType.O200K_BASE),
            new Prefix("o4-mini", EncodingType.O200K_BASE),
            new Prefix("ft:gpt-4o", EncodingType.O200K_BASE),
            new Prefix("gpt-oss", EncodingType.O200K_BASE),
            new Prefix("gpt-4-", EncodingType.CL100K_BASE),
            new Prefix("gpt-3.5-turbo", EncodingType.CL100K_BASE),
            new Prefix("gpt-35-turbo", EncodingType.CL100K_BASE), // Azure's spelling
            new Prefix("ft:gpt-4", EncodingType.CL100K_BASE),
            new Prefix("ft:gpt-3.5-turbo", EncodingType.CL100K_BASE),
            new Prefix("text-embedding-3-", EncodingType.CL100K_BASE),
            new Prefix("text-embedding-ada-002", EncodingType.CL100K_BASE));

    private OpenAiEncodings() {}

    static Optional<EncodingType> forModel(String model) {
        String name = model.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("openai/")) {
            name = name.substring("openai/".length());
        }
        if (name.equals("gpt-4")) {
            return Optional.of(EncodingType.CL100K_BASE);
        }
        for (Prefix p : PREFIXES) {
            if (name.startsWith(p.prefix())) {
                return Optional.of(p.encoding());
            }
        }
        return Optional.empty();
    }
}
