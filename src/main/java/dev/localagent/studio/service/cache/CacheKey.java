package dev.localagent.studio.service.cache;

import dev.localagent.studio.model.ChatMessage;
import dev.localagent.studio.model.ChatRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The SHA-256 of a canonical form of a call: provider, base URL, API-key fingerprint, model,
 * system prompt, messages and every parameter that changes the answer. {@code stream} is left out
 * on purpose, so a streamed and a plain call share their reply.
 *
 * <p>The canonical form writes every field with a presence byte and a length prefix, so no two
 * different requests can run together into the same bytes ("ab"+"c" versus "a"+"bc"). The leading
 * version string changes whenever the form does, so old keys can never match new requests.
 *
 * @param hex 64 lower-case hex digits
 */
public record CacheKey(String hex) {

    private static final String FORM_VERSION = "cache-key/1";

    public CacheKey {
        Objects.requireNonNull(hex, "hex");
    }

    public static CacheKey of(CacheRequest call) {
        Canonical form = new Canonical();
        form.text(FORM_VERSION);
        form.text(call.providerId());
        form.text(call.kind().id());
        form.text(normalisedBaseUrl(call.baseUrl()));
        form.text(call.apiKey().hex());
        ChatRequest r = call.request();
        form.text(r.model());
        form.text(r.systemPrompt());
        form.count(r.messages().size());
        for (ChatMessage m : r.messages()) {
            form.text(m.role().name());
            form.text(m.content());
        }
        form.number(r.temperature());
        form.number(r.topP());
        form.number(r.maxOutputTokens() == null ? null : r.maxOutputTokens().longValue());
        form.number(r.seed());
        List<String> stop = r.stop();
        form.count(stop.size());
        stop.forEach(form::text);
        return new CacheKey(HexFormat.of().formatHex(form.digest.digest()));
    }

    /** A short form for lists and logs; the full key is only needed to evict one entry. */
    public String shortHex() {
        return hex.substring(0, Math.min(12, hex.length()));
    }

    @Override
    public String toString() {
        return "CacheKey[" + shortHex() + "]";
    }

    /** The same server written two ways ("HTTP://Host/v1/" and "http://host/v1") is one server. */
    static String normalisedBaseUrl(String baseUrl) {
        if (baseUrl == null) {
            return "";
        }
        String trimmed = baseUrl.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return trimmed;
            }
            // Scheme and host are case-insensitive; the path is not.
            return new URI(uri.getScheme().toLowerCase(Locale.ROOT), uri.getUserInfo(), uri.getHost().toLowerCase(Locale.ROOT),
                    uri.getPort(), uri.getPath(), uri.getQuery(), null).toString();
        } catch (URISyntaxException e) {
            return trimmed;
        }
    }

    /** Writes typed, length-prefixed fields straight into the digest. */
    private static final class Canonical {
        private static final byte ABSENT = 0;
        private static final byte PRESENT = 1;

        private final MessageDigest digest;
        private final ByteBuffer scratch = ByteBuffer.allocate(Long.BYTES + 1);

        Canonical() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }

        void text(String value) {
            if (value == null) {
                digest.update(ABSENT);
                return;
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            digest.update(PRESENT);
            count(bytes.length);
            digest.update(bytes);
        }

        void count(int n) {
            scratch.clear();
            scratch.putInt(n);
            digest.update(scratch.array(), 0, Integer.BYTES);
        }

        void number(Double value) {
            // 0.0 and -0.0 ask for the same sampling.
            number(value == null ? null : Double.doubleToLongBits(value == 0.0 ? 0.0 : value));
        }

        void number(Long value) {
            if (value == null) {
                digest.update(ABSENT);
                return;
            }
            scratch.clear();
            scratch.put(PRESENT).putLong(value);
            digest.update(scratch.array(), 0, Long.BYTES + 1);
        }
    }
}
