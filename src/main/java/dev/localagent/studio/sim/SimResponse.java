package dev.localagent.studio.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A whole (not streamed) reply: status, content type, body and extra headers. Immutable. */
record SimResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json";
    static final String JSON_UTF8 = "application/json; charset=utf-8";

    SimResponse {
        headers = Map.copyOf(headers);
    }

    static SimResponse json(int status, JsonNode body) {
        return new SimResponse(status, JSON, SimJson.bytes(body), Map.of());
    }

    static SimResponse json(int status, String contentType, JsonNode body) {
        return new SimResponse(status, contentType, SimJson.bytes(body), Map.of());
    }

    static SimResponse text(int status, String contentType, String body) {
        return new SimResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    SimResponse withHeaders(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new SimResponse(status, contentType, body, all);
    }
}
