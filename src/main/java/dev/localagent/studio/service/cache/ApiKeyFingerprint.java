package dev.localagent.studio.service.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What separates two API keys in the cache without holding either: the first 8 bytes of the key's
 * SHA-256, in hex. The key itself never reaches a cache key, an entry, a log line or a toString.
 *
 * @param hex 16 lower-case hex digits, or {@code "none"} for a provider that needs no key
 */
public record ApiKeyFingerprint(String hex) {

    /** A provider without a key (a local Ollama, the simulator). */
    public static final ApiKeyFingerprint NONE = new ApiKeyFingerprint("none");

    private static final Pattern HEX16 = Pattern.compile("[0-9a-f]{16}");

    public ApiKeyFingerprint {
        Objects.requireNonNull(hex, "hex");
        if (!hex.equals("none") && !HEX16.matcher(hex).matches()) {
            // Refusing anything else stops a raw key from being passed in by mistake.
            throw new IllegalArgumentException("a fingerprint is 16 hex digits or \"none\"");
        }
    }

    /** The fingerprint of a key; a null or blank key is {@link #NONE}. */
    public static ApiKeyFingerprint of(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return NONE;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return new ApiKeyFingerprint(HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
