package dev.localagent.studio.sim;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A {@link SimExchange} on the JDK's {@code com.sun.net.httpserver}, kept for A/B comparisons
 * with our own server ({@code -Dsim.server=jdk}). Not thread-safe: one request, one thread.
 */
final class JdkSimExchange extends SimExchange {

    private final HttpExchange exchange;

    JdkSimExchange(HttpExchange exchange, SimStats stats) {
        super(stats);
        this.exchange = exchange;
    }

    @Override
    String method() {
        return exchange.getRequestMethod();
    }

    @Override
    String path() {
        return exchange.getRequestURI().getRawPath();
    }

    @Override
    String rawQuery() {
        return exchange.getRequestURI().getRawQuery();
    }

    @Override
    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    @Override
    InetSocketAddress remoteAddress() {
        return exchange.getRemoteAddress();
    }

    @Override
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

    @Override
    protected void sendWhole(int status, List<String> headers, byte[] body, boolean head) throws IOException {
        Headers h = exchange.getResponseHeaders();
        for (int i = 0; i < headers.size(); i += 2) {
            h.set(headers.get(i), headers.get(i + 1));
        }
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    protected OutputStream sendStreamHead(List<String> headers, boolean withFirstFrame) throws IOException {
        Headers h = exchange.getResponseHeaders();
        for (int i = 0; i < headers.size(); i += 2) {
            h.set(headers.get(i), headers.get(i + 1));
        }
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    @Override
    protected void finish() {
        exchange.close();
    }

    @Override
    protected void finishHandedOver() {
        exchange.close();
    }
}
