package dev.localagent.studio.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request and its reply, with what every persona needs: a size-limited body, query
 * parameters, whole replies, and streams whose frames are flushed one by one. Records the status
 * in the statistics. Two servers sit under it: our own ({@link HttpConnection}, the default) and
 * the JDK's ({@link JdkSimExchange}, {@code -Dsim.server=jdk}); see
 * docs/decisions/2026-11-29-simulator-own-http-server.md. Not thread-safe: one request, one thread
 * (a handed-over stream's frames are written by one thread at a time).
 */
abstract class SimExchange {

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

    private final SimStats stats;
    private final long receivedNanos = System.nanoTime();
    private String persona = "none";
    private boolean headersSent;
    private boolean handedOver;
    private Map<String, String> query;

    SimExchange(SimStats stats) {
        this.stats = stats;
    }

    void persona(Persona p) {
        this.persona = p.id();
    }

    long receivedNanos() {
        return receivedNanos;
    }

    abstract String method();

    /** The raw (still percent-encoded) path. */
    abstract String path();

    /** The raw query, or null without a {@code ?}. */
    abstract String rawQuery();

    /** The first value of a request header, looked up ignoring case; null if absent. */
    abstract String header(String name);

    abstract InetSocketAddress remoteAddress();

    /** Reads the whole body, refusing more than {@code limit} bytes without reading them all. */
    abstract byte[] body(int limit) throws IOException, BodyTooLarge;

    /** Writes a whole reply; {@code headers} are name, value pairs, names unique ignoring case. */
    protected abstract void sendWhole(int status, List<String> headers, byte[] body, boolean head) throws IOException;

    /**
     * Writes the head of a streamed 200; the returned stream writes each {@code write} as it comes,
     * and ends the message on close. With {@code withFirstFrame} a transport may hold the head back
     * and send it in the same write as the first frame (or on the first flush or close): the caller
     * says so only when that frame is due at once.
     */
    protected abstract OutputStream sendStreamHead(List<String> headers, boolean withFirstFrame) throws IOException;

    /** Ends the exchange after its handler returned (not a handed-over one). */
    protected abstract void finish();

    /** Ends a handed-over exchange once its stream is over. */
    protected abstract void finishHandedOver();

    boolean fromLoopback() {
        return remoteAddress().getAddress().isLoopbackAddress();
    }

    String query(String name) {
        if (query == null) {
            query = new LinkedHashMap<>();
            String raw = rawQuery();
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
        List<String> h = new ArrayList<>(4 + 2 * (response.headers().size() + more.size()));
        set(h, "Content-Type", response.contentType());
        response.headers().forEach((k, v) -> set(h, k, v));
        more.forEach((k, v) -> set(h, k, v));
        headersSent = true;
        stats.recordStatus(persona, response.status());
        sendWhole(response.status(), h, response.body(), "HEAD".equals(method()));
    }

    /** Sends a 200 with chunked transfer encoding; write frames to the stream and flush each. */
    OutputStream startStream(String contentType, Map<String, String> headers) throws IOException {
        return startStream(contentType, headers, false);
    }

    /** Like {@link #startStream(String, Map)}; {@code withFirstFrame}: see {@link #sendStreamHead}. */
    OutputStream startStream(String contentType, Map<String, String> headers, boolean withFirstFrame) throws IOException {
        List<String> h = new ArrayList<>(4 + 2 * headers.size());
        set(h, "Content-Type", contentType);
        set(h, "Cache-Control", "no-cache");
        headers.forEach((k, v) -> set(h, k, v));
        headersSent = true;
        stats.recordStatus(persona, 200);
        return sendStreamHead(h, withFirstFrame);
    }

    /** Sets a header in a list of pairs, replacing one of the same name ignoring case (as the JDK's Headers.set did). */
    private static void set(List<String> pairs, String name, String value) {
        for (int i = 0; i < pairs.size(); i += 2) {
            if (pairs.get(i).equalsIgnoreCase(name)) {
                pairs.set(i + 1, value);
                return;
            }
        }
        pairs.add(name);
        pairs.add(value);
    }

    /**
     * The reply is a stream that goes on after the handler returns: {@link #close} no longer
     * closes the exchange, {@link #endHandedOver} does when the stream is over.
     */
    void handOver() {
        handedOver = true;
    }

    boolean handedOver() {
        return handedOver;
    }

    /** Ends the exchange after a handler returned: unless the reply was {@linkplain #handOver handed over}. */
    void close() {
        if (!handedOver) {
            finish();
        }
    }

    /** Ends a handed-over exchange (on whichever thread ended its stream). */
    void endHandedOver() {
        finishHandedOver();
    }
}
