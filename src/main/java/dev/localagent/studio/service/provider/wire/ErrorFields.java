package dev.localagent.studio.service.provider.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * The parts of an error body that decide its type, read from any of the providers' shapes:
 * Ollama's {@code {"error":"text"}}, OpenAI's {@code {"error":{message,type,param,code}}}, Google's
 * {@code {"error":{code,message,status,details}}} (also wrapped in an array), Perplexity's integer
 * {@code code}, vLLM's flat {@code {"object":"error",...}}. Every field may be null.
 *
 * @param code a string whatever the wire type (OpenAI sends strings, Google and Perplexity integers)
 * @param status Google's RPC status ({@code RESOURCE_EXHAUSTED})
 * @param reason Google's {@code ErrorInfo.reason} ({@code API_KEY_INVALID})
 * @param retryDelay Google's {@code RetryInfo.retryDelay}
 */
public record ErrorFields(String message, String type, String code, String status, String reason, Duration retryDelay) {

    public static final ErrorFields NONE = new ErrorFields(null, null, null, null, null, null);

    public static ErrorFields message(String text) {
        return new ErrorFields(text, null, null, null, null, null);
    }

    /** Reads an error document; returns null when the JSON holds no error. */
    public static ErrorFields from(JsonNode root) {
        if (root == null) {
            return null;
        }
        if (root.isArray()) {
            return root.isEmpty() ? null : from(root.get(0));
        }
        JsonNode error = root.get("error");
        if (error == null || error.isNull()) {
            if ("error".equals(WireJson.text(root.get("object")))) {
                error = root; // vLLM's older flat shape
            } else {
                return null;
            }
        }
        return fromErrorValue(error);
    }

    /** Reads the value of an {@code error} field: a string (Ollama) or an object (everyone else). */
    public static ErrorFields fromErrorValue(JsonNode error) {
        if (error.isTextual()) {
            return message(error.asText());
        }
        String reason = null;
        Duration retryDelay = null;
        JsonNode details = error.get("details");
        if (details != null && details.isArray()) {
            for (JsonNode d : details) {
                String kind = WireJson.text(d.get("@type"));
                if (kind == null) {
                    continue;
                }
                if (kind.endsWith("google.rpc.ErrorInfo")) {
                    reason = WireJson.text(d.get("reason"));
                } else if (kind.endsWith("google.rpc.RetryInfo")) {
                    retryDelay = GoDuration.parse(WireJson.text(d.get("retryDelay")));
                }
            }
        }
        return new ErrorFields(WireJson.text(error.get("message")), WireJson.text(error.get("type")),
                WireJson.text(error.get("code")), WireJson.text(error.get("status")), reason, retryDelay);
    }
}
