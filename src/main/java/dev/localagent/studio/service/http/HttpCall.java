package dev.localagent.studio.service.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request to send: method, address, headers and an optional JSON body. Immutable.
 * {@link #toString()} leaves the header values out, because they carry API keys.
 */
public record HttpCall(String method, URI uri, Map<String, String> headers, byte[] body, RouteSettings route) {

    public HttpCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(route, "route");
        headers = Map.copyOf(headers);
        body = body == null ? null : body.clone();
    }

    public static HttpCall get(URI uri, Map<String, String> headers, RouteSettings route) {
        return new HttpCall("GET", uri, headers, null, route);
    }

    public static HttpCall postJson(URI uri, Map<String, String> headers, byte[] json, RouteSettings route) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return new HttpCall("POST", uri, all, json, route);
    }

    @Override
    public byte[] body() {
        return body == null ? null : body.clone();
    }

    int bodyLength() {
        return body == null ? 0 : body.length;
    }

    @Override
    public String toString() {
        return "HttpCall[" + method + " " + uri + ", headers=" + headers.keySet() + ", body=" + bodyLength() + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpCall c && c.method.equals(method) && c.uri.equals(uri) && c.headers.equals(headers)
                && java.util.Arrays.equals(c.body, body) && c.route.equals(route);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, uri, headers, route) * 31 + java.util.Arrays.hashCode(body);
    }
}
