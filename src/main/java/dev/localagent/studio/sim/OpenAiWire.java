package dev.localagent.studio.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localagent.studio.sim.fault.DurationText;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** OpenAI's error objects, rate-limit headers, model objects and id alphabets, shared by the persona's request and stream code. */
final class OpenAiWire {

    private OpenAiWire() {}

    static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();


    /** Shows a wrong key the way OpenAI does: a few characters at each end, the rest starred. */
    static String mask(String key) {
        if (key.length() <= 8) {
            return "*".repeat(key.length());
        }
        return key.substring(0, 3) + "*".repeat(Math.min(40, key.length() - 7)) + key.substring(key.length() - 4);
    }


    static Map<String, String> rateLimitHeaders(RateLimiter.Verdict v) {
        Map<String, String> h = new LinkedHashMap<>();
        if (v.limitRequests() > 0) {
            h.put("x-ratelimit-limit-requests", Integer.toString(v.limitRequests()));
            h.put("x-ratelimit-remaining-requests", Integer.toString(v.remainingRequests()));
            h.put("x-ratelimit-reset-requests", DurationText.go(roundMs(v.resetRequests())));
        }
        if (v.limitTokens() > 0) {
            h.put("x-ratelimit-limit-tokens", Integer.toString(v.limitTokens()));
            h.put("x-ratelimit-remaining-tokens", Integer.toString(v.remainingTokens()));
            h.put("x-ratelimit-reset-tokens", DurationText.go(roundMs(v.resetTokens())));
        }
        return h;
    }


    static java.time.Duration roundMs(java.time.Duration d) {
        return java.time.Duration.ofMillis((d.toNanos() + 999_999) / 1_000_000);
    }


    static String serverMessage(int status) {
        return switch (status) {
            case 502 -> "Bad gateway.";
            case 503 -> "The engine is currently overloaded, please try again later.";
            case 529 -> "The server is overloaded. Please try again later.";
            default -> "The server had an error while processing your request. Sorry about that!";
        };
    }


    static SimResponse invalidType(String param, String expected, JsonNode got) {
        return error(400, "Invalid type for '" + param + "': expected " + expected + ", but got " + article(SimJson.typeName(got)) + " instead.",
                "invalid_request_error", param, "invalid_type");
    }


    static String article(String type) {
        return (type.startsWith("a") || type.startsWith("i") || type.startsWith("o") ? "an " : "a ") + type;
    }


    static SimResponse error(int status, String message, String type, String param, String code) {
        return SimResponse.json(status, errorBody(message, type, param, code));
    }


    static ObjectNode errorBody(String message, String type, String param, String code) {
        ObjectNode root = SimJson.object();
        ObjectNode e = root.putObject("error").put("message", message).put("type", type);
        if (param == null) {
            e.putNull("param");
        } else {
            e.put("param", param);
        }
        if (code == null) {
            e.putNull("code");
        } else {
            e.put("code", code);
        }
        return root;
    }


    static ObjectNode modelJson(SimModel m) {
        return SimJson.object().put("id", m.id()).put("object", "model").put("created", m.created()).put("owned_by", "system");
    }


    static String randomTail(int length) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHANUMERIC[r.nextInt(ALPHANUMERIC.length)];
        }
        return new String(out);
    }


    /** Appends what {@link #randomTail(int)} returns, without the string. */
    static void randomTail(FrameBuffer into, int length) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            into.ascii(ALPHANUMERIC[r.nextInt(ALPHANUMERIC.length)]);
        }
    }

    static String randomHex(int length) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder out = new StringBuilder(length + 16);
        while (out.length() < length) {
            String hex = Long.toHexString(r.nextLong() | Long.MIN_VALUE);
            out.append(hex);
        }
        out.setLength(length);
        return out.toString();
    }
}
