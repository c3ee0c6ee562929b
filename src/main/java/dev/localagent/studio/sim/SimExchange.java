package dev.localagent.studio.sim;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request and its reply on the JDK server, with what every persona needs: a size-limited body,
 * query parameters, whole replies, and streams whose frames are flushed one by one. Records the
 * status in the statistics. Not thread-safe: one request, one thread.
 */
final class SimExchange {

    /** Thrown to cut the connection without ending the HTTP message: the server closes the socket. */
    static final class ConnectionDrop extends RuntimeException {
        ConnectionDrop() {
            super("connection dropped on purpose", null, false, false);
        }
    }

    /** The request body was larger than the limit. */
    static final class BodyTooLarge extends Exception {
        BodyTooLarge() {
            super("body too large", null, false, false);
        }
    }

    private final HttpExchange exchange;
    private final SimStats stats;
    private final long receivedNanos = System.nanoTime();
    private String persona = "none";
    private boolean headersSent;
    private boolean handedOver;
    private Map<String, String> query;

    SimExchange(HttpExchange exchange, SimStats stats) {
        this.exchange = exchange;
        this.stats = stats;
    }

    void persona(Persona p) {
        this.persona = p.id();
    }

    long receivedNanos() {
        return receivedNanos;
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String path() {
        return exchange.getRequestURI().getRawPath();
    }

    String rawQuery() {
        return exchange.getRequestURI().getRawQuery();
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    boolean fromLoopback() {
        return exchange.getRemoteAddress().getAddress().isLoopbackAddress();
    }

    String query(String name) {
        if (query == null) {
            query = new LinkedHashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    String k = eq < 0 ? pair : pair.substring(0, eq);
                    String v = eq < 0 ? "" : pair.substring(eq + 1);
                    try {
                        query.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException badEscape) {
                        query.putIfAbsent(k, v);
                    }
                }
            }
        }
        return query.get(name);
    }

    /** Reads the whole body, refusing more than {@code limit} bytes without reading them all. */
    byte[] body(int limit) throws IOException, BodyTooLarge {
        String declared = header("Content-Length");
        InputStream in = exchange.getRequestBody();
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException malformed) {
                length = -1; // the JDK server rejects these itself; read to the end as below
            }
            if (length > limit) {
                throw new BodyTooLarge();
            }
            if (length >= 0) {
                // the common case: read exactly what was announced, no intermediate buffers
                return in.readNBytes((int) length);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            if (out.size() > limit) {
                throw new BodyTooLarge();
            }
        }
        return out.toByteArray();
    }

    boolean headersSent() {
        return headersSent;
    }

    void send(SimResponse response) throws IOException {
        send(response, Map.of());
    }

    /**
     * Sends {@code response} with {@code more} headers on top (a header in both takes the value
     * from {@code more}): what {@code send(response.withHeaders(more))} sends, without copying
     * the maps and the response for every reply.
     */
    void send(SimResponse response, Map<String, String> more) throws IOException {
        Headers h = exchange.getResponseHeaders();
        h.set("Content-Type", response.contentType());
        response.headers().forEach(h::set);
        more.forEach(h::set);
        headersSent = true;
        stats.recordStatus(persona, response.status());
        boolean head = "HEAD".equals(method());
        exchange.sendResponseHeaders(response.status(), head ? -1 : response.body().length == 0 ? -1 : response.body().length);
        if (!head && response.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    /** Sends a 200 with chunked transfer encoding; write frames to the stream and flush each. */
    OutputStream startStream(String contentType, Map<String, String> headers) throws IOException {
        Headers h = exchange.getResponseHeaders();
        h.set("Content-Type", contentType);
        h.set("Cache-Control", "no-cache");
        headers.forEach(h::set);
        headersSent = true;
        stats.recordStatus(persona, 200);
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    /**
     * The reply is a stream that goes on after the handler returns: {@link #close} no longer
     * closes the exchange, {@link #endHandedOver} does when the stream is over.
     */
    void handOver() {
        handedOver = true;
    }

    /** Ends the exchange after a handler returned: unless the reply was {@linkplain #handOver handed over}. */
    void close() {
        if (!handedOver) {
            exchange.close();
        }
    }

    /** Ends a handed-over exchange (on whichever thread ended its stream). */
    void endHandedOver() {
        exchange.close();
    }
}
