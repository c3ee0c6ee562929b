package dev.localagent.studio.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A simulator on a free loopback port plus plain clients to talk to it: the JDK's HttpClient for
 * ordinary requests and a raw socket where the exact bytes on the wire matter. Never our provider
 * clients: a misreading there must not hide a server bug.
 */
final class SimHarness implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final SimServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    SimHarness(SimOptions options) throws IOException {
        this.server = SimServer.start(options);
    }

    /** An instant (unpaced), healthy simulator. */
    static SimHarness instant() throws IOException {
        return new SimHarness(SimOptions.builder().fixedPacing(Pacing.INSTANT).build());
    }

    static SimOptions.Builder instantOptions() {
        return SimOptions.builder().fixedPacing(Pacing.INSTANT);
    }

    URI uri(String pathAndQuery) {
        return URI.create(server.baseUrl() + pathAndQuery);
    }

    HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a POST over a raw socket and returns every byte until the server closes the connection. */
    byte[] raw(String path, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                    + payload.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            try {
                while ((n = in.read(buffer)) >= 0) {
                    all.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // a dropped connection may arrive as a reset: what was read so far is the answer
            }
            return all.toByteArray();
        }
    }

    /** The body of a raw HTTP/1.1 response with chunked encoding, de-chunked; {@code complete} tells whether the 0-chunk came. */
    record Dechunked(String head, String body, boolean complete) {}

    static Dechunked dechunk(byte[] raw) {
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        int split = all.indexOf("\r\n\r\n");
        String head = all.substring(0, split);
        int at = split + 4;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (at < all.length()) {
            int eol = all.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(all.substring(at, eol).trim(), 16);
            if (size == 0) {
                return new Dechunked(head, body.toString(StandardCharsets.UTF_8), true);
            }
            if (eol + 2 + size > raw.length) {
                body.write(raw, eol + 2, raw.length - eol - 2);
                break;
            }
            body.write(raw, eol + 2, size);
            at = eol + 2 + size + 2;
        }
        return new Dechunked(head, body.toString(StandardCharsets.UTF_8), false);
    }

    static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    @Override
    public void close() {
        server.close();
    }
}
